// Quiet hours in a person's own time zone: whether a moment falls inside the window
// [start, end) of their local clock (a window may wrap midnight), and when it ends.
// @date-fns/tz does the calendar arithmetic, so a daylight-saving change moves the end
// with the local clock, not by a fixed number of hours.
import { TZDate } from "@date-fns/tz";
import type { QuietHours } from "./policy";

const minutesOf = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

function inWindow(minute: number, start: number, end: number): boolean {
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

/** The moment the quiet window around `at` ends in `timeZone`, or null when `at` is outside it. */
export function quietUntil(at: Date, timeZone: string, quiet: Pick<QuietHours, "start" | "end">): Date | null {
  const local = new TZDate(at.getTime(), timeZone);
  const minute = local.getHours() * 60 + local.getMinutes();
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (!inWindow(minute, start, end)) return null;
  const [hours, minutes] = [Math.floor(end / 60), end % 60];
  // Today's end, or tomorrow's when the window wrapped past midnight and we are before it ends... or after it began.
  let until = new TZDate(local.getFullYear(), local.getMonth(), local.getDate(), hours, minutes, 0, timeZone);
  if (until.getTime() <= at.getTime()) {
    until = new TZDate(local.getFullYear(), local.getMonth(), local.getDate() + 1, hours, minutes, 0, timeZone);
  }
  return new Date(until.getTime());
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * "08:00 Europe/Lisbon": a moment on the person's clock, for reasons and journeys; with
 * `from`, the date too when it falls on another local day ("Jan 16, 10:00 Europe/Lisbon").
 */
export function clockIn(at: Date, timeZone: string, from?: Date): string {
  const local = new TZDate(at.getTime(), timeZone);
  const pad = (n: number) => String(n).padStart(2, "0");
  const clock = `${pad(local.getHours())}:${pad(local.getMinutes())} ${timeZone}`;
  if (!from) return clock;
  const start = new TZDate(from.getTime(), timeZone);
  const sameDay = start.getFullYear() === local.getFullYear() && start.getMonth() === local.getMonth() && start.getDate() === local.getDate();
  return sameDay ? clock : `${MONTHS[local.getMonth()]} ${local.getDate()}, ${clock}`;
}
