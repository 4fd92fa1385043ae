// IANA time zone names, checked and written the way the runtime's time zone database
// spells them ("europe/lisbon" → "Europe/Lisbon"), so a zone is stored once, in one
// spelling, and every later date computation can use it as it is.
import { z } from "zod";

/** The canonical name of an IANA time zone, or null if it is not one. */
export function canonicalTimeZone(name: unknown): string | null {
  if (typeof name !== "string" || name.trim() === "" || name.length > 64) return null;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: name.trim() }).resolvedOptions().timeZone;
  } catch {
    return null; // RangeError: not a time zone this runtime knows
  }
}

/** A time zone given by a person or an app: its canonical name, or a clear error. */
export const timeZoneSchema = z
  .string()
  .transform((name, ctx) => canonicalTimeZone(name) ?? (ctx.addIssue({ code: "custom", message: "timezone must be an IANA time zone name, like Europe/Lisbon" }), z.NEVER));

/** "14:05" in that zone, for a profile's "local time". */
export function localTime(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(at);
}
