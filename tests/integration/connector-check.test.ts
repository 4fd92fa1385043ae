// POST /connectors/{id}/check and the warnings publish answers: names never logged (with
// the logged spelling suggested), overlaps with live connectors, volume, the forecast
// from the rollups, and problems, on the real route handlers and database.
import { beforeAll, describe, expect, it } from "vitest";
import type { Graph } from "@/lib/engine/graph";
import { sqlDb } from "@/lib/server/db";
import { createTestApp, type TestApp } from "./api-client";

type Node = Graph["nodes"][number];

function chain(trigger: Record<string, unknown>, ...actions: Record<string, unknown>[]): Graph {
  const nodes: Node[] = [
    { id: "t", type: "trigger", position: { x: 0, y: 0 }, data: trigger },
    ...actions.map((data, index): Node => ({ id: `a${index + 1}`, type: "action", position: { x: 0, y: 150 * (index + 1) }, data })),
  ];
  return { nodes, edges: nodes.slice(1).map((node, index) => ({ id: `e${index + 1}`, source: nodes[index]!.id, target: node.id, sourceHandle: null })) };
}
const onEvent = (event: string) => ({ kind: "event", event, reentry: "always" });
const push = (body = "Hello") => ({ kind: "send", channel: "push", body });
const email = { kind: "send", channel: "email", subject: "Hi", body: "Hello" };
const sms = { kind: "send", channel: "sms", body: "Hello" };

async function logEvents(t: TestApp, events: { userId: string; event: string }[]) {
  const answer = await t.app("POST", "/api/v1/events", { events });
  expect(answer.status).toBe(202);
}

async function draft(t: TestApp, name: string, graph: Graph): Promise<string> {
  const created = await t.master("POST", "/api/v1/connectors", { name, graph });
  expect(created.status).toBe(201);
  return created.body.id;
}

const check = (t: TestApp, id: string, body?: unknown) => t.master("POST", `/api/v1/connectors/${id}/check`, body);

describe("unseen_event and the forecast", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp("Check: event names");
    // The app logs ADDTOCART (five users), never ADD_TO_CART.
    await logEvents(t, [1, 2, 3, 4, 5].map((n) => ({ userId: `u${n}`, event: "ADDTOCART" })));
  });

  it("flags a trigger event never logged and suggests the logged spelling", async () => {
    const id = await draft(t, "Cart (typo)", chain(onEvent("ADD_TO_CART"), push()));
    const answer = await check(t, id);
    expect(answer.status).toBe(200);
    expect(answer.body.problems).toEqual([]);
    expect(answer.body.warnings).toEqual([
      {
        code: "unseen_event",
        nodeId: "t",
        message: "ADD_TO_CART has not been logged in the last 30 days. Did you mean ADDTOCART?",
        suggestions: ["ADDTOCART"],
      },
    ]);
    // Nothing logged, nothing forecast.
    expect(answer.body.forecast).toEqual({ messagesPerDay: 0, byChannel: { push: 0 }, notes: ["ADD_TO_CART was not logged in the last 30 days."] });
  });

  it("checks an unsaved graph when one is given, and writes nothing", async () => {
    const id = await draft(t, "Cart (unsaved fix)", chain(onEvent("ADD_TO_CART"), push()));
    const answer = await check(t, id, { graph: chain(onEvent("ADDTOCART"), push(), email) });
    expect(answer.status).toBe(200);
    expect(answer.body.warnings.filter((w: { code: string }) => w.code === "unseen_event")).toEqual([]);
    // Five ADDTOCART today, in an application that started logging today: five a day, each sending push and email.
    expect(answer.body.forecast.messagesPerDay).toBe(10);
    expect(answer.body.forecast.byChannel).toEqual({ push: 5, email: 5 });
    expect(answer.body.forecast.notes[0]).toBe("ADDTOCART was logged about 5 times a day over the days since the application's first event.");
    const stored = await t.master("GET", `/api/v1/connectors/${id}`);
    expect(stored.body.graph.nodes[0].data.event).toBe("ADD_TO_CART");
    expect(stored.body.status).toBe("draft");
  });

  it("warns about volume above 10% of the application's users a day", async () => {
    // Ten messages a day for five users.
    const id = await draft(t, "Cart (loud)", chain(onEvent("ADDTOCART"), push(), email));
    const { body } = await check(t, id);
    expect(body.warnings).toEqual([
      {
        code: "volume",
        message: "About 10 messages a day is 200% of the application's 5 users every day; above 10% a day, people tire of messages and unsubscribe.",
      },
    ]);
  });

  it("accepts an empty body or {} and refuses a graph that does not parse", async () => {
    const id = await draft(t, "Cart (bodies)", chain(onEvent("ADDTOCART"), push()));
    expect((await check(t, id, {})).status).toBe(200);
    const dangling = await check(t, id, { graph: { nodes: [], edges: [{ id: "e", source: "x", target: "y" }] } });
    expect(dangling.status).toBe(400);
    expect(dangling.body.error.code).toBe("invalid_request");
  });

  it("publish answers the same warnings next to status and version, and still publishes", async () => {
    const id = await draft(t, "Cart (published typo)", chain(onEvent("ADD_TO_CART"), push()));
    const published = await t.master("POST", `/api/v1/connectors/${id}/publish`);
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ id, status: "active", version: 1 });
    expect(published.body.warnings).toEqual([
      {
        code: "unseen_event",
        nodeId: "t",
        message: "ADD_TO_CART has not been logged in the last 30 days. Did you mean ADDTOCART?",
        suggestions: ["ADDTOCART"],
      },
    ]);
    // Publishing it again as it is answers them again.
    const again = await t.master("POST", `/api/v1/connectors/${id}/publish`);
    expect(again.body).toMatchObject({ version: 1, warnings: [{ code: "unseen_event" }] });
  });
});

describe("overlap with live connectors", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp("Check: overlap");
    // Enough users that the volume stays under 10%.
    await logEvents(t, [
      ...Array.from({ length: 40 }, (_, n) => ({ userId: `p${n}`, event: "app.open" })),
      { userId: "p1", event: "PURCHASE" },
    ]);
  });

  it("names the live connector that starts on the same event and sends on the same channel", async () => {
    const live = await draft(t, "Order confirmation", chain(onEvent("PURCHASE"), email));
    expect((await t.master("POST", `/api/v1/connectors/${live}/publish`)).status).toBe(200);
    const smsOnly = await draft(t, "SMS receipt", chain(onEvent("PURCHASE"), sms));
    expect((await t.master("POST", `/api/v1/connectors/${smsOnly}/publish`)).status).toBe(200);
    // A draft on the same event and channel overlaps; a paused one would not count.
    const paused = await draft(t, "Old thanks", chain(onEvent("PURCHASE"), push("Thanks")));
    expect((await t.master("POST", `/api/v1/connectors/${paused}/publish`)).status).toBe(200);
    expect((await t.master("POST", `/api/v1/connectors/${paused}/pause`)).status).toBe(200);

    const id = await draft(t, "Thank-you", chain(onEvent("PURCHASE"), push("Thanks"), email));
    const { body } = await check(t, id);
    expect(body.warnings).toEqual([
      {
        code: "overlap",
        nodeId: "t",
        connectorId: live,
        message: "“Order confirmation” is live, also starts on PURCHASE and sends by email: the same users may get both messages.",
      },
    ]);
    expect(body.forecast).toMatchObject({ messagesPerDay: 2, byChannel: { push: 1, email: 1 } });

    // A live connector is never its own overlap.
    const own = await check(t, live);
    expect(own.body.warnings).toEqual([]);
  });
});

describe("forecasts from the other rollups", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp("Check: segments and inactivity");
  });

  it("sends to a segment's members for each trigger", async () => {
    await logEvents(t, [
      { userId: "w1", event: "PRODUCT_RESTOCKED" },
      { userId: "w2", event: "PRODUCT_RESTOCKED" },
      ...Array.from({ length: 60 }, (_, n) => ({ userId: `m${n}`, event: "SIGNUP" })),
    ]);
    for (const [name, members] of [["Waitlist shoes", ["m1", "m2", "m3", "m4"]], ["Waitlist hats", ["m5", "m6"]]] as const) {
      const segment = await t.master("POST", "/api/v1/segments", { name, kind: "manual" });
      expect(segment.status).toBe(201);
      expect((await t.master("POST", `/api/v1/segments/${segment.body.id}/members`, { userIds: members })).status).toBe(200);
    }
    const id = await draft(
      t,
      "Back in stock",
      chain(onEvent("PRODUCT_RESTOCKED"), { kind: "sendToSegment", segment: "Waitlist {{ event.data.product }}", channel: "push", body: "Back in stock" }),
    );
    const { body } = await check(t, id);
    // Two restocks a day, each to a waitlist of three on average.
    expect(body.forecast.messagesPerDay).toBe(6);
    expect(body.warnings).toEqual([]);
  });

  it("estimates an inactivity trigger on app.open from the users who fell silent lately", async () => {
    const sql = await sqlDb();
    const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
    // Three users last active 35–50 days ago fell silent for 30 days within the last 30; one 70 days ago did not; one is active.
    const rows = [["s1", 35], ["s2", 40], ["s3", 50], ["s4", 70], ["s5", 1]] as const;
    for (const [userId, ago] of rows) {
      await sql.execute(`INSERT INTO "ActiveDay" ("appId", day, "userId") VALUES ($1, $2::date, $3)`, [t.id, daysAgo(ago), userId]);
    }
    await logEvents(t, [{ userId: "s5", event: "app.open" }]);
    const id = await draft(t, "We miss you", chain({ kind: "inactivity", event: "app.open", days: 30 }, push("We miss you")));
    const { body } = await check(t, id);
    expect(body.forecast.messagesPerDay).toBe(0.1);
    expect(body.forecast.notes[0]).toBe("About 0.1 users a day fell silent for 30 days over the last 30 days.");
    expect(body.warnings).toEqual([]);
  });
});

describe("problems and access", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp("Check: problems");
  });

  it("lists the problems publish would refuse with, and no warnings or forecast", async () => {
    const id = await draft(t, "Broken", chain(onEvent("SIGNUP"), { kind: "send", channel: "push", body: " " }));
    const { status, body } = await check(t, id);
    expect(status).toBe(200);
    expect(body.problems).toEqual([expect.objectContaining({ nodeId: "a1", message: "Write the message" })]);
    expect(body).toMatchObject({ warnings: [], forecast: null });
    const refused = await t.master("POST", `/api/v1/connectors/${id}/publish`);
    expect(refused.status).toBe(422);
    expect(refused.body.error.details).toEqual(body.problems);
  });

  it("lists a send on a topic the application does not have", async () => {
    const id = await draft(t, "Unknown topic", chain(onEvent("SIGNUP"), { ...push(), topic: "weekly-deals" }));
    const { body } = await check(t, id);
    expect(body.problems).toEqual([
      { path: "nodes.a1.data.topic", nodeId: "a1", message: 'No topic "weekly-deals": create it under Settings → Topics first' },
    ]);
  });

  it("needs the master secret, and a connector of this application", async () => {
    const id = await draft(t, "Private", chain(onEvent("SIGNUP"), push()));
    const withAppSecret = await t.app("POST", `/api/v1/connectors/${id}/check`);
    expect(withAppSecret.status).toBe(403);
    const other = await createTestApp("Check: someone else");
    expect((await other.master("POST", `/api/v1/connectors/${id}/check`)).status).toBe(404);
    expect((await check(t, "con_missing")).status).toBe(404);
  });

  it("never suggests, counts or overlaps with another application's events and connectors", async () => {
    const other = await createTestApp("Check: the neighbours");
    await logEvents(other, [{ userId: "n1", event: "ADDTOCART" }]);
    const theirs = (await other.master("POST", "/api/v1/connectors", { name: "Their cart", graph: chain(onEvent("ADD_TO_CART"), push()) })).body.id;
    expect((await other.master("POST", `/api/v1/connectors/${theirs}/publish`)).status).toBe(200);
    const id = await draft(t, "Our cart", chain(onEvent("ADD_TO_CART"), push()));
    const { body } = await check(t, id);
    expect(body.warnings).toEqual([
      { code: "unseen_event", nodeId: "t", message: "ADD_TO_CART has not been logged in the last 30 days. Until the app logs it, no one enters this connector." },
    ]);
    expect(body.forecast.messagesPerDay).toBe(0);
  });
});
