// The publish-time warnings of a compiled rule, from what the server read about the
// application: event names logged lately, the other live connectors, the number of users
// and the forecast. Pure: the server layer (lib/server/engine/connector-check.ts) reads,
// this decides. Warnings never block publishing; they ask a person to look.
import type { Rule } from "@/lib/engine/rule";
import { CHECK_WINDOW_DAYS, VOLUME_SHARE, type CheckWarning, type Forecast } from "./check-result";
import { channelWord, formatPerDay } from "./forecast";
import { orList, similarNames } from "./similar-names";

// Names Cue records itself (lib/server/channels/lifecycle.ts, delivery/subscriptions.ts):
// spelled right by construction, and quiet only because nothing happened yet (no message
// opened this month), so never flagged. app.open and app.close are the SDK's: an app that
// never logs app.open cannot have anyone inactive since, so those are checked like any name.
export const CUE_RECORDED_EVENTS: readonly string[] = [
  "message.sent",
  "message.failed",
  "message.opened",
  "message.clicked",
  "message.replied",
  "user.subscribed",
  "user.unsubscribed",
];

type Role = "trigger" | "inactivity" | "cancel" | "wait";
export type ListenedEvent = { nodeId: string; event: string; role: Role };

/** Every event name the rule starts on, cancels on or waits for, with its node. */
export function listenedEvents(rule: Rule): ListenedEvent[] {
  const found: ListenedEvent[] = [{ nodeId: rule.trigger.nodeId, event: rule.trigger.event, role: rule.trigger.kind === "inactivity" ? "inactivity" : "trigger" }];
  for (const step of Object.values(rule.steps)) {
    if (step.type === "cancel") for (const event of step.events) found.push({ nodeId: step.id, event, role: "cancel" });
    if (step.type === "wait") found.push({ nodeId: step.id, event: step.event, role: "wait" });
  }
  return found;
}

/** The channels the rule sends on (send and sendToSegment actions). */
export function sendChannels(rule: Rule): Set<string> {
  const channels = new Set<string>();
  for (const step of Object.values(rule.steps)) {
    if (step.type === "action" && (step.action.kind === "send" || step.action.kind === "sendToSegment")) channels.add(step.action.channel);
  }
  return channels;
}

const CONSEQUENCE: Record<Role, (event: string) => string> = {
  trigger: () => "Until the app logs it, no one enters this connector.",
  inactivity: (event) => `Inactivity counts from each user's last ${event}, so no one would enter.`,
  cancel: () => "Until the app logs it, nothing cancels here.",
  wait: () => "Until the app logs it, every wait here ends on no.",
};

function unseenEvents(rule: Rule, logged: ReadonlyMap<string, number>): CheckWarning[] {
  const warnings: CheckWarning[] = [];
  for (const { nodeId, event, role } of listenedEvents(rule)) {
    if ((logged.get(event) ?? 0) > 0 || CUE_RECORDED_EVENTS.includes(event)) continue;
    // Cue's own names are offered too: "message.open" is most likely message.opened.
    const known = new Map(logged);
    for (const name of CUE_RECORDED_EVENTS) if (!known.has(name)) known.set(name, 0);
    const suggestions = similarNames(event, known);
    const seen = `${event} has not been logged in the last ${CHECK_WINDOW_DAYS} days.`;
    warnings.push({
      code: "unseen_event",
      nodeId,
      message: suggestions.length > 0 ? `${seen} Did you mean ${orList(suggestions)}?` : `${seen} ${CONSEQUENCE[role](event)}`,
      ...(suggestions.length > 0 ? { suggestions } : {}),
    });
  }
  return warnings;
}

export type LiveConnectorRule = { id: string; name: string; rule: Rule };

// Two connectors on one trigger (same kind, same event) that send on a common channel
// message the same users at the same moment. Their filters may keep them apart; that is
// for the person to judge, so the warning says "may".
function overlaps(rule: Rule, live: readonly LiveConnectorRule[]): CheckWarning[] {
  const channels = sendChannels(rule);
  const warnings: CheckWarning[] = [];
  for (const other of live) {
    if (other.rule.trigger.kind !== rule.trigger.kind || other.rule.trigger.event !== rule.trigger.event) continue;
    const shared = [...sendChannels(other.rule)].filter((channel) => channels.has(channel)).sort();
    if (shared.length === 0) continue;
    const starts = rule.trigger.kind === "inactivity" ? `on inactivity in ${rule.trigger.event}` : `on ${rule.trigger.event}`;
    warnings.push({
      code: "overlap",
      nodeId: rule.trigger.nodeId,
      connectorId: other.id,
      message: `“${other.name}” is live, also starts ${starts} and sends by ${orList(shared.map(channelWord))}: the same users may get both messages.`,
    });
  }
  return warnings;
}

function volume(forecast: Forecast, users: number): CheckWarning[] {
  if (users === 0 || forecast.messagesPerDay <= users * VOLUME_SHARE) return [];
  const share = Math.round((forecast.messagesPerDay / users) * 100);
  return [
    {
      code: "volume",
      message:
        `About ${formatPerDay(forecast.messagesPerDay)} messages a day is ${share}% of the application's ${users.toLocaleString("en-US")} users every day; ` +
        `above ${Math.round(VOLUME_SHARE * 100)}% a day, people tire of messages and unsubscribe.`,
    },
  ];
}

export type WarningInput = {
  /** Event names logged in the last CHECK_WINDOW_DAYS days, with how often. */
  logged: ReadonlyMap<string, number>;
  /** The application's other live connectors, each with the rule of its live version. */
  live: readonly LiveConnectorRule[];
  /** How many users the application has. */
  users: number;
  forecast: Forecast;
};

export function checkWarnings(rule: Rule, input: WarningInput): CheckWarning[] {
  return [...unseenEvents(rule, input.logged), ...overlaps(rule, input.live), ...volume(input.forecast, input.users)];
}
