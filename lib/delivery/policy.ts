// Respectful delivery, as API.md "Respectful delivery" specifies: topics a person can
// leave, the send options every send carries, and the application's delivery policy
// (quiet hours and caps). Schemas and words only; the decisions are in quiet-hours.ts
// and caps.ts, applied to stored messages by lib/server/delivery/gate.ts.
import { z } from "zod";
import { timeZoneSchema } from "../time-zone";
import { CHANNELS, DELAY_UNITS, UNIT_MS, type Channel } from "../engine/nodes/fields";

export { topicKeySchema, type SendOptions } from "../engine/nodes/fields";

export const BUILT_IN_TOPICS = [
  { key: "marketing", name: "Marketing", default: "subscribed" },
  { key: "transactional", name: "Transactional", default: "subscribed" },
] as const;
export const DEFAULT_TOPIC = "marketing";
/** The topic nobody can leave: receipts, password resets. */
export const TRANSACTIONAL = "transactional";

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: "Use 24-hour HH:MM, e.g. 21:00" });

export const CAP_CHANNELS = [...CHANNELS, "any"] as const;
export type CapChannel = (typeof CAP_CHANNELS)[number];

export const quietHoursSchema = z
  .object({
    start: clock,
    end: clock,
    channels: z.array(z.enum(CHANNELS, { error: "Choose push, email, sms or webhook" })).min(1, { error: "Choose at least one channel" }),
    mode: z.enum(["hold", "drop"], { error: "Choose hold or drop" }).default("hold"),
  })
  .refine((q) => q.start !== q.end, { path: ["end"], message: "The window ends when it starts: choose a different end" });
export type QuietHours = z.infer<typeof quietHoursSchema>;

export const capSchema = z.object({
  channel: z.enum(CAP_CHANNELS, { error: "Choose push, email, sms, webhook or any" }),
  max: z.number().int().min(1, { error: "At least 1" }).max(1000),
  per: z.object({
    amount: z.number().int().min(1, { error: "At least 1" }).max(1000),
    unit: z.enum(DELAY_UNITS, { error: "Choose minutes, hours or days" }),
  }),
});
export type Cap = z.infer<typeof capSchema>;

export const deliveryPolicySchema = z.object({
  timezone: timeZoneSchema.default("UTC"),
  quietHours: quietHoursSchema.nullable().default(null),
  caps: z.array(capSchema).max(20, { error: "At most 20 caps" }).default([]),
  capMode: z.enum(["drop", "defer"], { error: "Choose drop or defer" }).default("drop"),
});
export type DeliveryPolicy = z.infer<typeof deliveryPolicySchema>;

export const NO_POLICY: DeliveryPolicy = { timezone: "UTC", quietHours: null, caps: [], capMode: "drop" };

export const capWindowMs = (cap: Cap) => cap.per.amount * UNIT_MS[cap.per.unit];

/** Whether a cap counts messages on this channel: "any" is every channel but webhook. */
export const capCovers = (cap: Cap, channel: Channel) => (cap.channel === "any" ? channel !== "webhook" : cap.channel === channel);

const UNIT_WORDS = { minutes: "minute", hours: "hour", days: "day" } as const;

/** "At most 3 push per user per day", "At most 10 messages per user per 7 days". */
export function describeCap(cap: Cap): string {
  const what = cap.channel === "any" ? (cap.max === 1 ? "message" : "messages") : cap.channel === "email" && cap.max !== 1 ? "emails" : cap.channel;
  const unit = UNIT_WORDS[cap.per.unit];
  const per = cap.per.amount === 1 ? unit : `${cap.per.amount} ${unit}s`;
  return `At most ${cap.max} ${what} per user per ${per}`;
}

/** "Push and SMS wait from 21:00 to 08:00 in each user's time zone". */
export function describeQuietHours(quiet: QuietHours): string {
  const names = quiet.channels.map((c) => (c === "sms" ? "SMS" : c === "push" ? "Push" : c === "email" ? "Email" : "Webhook"));
  const list = names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : names[0];
  const verb = quiet.mode === "hold" ? (names.length > 1 ? "wait" : "waits") : names.length > 1 ? "are dropped" : "is dropped";
  return `${list} ${verb} from ${quiet.start} to ${quiet.end} in each user's time zone`;
}
