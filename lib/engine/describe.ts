import { OPERATORS, operatorDefinitions, type Operator } from "./operators";

// One-line summaries for canvas nodes and the per-user trace. The canvas shows drafts,
// so every read here tolerates missing or mistyped data instead of throwing.

const MISSING = "…";
const MAX_TEXT = 60;

type Data = Record<string, unknown>;

function asData(value: unknown): Data {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Data) : {};
}

function text(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? value : null;
}

function positive(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? value : null;
}

function shorten(value: string): string {
  return value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT - 1)}…` : value;
}

function plural(amount: number, unit: string): string {
  return `${amount} ${amount === 1 ? unit : `${unit}s`}`;
}

function isOperator(value: unknown): value is Operator {
  return typeof value === "string" && (OPERATORS as readonly string[]).includes(value);
}

function formatValue(value: unknown): string {
  if (Array.isArray(value)) return value.map(formatValue).join(", ");
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return String(value);
  return MISSING;
}

export function describeFilter(filter: unknown): string {
  const { path, op, value } = asData(filter);
  const field = text(path) ?? MISSING;
  if (!isOperator(op)) return `${field} ${MISSING}`;
  const definition = operatorDefinitions[op];
  return definition.needsValue === "none" ? `${field} ${definition.label}` : `${field} ${definition.label} ${formatValue(value)}`;
}

function describeFilters(filters: unknown, joiner: string): string | null {
  if (!Array.isArray(filters) || filters.length === 0) return null;
  return filters.map(describeFilter).join(joiner);
}

function describeTrigger(data: Data): string {
  if (data.kind === "inactivity") {
    const days = positive(data.days);
    return `No ${text(data.event) ?? "app.open"} for ${days === null ? `${MISSING} days` : plural(days, "day")}`;
  }
  let summary = `When ${text(data.event) ?? MISSING}`;
  const occurrences = asData(data.occurrences);
  const atLeast = positive(occurrences.atLeast);
  if (atLeast !== null && atLeast > 1) summary += ` happens ${atLeast} times`;
  const sameValueOf = text(occurrences.sameValueOf);
  if (atLeast !== null && sameValueOf) summary += ` with the same ${sameValueOf}`;
  const hours = positive(occurrences.withinHours);
  if (atLeast !== null && hours !== null) {
    summary += ` within ${hours % 24 === 0 ? plural(hours / 24, "day") : plural(hours, "hour")}`;
  }
  const where = describeFilters(data.where, " and ");
  return where ? `${summary} where ${where}` : summary;
}

function describeDelay(data: Data): string {
  const amount = positive(data.amount);
  const unit = typeof data.unit === "string" && ["minutes", "hours", "days"].includes(data.unit) ? data.unit.slice(0, -1) : null;
  if (amount === null || unit === null) return `Wait ${MISSING}`;
  return `Wait ${plural(amount, unit)}`;
}

function describeCancel(data: Data): string {
  const events = Array.isArray(data.events) ? data.events.filter((event) => text(event) !== null) : [];
  let summary = `Cancel if ${events.length > 0 ? events.join(" or ") : MISSING}`;
  const where = describeFilters(data.where, " and ");
  if (where) summary += ` where ${where}`;
  const same = Array.isArray(data.sameValueOf) ? data.sameValueOf.filter((path) => text(path) !== null) : [];
  if (same.length > 0) summary += ` with the same ${same.join(" and ")}`;
  return summary;
}

const CHANNEL_LABELS: Record<string, string> = { push: "Push", email: "Email", sms: "SMS", webhook: "Webhook" };

// Email is recognised by its subject; other channels by title, then body.
function headline(data: Data): string {
  const candidate = data.channel === "email" ? text(data.subject) ?? text(data.body) : text(data.title) ?? text(data.body);
  return candidate ? shorten(candidate) : MISSING;
}

function describeAction(data: Data): string {
  const channel = typeof data.channel === "string" && Object.hasOwn(CHANNEL_LABELS, data.channel) ? CHANNEL_LABELS[data.channel] : undefined;
  const segment = text(data.segment) ?? MISSING;
  switch (data.kind) {
    case "send":
      return `${channel ?? "Send"}: ${headline(data)}`;
    case "addToSegment":
      return `Add to segment ${segment}`;
    case "removeFromSegment":
      return `Remove from segment ${segment}`;
    case "sendToSegment":
      return `Send to segment ${segment}${channel ? ` by ${channel.toLowerCase()}` : ""}: ${headline(data)}`;
    default:
      return `Action ${MISSING}`;
  }
}

export function describeNode(type: string, data: unknown): string {
  const fields = asData(data);
  switch (type) {
    case "trigger":
      return describeTrigger(fields);
    case "delay":
      return describeDelay(fields);
    case "cancel":
      return describeCancel(fields);
    case "condition": {
      const joiner = fields.match === "any" ? " or " : " and ";
      return `If ${describeFilters(fields.where, joiner) ?? MISSING}`;
    }
    case "action":
      return describeAction(fields);
    default:
      return MISSING;
  }
}
