import { describe, expect, it } from "vitest";
import { compile } from "./compile";
import { advance } from "./execute";
import type { Graph } from "./graph";
import { describeJourney, parseCancelDetail, type JourneyInput, type JourneyMessage } from "./journey";
import { formatDelay, messageHeadline } from "./journey-format";
import type { Rule } from "./rule";
import { seedGraphs } from "./seed-graphs";
import type { EventRecord } from "./types";

// Traces come from the real engine (advance) plus the entry the matcher writes on entry,
// so these tests read exactly what production stores.
const T0 = new Date("2026-11-26T10:02:00Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const user = { id: "u1", email: null, phone: null, name: null, attributes: {} };
const app = { id: "app", name: "Shop" };
const addToCart: EventRecord = { id: "ev_cart", event: "ADDTOCART", userId: "u1", data: { qty: "2" }, timestamp: T0 };
const purchase = (at: Date): EventRecord => ({ id: "ev_buy", event: "PURCHASE", userId: "u1", data: {}, timestamp: at });

const cart = { graph: seedGraphs.cartAbandonment, rule: compile(seedGraphs.cartAbandonment) };

// The matcher stamps entry with the time it ran, a little after the event happened.
function entered(rule: Rule, trigger: EventRecord) {
  return { nodeId: rule.trigger.nodeId, at: new Date(trigger.timestamp.getTime() + 30_000).toISOString(), what: "passed", detail: `entered from ${trigger.event}` };
}

function message(fields: Partial<JourneyMessage>): JourneyMessage {
  return { id: "msg_1", nodeId: "send", channel: "push", status: "sent", title: null, subject: null, body: "You left 2 items", error: null, ...fields };
}

/** Runs the engine from entry at `now` and describes the enrollment it leaves behind. */
function run(
  flow: { graph: Graph; rule: Rule },
  opts: { now: Date; trigger?: EventRecord; later?: EventRecord[]; messages?: JourneyMessage[]; extra?: Partial<JourneyInput> },
) {
  const trigger = opts.trigger ?? addToCart;
  const step = advance({ nodeId: flow.rule.entry, dueAt: null }, { now: opts.now, connectorId: "con1", rule: flow.rule, trigger, user, app, laterEvents: opts.later ?? [] });
  const { outcome } = step;
  const ended = outcome.status !== "waiting";
  return describeJourney({
    connectorName: "Cart abandonment",
    version: 3,
    connectorPaused: false,
    status: outcome.status === "waiting" ? "active" : outcome.status,
    nodeId: outcome.status === "completed" ? null : outcome.nodeId,
    dueAt: outcome.status === "waiting" ? outcome.dueAt : null,
    endReason: outcome.status === "cancelled" ? `Cancelled by event ${outcome.byEventId}` : null,
    endedAt: ended ? opts.now : null,
    createdAt: trigger.timestamp,
    triggeredAt: trigger.timestamp,
    trace: [entered(flow.rule, trigger), ...step.trace],
    rule: flow.rule,
    graph: flow.graph,
    messages: opts.messages ?? [],
    cancelledBy: null,
    ...opts.extra,
  });
}

const texts = (d: { steps: { text: string }[] }) => d.steps.map((s) => s.text);

describe("formatDelay", () => {
  it.each<[number, unknown, string]>([
    [60_000, { amount: 1, unit: "minutes" }, "1 minute"],
    [90 * 60_000, { amount: 90, unit: "minutes" }, "90 minutes"],
    [3_600_000, { amount: 1, unit: "hours" }, "1 hour"],
    [24 * 3_600_000, { amount: 24, unit: "hours" }, "24 hours"],
    [86_400_000, { amount: 1, unit: "days" }, "1 day"],
    [2 * 86_400_000, { amount: 2, unit: "days" }, "2 days"],
    // Without the drawn node (or with one that disagrees), the largest even unit.
    [86_400_000, undefined, "1 day"],
    [24 * 3_600_000, { amount: 12, unit: "hours" }, "1 day"],
    [1_800_000, { amount: 0.5, unit: "hours" }, "30 minutes"],
    [3_000, { amount: 0.05, unit: "minutes" }, "3 seconds"],
    [1_000, null, "1 second"],
  ])("%d ms drawn as %j → %s", (ms, drawn, expected) => {
    expect(formatDelay(ms, drawn)).toBe(expected);
  });
});

describe("messageHeadline", () => {
  it.each<[Parameters<typeof messageHeadline>[0], string]>([
    [{ channel: "email", subject: "Order A-1 confirmed", title: null, body: "Thanks" }, "Order A-1 confirmed"],
    [{ channel: "push", subject: null, title: "Hurry", body: "Only a few left" }, "Hurry"],
    [{ channel: "sms", subject: null, title: null, body: "Line one\nline two" }, "Line one"],
    [{ channel: "push", subject: null, title: "  ", body: "x".repeat(80) }, `${"x".repeat(59)}…`],
  ])("%j → %s", (msg, expected) => {
    expect(messageHeadline(msg)).toBe(expected);
  });
});

describe("parseCancelDetail", () => {
  it("reads both the engine's and the matcher's wording", () => {
    expect(parseCancelDetail("by PURCHASE at 2026-11-26T13:40:00.000Z")).toEqual({ event: "PURCHASE", timestamp: new Date("2026-11-26T13:40:00Z") });
    expect(parseCancelDetail("order paid at 2026-11-26T13:40:00.000Z")).toEqual({ event: "order paid", timestamp: new Date("2026-11-26T13:40:00Z") });
    expect(parseCancelDetail("by PURCHASE")).toBeNull();
    expect(parseCancelDetail(undefined)).toBeNull();
  });
});

describe("describeJourney", () => {
  it("tells a completed cart reminder: waited, checked, sent", () => {
    const d = run(cart, { now: minutes(25 * 60), messages: [message({ body: "You left 2 items (120.00 EUR)" })] });
    expect(d.status).toBe("completed");
    expect(texts(d)).toEqual([
      "Entered from ADDTOCART",
      "Waited 24 hours",
      "No PURCHASE since entering, so not cancelled",
      "Sent push 'You left 2 items (120.00 EUR)'",
      "Completed",
    ]);
    expect(d.steps.map((s) => s.kind)).toEqual(["entered", "waited", "checked", "sent", "completed"]);
    expect(d.steps[3]?.messageId).toBe("msg_1");
    // The story starts when the user acted: delays count from the trigger event's timestamp.
    expect(d.steps[0]?.at).toBe(T0.toISOString());
    expect(d.summary).toBe(
      "Entered Cart abandonment v3 at Nov 26, 10:02 UTC from ADDTOCART · waited 24 hours · sent push 'You left 2 items (120.00 EUR)' · completed",
    );
    expect(d.waiting).toBeNull();
  });

  it("says what an in-progress enrollment waits for and until when", () => {
    const d = run(cart, { now: minutes(1) });
    expect(d.status).toBe("in_progress");
    expect(texts(d)).toEqual(["Entered from ADDTOCART", "Waiting 24 hours"]);
    expect(d.waiting).toEqual({
      nodeId: "delay",
      until: "2026-11-27T10:02:00.000Z",
      delay: "24 hours",
      cancelEvents: ["PURCHASE"],
      text: "Waiting 24 hours, until Nov 27, 10:02 UTC; PURCHASE before then cancels it",
    });
    expect(d.summary).toBe(
      "Entered Cart abandonment v3 at Nov 26, 10:02 UTC from ADDTOCART · waiting 24 hours, until Nov 27, 10:02 UTC; PURCHASE before then cancels it",
    );
  });

  it("names the cancelling event and its time when the engine cancels at the cancel step", () => {
    // The purchase came in after the wait, but before the tick that reached the cancel step.
    const d = run(cart, { now: minutes(25 * 60), later: [purchase(minutes(24 * 60 + 30))] });
    expect(d.status).toBe("cancelled");
    expect(texts(d)).toEqual(["Entered from ADDTOCART", "Waited 24 hours", "Cancelled by PURCHASE"]);
    expect(d.summary).toBe("Entered Cart abandonment v3 at Nov 26, 10:02 UTC from ADDTOCART · waited 24 hours · cancelled by PURCHASE at Nov 27, 10:32 UTC");
  });

  it("dates a cancel found on entering a delay at the cancelling event, not at the start of the wait", () => {
    // The purchase arrived in the same batch as a backdated cart, before the first run.
    const d = run(cart, { now: minutes(6 * 60), later: [purchase(minutes(3 * 60))] });
    expect(d.steps.map((s) => [s.kind, s.text, s.at])).toEqual([
      ["entered", "Entered from ADDTOCART", T0.toISOString()],
      ["cancelled", "Cancelled by PURCHASE", minutes(3 * 60).toISOString()],
    ]);
  });

  it("names the cancelling event when the matcher cancels a waiting enrollment", () => {
    const waiting = advance({ nodeId: cart.rule.entry, dueAt: null }, { now: minutes(1), connectorId: "con1", rule: cart.rule, trigger: addToCart, user, app, laterEvents: [] });
    // The entry lib/server/engine/match-events.ts appends when PURCHASE arrives during the wait.
    const cancelled = { nodeId: "cancel", at: minutes(218).toISOString(), what: "cancelled", detail: `PURCHASE at ${minutes(218).toISOString()}` };
    const d = describeJourney({
      connectorName: "Cart abandonment", version: 3, connectorPaused: false, status: "cancelled", nodeId: "cancel", dueAt: null,
      endReason: "Cancelled by event ev_buy", endedAt: minutes(218), createdAt: T0, triggeredAt: T0,
      trace: [entered(cart.rule, addToCart), ...waiting.trace, cancelled], rule: cart.rule, graph: cart.graph, messages: [], cancelledBy: null,
    });
    expect(texts(d)).toEqual(["Entered from ADDTOCART", "Started waiting 24 hours", "Cancelled by PURCHASE"]);
    expect(d.steps.map((s) => s.kind)).toEqual(["entered", "delay", "cancelled"]);
    expect(d.summary).toBe("Entered Cart abandonment v3 at Nov 26, 10:02 UTC from ADDTOCART · started waiting 24 hours · cancelled by PURCHASE at Nov 26, 13:40 UTC");
  });

  it("falls back to the looked-up event when the trace does not name the cancel", () => {
    const d = describeJourney({
      connectorName: "Cart abandonment", version: 1, connectorPaused: false, status: "cancelled", nodeId: "cancel", dueAt: null,
      endReason: "Cancelled by event ev_buy", endedAt: minutes(218), createdAt: T0, triggeredAt: T0, trace: [entered(cart.rule, addToCart)],
      rule: cart.rule, graph: cart.graph, messages: [], cancelledBy: { event: "PURCHASE", timestamp: minutes(218) },
    });
    expect(texts(d)).toEqual(["Entered from ADDTOCART", "Cancelled by PURCHASE"]);
    expect(d.summary).toContain("cancelled by PURCHASE at Nov 26, 13:40 UTC");
  });

  const bigSpender: Graph = {
    nodes: [
      { id: "t", type: "trigger", position: { x: 0, y: 0 }, data: { kind: "event", event: "PURCHASE" } },
      { id: "big", type: "condition", position: { x: 0, y: 0 }, data: { where: [{ path: "event.data.amount", op: "gte", value: 100 }] } },
      { id: "thanks", type: "action", position: { x: 0, y: 0 }, data: { kind: "send", channel: "email", subject: "Thank you, big spender", body: "Hi" } },
      { id: "seg", type: "action", position: { x: 0, y: 0 }, data: { kind: "addToSegment", segment: "{{ event.data.shop }}" } },
    ],
    edges: [
      { id: "e1", source: "t", target: "big", sourceHandle: null },
      { id: "e2", source: "big", target: "thanks", sourceHandle: "yes" },
      { id: "e3", source: "big", target: "seg", sourceHandle: "no" },
    ],
  };
  const branching = { graph: bigSpender, rule: compile(bigSpender) };
  const order = (amount: number, data: Record<string, unknown> = {}): EventRecord => ({ id: "ev_o", event: "PURCHASE", userId: "u1", data: { amount, ...data }, timestamp: T0 });

  it.each<[string, EventRecord, JourneyMessage[], string[]]>([
    [
      "yes, and a sent email",
      order(150),
      [message({ nodeId: "thanks", channel: "email", subject: "Thank you, big spender", body: "Hi" })],
      ["Entered from PURCHASE", "Checked whether event.data.amount is at least 100: yes", "Sent email 'Thank you, big spender'", "Completed"],
    ],
    [
      "yes, and a skipped email with its reason",
      order(150),
      [message({ nodeId: "thanks", channel: "email", status: "skipped", subject: "Thank you, big spender", error: "The user has no email address" })],
      ["Entered from PURCHASE", "Checked whether event.data.amount is at least 100: yes", "Skipped email 'Thank you, big spender': The user has no email address", "Completed"],
    ],
    [
      "yes, and a failed email",
      order(150),
      [message({ nodeId: "thanks", channel: "email", status: "failed", subject: "Thank you, big spender", error: "SMTP 550" })],
      ["Entered from PURCHASE", "Checked whether event.data.amount is at least 100: yes", "Could not send email 'Thank you, big spender': SMTP 550", "Completed"],
    ],
    [
      "yes, and an email still queued",
      order(150),
      [message({ nodeId: "thanks", channel: "email", status: "queued", subject: "Thank you, big spender" })],
      ["Entered from PURCHASE", "Checked whether event.data.amount is at least 100: yes", "Queued email 'Thank you, big spender' for delivery", "Completed"],
    ],
    [
      "no, and added to a segment",
      order(20, { shop: "Utrecht" }),
      [],
      ["Entered from PURCHASE", "Checked whether event.data.amount is at least 100: no", "Added to segment Utrecht", "Completed"],
    ],
    [
      "no, and a segment name that rendered empty",
      order(20),
      [],
      ["Entered from PURCHASE", "Checked whether event.data.amount is at least 100: no", "Skipped adding to a segment: the segment name rendered empty", "Completed"],
    ],
  ])("branches: %s", (_, trigger, messages, expected) => {
    expect(texts(run(branching, { now: minutes(1), trigger, messages }))).toEqual(expected);
  });

  it("tells a send to a segment and a removal from one", () => {
    const restock = { graph: seedGraphs.backInStockRestocked, rule: compile(seedGraphs.backInStockRestocked) };
    const trigger: EventRecord = { id: "ev_r", event: "PRODUCT_RESTOCKED", userId: "u1", data: { product: "kettle" }, timestamp: T0 };
    expect(texts(run(restock, { now: minutes(1), trigger }))).toEqual([
      "Entered from PRODUCT_RESTOCKED",
      "Sent push to the members of segment Waitlist kettle",
      "Completed",
    ]);
    const leave: Graph = {
      nodes: [
        { id: "t", type: "trigger", position: { x: 0, y: 0 }, data: { kind: "event", event: "UNSUBSCRIBE" } },
        { id: "out", type: "action", position: { x: 0, y: 0 }, data: { kind: "removeFromSegment", segment: "Newsletter" } },
      ],
      edges: [{ id: "e1", source: "t", target: "out", sourceHandle: null }],
    };
    const trigger2: EventRecord = { ...trigger, event: "UNSUBSCRIBE" };
    expect(texts(run({ graph: leave, rule: compile(leave) }, { now: minutes(1), trigger: trigger2 }))).toEqual([
      "Entered from UNSUBSCRIBE",
      "Removed from segment Newsletter",
      "Completed",
    ]);
  });

  it("says a send step ran without a recorded message rather than inventing one", () => {
    const welcome = { graph: seedGraphs.welcome, rule: compile(seedGraphs.welcome) };
    const trigger: EventRecord = { ...addToCart, event: "ONBOARDING_COMPLETE" };
    const d = run(welcome, { now: minutes(1), trigger });
    expect(d.steps[1]).toMatchObject({ kind: "acted", text: "Ran the push step; no message was recorded", messageId: null });
  });

  it.each<[string, Partial<JourneyInput>, string, string]>([
    ["failed", { status: "failed", endReason: "Template output too large", endedAt: minutes(5) }, "failed", "Failed: Template output too large"],
    ["exited", { status: "exited", endReason: "The connector was deleted", endedAt: minutes(5) }, "exited", "Exited: The connector was deleted"],
  ])("ends a %s enrollment with its reason", (_, extra, status, last) => {
    const d = describeJourney({
      connectorName: "Cart abandonment", version: 2, connectorPaused: false, nodeId: "delay", dueAt: null, endReason: null, endedAt: null,
      createdAt: T0, triggeredAt: T0, trace: [entered(cart.rule, addToCart)], rule: cart.rule, graph: cart.graph, messages: [], cancelledBy: null,
      status: "active", ...extra,
    });
    expect(d.status).toBe(status);
    expect(d.steps.at(-1)).toMatchObject({ kind: status, text: last, at: minutes(5).toISOString() });
    expect(d.summary.endsWith(` · ${last.charAt(0).toLowerCase()}${last.slice(1)}`)).toBe(true);
    expect(d.waiting).toBeNull();
  });

  it("says an enrollment not yet run starts with the next pass, and a paused one waits for its connector", () => {
    const base: JourneyInput = {
      connectorName: "Cart abandonment", version: 1, connectorPaused: false, status: "entered", nodeId: "delay", dueAt: T0, endReason: null,
      endedAt: null, createdAt: T0, triggeredAt: T0, trace: [entered(cart.rule, addToCart)], rule: cart.rule, graph: cart.graph, messages: [], cancelledBy: null,
    };
    expect(describeJourney(base).waiting?.text).toBe("Starting with the next scheduler pass");
    expect(describeJourney({ ...base, status: "active", connectorPaused: true }).waiting?.text).toBe("Paused with the connector; resumes when it is resumed");
  });

  it("enters from an inactivity trigger", () => {
    const dormant = compile(seedGraphs.dormantUsers);
    const d = describeJourney({
      connectorName: "Dormant users", version: 1, connectorPaused: false, status: "entered", nodeId: "send", dueAt: T0, endReason: null,
      endedAt: null, createdAt: T0, triggeredAt: T0, trace: [{ nodeId: "trigger", at: T0.toISOString(), what: "passed", detail: "no app.open for 30 days" }],
      rule: dormant, graph: seedGraphs.dormantUsers, messages: [], cancelledBy: null,
    });
    expect(texts(d)).toEqual(["Entered: no app.open for 30 days"]);
    expect(d.summary).toBe("Entered Dormant users v1 at Nov 26, 10:02 UTC (no app.open for 30 days) · starting with the next scheduler pass");
  });

  it("tolerates an unreadable trace and rule", () => {
    const d = describeJourney({
      connectorName: "Old", version: 1, connectorPaused: false, status: "completed", nodeId: null, dueAt: null, endReason: null,
      endedAt: minutes(3), createdAt: T0, triggeredAt: T0, trace: [null, { nodeId: 1 }, { nodeId: "x", at: "not a date", what: "passed" }, "junk"],
      rule: null, graph: "junk", messages: [], cancelledBy: null,
    });
    expect(texts(d)).toEqual(["Completed"]);
    expect(d.summary).toBe("Entered Old v1 at Nov 26, 10:02 UTC · completed");
  });
});
