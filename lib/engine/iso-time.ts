// A step's trace writes its time as ISO text: a backtest writes millions. V8's
// toISOString is a runtime call costing about half a microsecond, a second of a
// million-event backtest (measured in the built server's profile), so the common years
// are written here from the epoch milliseconds (the civil-from-days arithmetic of
// H. Hinnant, "chrono-Compatible Low-Level Date Algorithms"); iso-time.test.ts holds it
// to toISOString over random instants. The steps of one advance mostly share an instant
// (a walk enters and starts its delay at the trigger's time; its delay passes, its cancel
// check runs and its message goes at the due time), so the last instant's text is kept.
const DAY = 86_400_000;
// Four-digit years, 1000 to 9999: outside them toISOString's own form (±YYYYYY) applies.
const FIRST = Date.UTC(1000, 0, 1);
const END = Date.UTC(10000, 0, 1);

let lastMs = Number.NaN;
let lastIso = "";

const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);

function written(ms: number): string {
  const days = Math.floor(ms / DAY);
  let time = ms - days * DAY;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const hours = Math.floor(time / 3_600_000);
  time -= hours * 3_600_000;
  const minutes = Math.floor(time / 60_000);
  time -= minutes * 60_000;
  const seconds = Math.floor(time / 1000);
  const millis = time - seconds * 1000;
  return `${year}-${two(month)}-${two(day)}T${two(hours)}:${two(minutes)}:${two(seconds)}.${millis < 10 ? "00" : millis < 100 ? "0" : ""}${millis}Z`;
}

/** date.toISOString(), remembered for the last instant asked. */
export function isoTime(date: Date): string {
  const ms = date.getTime();
  if (ms !== lastMs) {
    lastIso = ms >= FIRST && ms < END ? written(ms) : date.toISOString();
    lastMs = ms;
  }
  return lastIso;
}
