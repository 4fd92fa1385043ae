// What happens to one message under the person's consent and the application's policy:
// queued (goes out at sendAt), held (kept back until sendAt, then decided again) or
// skipped, each with the reason in words. Pure: the gate (lib/server/delivery/gate.ts)
// brings the consent, the policy and the user's recent messages from the database.
import type { Channel } from "../engine/nodes/fields";
import { capExceeded, type Slot } from "./caps";
import { describeCap, TRANSACTIONAL, type DeliveryPolicy } from "./policy";
import { clockIn, quietUntil } from "./quiet-hours";

export type Pending = {
  channel: Channel;
  topic: string;
  /** When the message is due: its step's due time, or a held message's release. */
  at: Date;
  ignoreQuietHours: boolean;
  ignoreCaps: boolean;
  /** The user's own IANA zone, when known; else the policy's. */
  timezone: string | null;
};

export type Consent = { topic: { subscribed: boolean; name: string }; channel: boolean };

/** A user's explicit choice of one topic or channel (the Subscription table's rows). */
export type Choice = { kind: string; key: string; subscribed: boolean };

/**
 * A user's consent for one message from their choices: a topic they never chose stands at
 * its default (one the app does not have counts as opt-in: nobody chose it); a channel at
 * subscribed; webhooks go to the app's own endpoint, never to the person.
 */
export function consentOf(choices: readonly Choice[], channel: Channel, topicKey: string, topic: { name: string; default: string } | undefined): Consent {
  const chosen = (kind: string, key: string) => choices.find((c) => c.kind === kind && c.key === key)?.subscribed;
  return {
    topic: { subscribed: chosen("topic", topicKey) ?? (topic ? topic.default === "subscribed" : false), name: topic?.name ?? topicKey },
    channel: channel === "webhook" ? true : (chosen("channel", channel) ?? true),
  };
}

export type Verdict = { status: "queued" | "held" | "skipped"; reason: string | null; sendAt: Date };

const CHANNEL_WORD: Record<Channel, string> = { push: "push", email: "email", sms: "SMS", webhook: "webhooks" };

export function decide(message: Pending, consent: Consent, policy: DeliveryPolicy, slots: Slot[]): Verdict {
  const { at, channel } = message;
  if (!consent.channel) return { status: "skipped", reason: `Unsubscribed from ${CHANNEL_WORD[channel]}`, sendAt: at };
  const transactional = message.topic === TRANSACTIONAL;
  if (!transactional && !consent.topic.subscribed) return { status: "skipped", reason: `Unsubscribed from ${consent.topic.name}`, sendAt: at };

  const zone = message.timezone ?? policy.timezone;
  const quiet = policy.quietHours;
  if (quiet && !transactional && !message.ignoreQuietHours && quiet.channels.includes(channel)) {
    const until = quietUntil(at, zone, quiet);
    if (until) {
      return quiet.mode === "hold"
        ? { status: "held", reason: `Held for quiet hours until ${clockIn(until, zone)}`, sendAt: until }
        : { status: "skipped", reason: `Quiet hours (${quiet.start}–${quiet.end} ${zone})`, sendAt: at };
    }
  }

  if (!transactional && !message.ignoreCaps) {
    const exceeded = capExceeded(policy.caps, slots, channel, at);
    if (exceeded) {
      const rule = describeCap(exceeded.cap).replace(/^At most/, "at most");
      return policy.capMode === "defer"
        ? { status: "held", reason: `Held by the cap (${rule}) until ${clockIn(exceeded.roomAt, zone, at)}`, sendAt: exceeded.roomAt }
        : { status: "skipped", reason: `Capped: ${rule}`, sendAt: at };
    }
  }
  return { status: "queued", reason: null, sendAt: at };
}
