// Respectful delivery through the public API: topics, subscriptions (and their events),
// quiet hours held in the user's zone and released by the tick (across a DST switch),
// dropped in drop mode, caps dropping and deferring, and the exemptions. The race for a
// cap's last slot between processes is in delivery-cap-race.test.ts.
import { beforeAll, describe, expect, it } from "vitest";
import type { Graph } from "@/lib/engine/graph";
import { database } from "@/lib/server/db";
import { runTick } from "@/lib/server/engine/tick";
import { createTestApp, type TestApp } from "./api-client";
import { hoursAgo, publishConnector, send, tick } from "./engine-helpers";

type Message = { id: string; status: string; body: string; topic: string; reason: string | null; sendAt: string | null; error: string | null };

const sendGraph = (event: string, data: Record<string, unknown>): Graph => ({
  nodes: [
    { id: "t", type: "trigger", position: { x: 0, y: 0 }, data: { kind: "event", event, reentry: "always" } },
    { id: "a", type: "action", position: { x: 0, y: 150 }, data: { kind: "send", channel: "webhook", body: `${event} {{ event.data.n }}`, ...data } },
  ],
  edges: [{ id: "e1", source: "t", target: "a" }],
});

const clock = (at: Date) => at.toISOString().slice(11, 16);
const HOUR = 3_600_000;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp("Respectful delivery");
});

/** The user's messages in body order (one batch's messages share their createdAt). */
async function messages(userId: string): Promise<Message[]> {
  const res = await t.master("GET", `/api/v1/messages?userId=${userId}`);
  expect(res.status).toBe(200);
  return (res.body.messages as Message[]).sort((a, b) => (a.body < b.body ? -1 : 1));
}

async function setPolicy(policy: object) {
  const res = await t.master("PUT", "/api/v1/delivery-policy", policy);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

describe("topics and subscriptions", () => {
  it("lists the built-in topics and creates the app's own; a taken key is a conflict", async () => {
    const created = await t.master("POST", "/api/v1/topics", { key: "weekly-deals", name: "Weekly deals", default: "unsubscribed" });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ key: "weekly-deals", name: "Weekly deals", default: "unsubscribed", builtIn: false });
    expect((await t.master("POST", "/api/v1/topics", { key: "weekly-deals", name: "Again" })).status).toBe(409);
    expect((await t.master("POST", "/api/v1/topics", { key: "marketing", name: "Mine" })).status).toBe(409);
    const bad = await t.master("POST", "/api/v1/topics", { key: "Weekly Deals", name: "x" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe("key");
    const list = await t.master("GET", "/api/v1/topics");
    expect(list.body.topics.map((topic: { key: string }) => topic.key)).toEqual(["marketing", "transactional", "weekly-deals"]);
    expect((await t.app("GET", "/api/v1/topics")).status).toBe(403);
  });

  it("answers each topic's default until the user chooses, records each change as an event, and refuses leaving transactional", async () => {
    await send(t, { userId: "sub_1", event: "app.open" });
    const before = await t.master("GET", "/api/v1/users/sub_1/subscriptions");
    expect(before.body).toEqual({ topics: { marketing: true, transactional: true, "weekly-deals": false }, channels: { email: true, sms: true, push: true } });

    const changed = await t.app("PUT", "/api/v1/users/sub_1/subscriptions", { topics: { marketing: false, "weekly-deals": true }, channels: { sms: false } });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({ topics: { marketing: false, transactional: true, "weekly-deals": true }, channels: { email: true, sms: false, push: true } });
    // Saying the same again is no change: no second event.
    await t.app("PUT", "/api/v1/users/sub_1/subscriptions", { topics: { marketing: false } });

    const events = await t.master("GET", "/api/v1/users/sub_1/events?limit=50");
    const changes = events.body.events
      .filter((e: { event: string }) => e.event.startsWith("user."))
      .map((e: { event: string; data: { topic?: string; channel?: string; source: string } }) => `${e.event} ${e.data.topic ?? `channel ${e.data.channel}`} by ${e.data.source}`);
    expect(changes.sort()).toEqual(["user.subscribed weekly-deals by api", "user.unsubscribed channel sms by api", "user.unsubscribed marketing by api"]);

    const refused = await t.app("PUT", "/api/v1/users/sub_1/subscriptions", { topics: { transactional: false, nope: true } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(["topics.nope", "topics.transactional"]);
    expect((await t.master("GET", "/api/v1/users/nobody/subscriptions")).status).toBe(404);
  });

  it("skips a send on a topic the user left, with the reason, and still sends transactional", async () => {
    await publishConnector(t, "Deals", sendGraph("DEAL", { topic: "weekly-deals" }));
    await publishConnector(t, "Promo", sendGraph("PROMO", {}));
    await publishConnector(t, "Receipt", sendGraph("RECEIPT", { topic: "transactional" }));
    await t.app("PUT", "/api/v1/users/sub_2/subscriptions", { topics: { marketing: false } });
    await send(t, [
      { userId: "sub_2", event: "DEAL", data: { n: 1 } },
      { userId: "sub_2", event: "PROMO", data: { n: 2 } },
      { userId: "sub_2", event: "RECEIPT", data: { n: 3 } },
    ]);
    await tick(t);
    const byBody = Object.fromEntries((await messages("sub_2")).map((m) => [m.body, m]));
    // weekly-deals is opt-in and sub_2 never opted in.
    expect(byBody["DEAL 1"]).toMatchObject({ status: "skipped", topic: "weekly-deals", reason: "Unsubscribed from Weekly deals" });
    expect(byBody["PROMO 2"]).toMatchObject({ status: "skipped", topic: "marketing", reason: "Unsubscribed from Marketing" });
    expect(byBody["RECEIPT 3"]).toMatchObject({ status: "sent", topic: "transactional", reason: null });
  });

  it("sends a campaign on its topic only to the users subscribed to it, and refuses an unknown topic", async () => {
    const segment = await t.master("POST", "/api/v1/segments", { name: "Deal hunters", kind: "manual" });
    await t.master("POST", `/api/v1/segments/${segment.body.id}/members`, { userIds: ["sub_1", "sub_2"] });
    const unknown = await t.master("POST", "/api/v1/campaigns", { segment: "Deal hunters", channel: "webhook", body: "x", topic: "nope" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toEqual([{ path: "topic", message: 'No topic "nope": create it under Settings → Topics first' }]);
    const created = await t.master("POST", "/api/v1/campaigns", { segment: "Deal hunters", channel: "webhook", body: "This week's deals", topic: "weekly-deals" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ topic: "weekly-deals", ignoreQuietHours: false, ignoreCaps: false });
    await tick(t);
    const outcome = Object.fromEntries((await t.master("GET", `/api/v1/messages?campaignId=${created.body.id}`)).body.messages.map((m: Message & { userId: string }) => [m.userId, [m.status, m.reason]]));
    // sub_1 opted in to weekly-deals above; sub_2 never did.
    expect(outcome).toEqual({ sub_1: ["sent", null], sub_2: ["skipped", "Unsubscribed from Weekly deals"] });
  });

  it("stops everything on a channel the user left, transactional too, and nothing on the others", async () => {
    await publishConnector(t, "Receipt by email", sendGraph("EMAIL_RECEIPT", { channel: "email", subject: "Receipt", topic: "transactional" }));
    await t.app("PUT", "/api/v1/users/no_email", { email: "no-email@example.com" });
    await t.app("PUT", "/api/v1/users/no_email/subscriptions", { channels: { email: false } });
    await send(t, [
      { userId: "no_email", event: "EMAIL_RECEIPT", data: { n: 1 } },
      { userId: "no_email", event: "RECEIPT", data: { n: 2 } },
    ]);
    await tick(t);
    const byBody = Object.fromEntries((await messages("no_email")).map((m) => [m.body, m]));
    expect(byBody["EMAIL_RECEIPT 1"]).toMatchObject({ status: "skipped", reason: "Unsubscribed from email" });
    expect(byBody["RECEIPT 2"]).toMatchObject({ status: "sent" });
  });

  it("refuses to publish a send on a topic the app does not have, naming the node", async () => {
    const created = await t.master("POST", "/api/v1/connectors", { name: "Typo", graph: sendGraph("TYPO", { topic: "weekly-deal" }) });
    const published = await t.master("POST", `/api/v1/connectors/${created.body.id}/publish`);
    expect(published.status).toBe(422);
    expect(published.body.error.details).toEqual([{ path: "nodes.a.data.topic", nodeId: "a", message: 'No topic "weekly-deal": create it under Settings → Topics first' }]);
  });
});

describe("delivery policy", () => {
  it("answers the default policy, and refuses bad zones, clocks and caps with their paths", async () => {
    const fresh = await createTestApp("Policy defaults");
    expect((await fresh.master("GET", "/api/v1/delivery-policy")).body).toEqual({ timezone: "UTC", quietHours: null, caps: [], capMode: "drop" });
    const bad = await fresh.master("PUT", "/api/v1/delivery-policy", {
      timezone: "Mars/Olympus",
      quietHours: { start: "25:00", end: "08:00", channels: [] },
      caps: [{ channel: "fax", max: 0, per: { amount: 1, unit: "weeks" } }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(
      ["caps.0.channel", "caps.0.max", "caps.0.per.unit", "quietHours.channels", "quietHours.start", "timezone"].sort(),
    );
  });

  it("holds a message due in quiet hours until the window ends in the user's zone, then the tick sends it", async () => {
    const now = Date.now();
    // A window around now in UTC; a user in a zone 12 hours away is outside it.
    const policy = await setPolicy({
      timezone: "UTC",
      quietHours: { start: clock(new Date(now - HOUR)), end: clock(new Date(now + HOUR)), channels: ["webhook"], mode: "hold" },
      caps: [],
    });
    expect(policy.quietHours.mode).toBe("hold");
    await publishConnector(t, "Quiet", sendGraph("QUIET", {}));
    await t.app("PUT", "/api/v1/users/far_away", { timezone: "Pacific/Kiritimati" });
    await send(t, [
      { userId: "night_owl", event: "QUIET", data: { n: 1 } },
      { userId: "far_away", event: "QUIET", data: { n: 2 } },
    ]);
    await tick(t);

    const [held] = await messages("night_owl");
    const end = new Date(now + HOUR);
    end.setUTCSeconds(0, 0);
    const expectedEnd = end.getTime() <= now ? end.getTime() + 24 * HOUR : end.getTime();
    expect(held).toMatchObject({ status: "held", reason: `Held for quiet hours until ${clock(end)} UTC`, sendAt: new Date(expectedEnd).toISOString() });
    expect((await messages("far_away"))[0]!.status).toBe("sent");

    const profile = await t.master("GET", "/api/v1/users/night_owl");
    expect(profile.body.journeys[0].steps.map((s: { text: string }) => s.text)).toContain(`Webhook 'QUIET 1': Held for quiet hours until ${clock(end)} UTC`);
    const listed = await t.master("GET", "/api/v1/messages?status=held");
    expect(listed.body.messages.map((m: Message) => m.id)).toContain(held!.id);

    // A tick before the end keeps it; one at the end releases and sends it.
    const db = await database();
    await runTick(db, () => new Date(expectedEnd - 60_000), { inactivity: false });
    expect((await messages("night_owl"))[0]!.status).toBe("held");
    const released = await runTick(db, () => new Date(expectedEnd), { inactivity: false });
    expect(released.released).toBeGreaterThanOrEqual(1);
    expect((await messages("night_owl"))[0]).toMatchObject({ status: "sent", reason: null });
  });

  it("ends the hold at 08:00 local across the spring-forward night (Europe/Lisbon: 07:00 UTC that morning)", async () => {
    await setPolicy({ timezone: "Europe/Lisbon", quietHours: { start: "21:00", end: "08:00", channels: ["webhook"], mode: "hold" }, caps: [] });
    await publishConnector(t, "Spring", sendGraph("SPRING", {}));
    // Due at 22:00 on 28 March 2026 (the step's due time is the trigger event's time); the clocks go forward that night.
    await send(t, { userId: "lisbon", event: "SPRING", data: { n: 1 }, timestamp: "2026-03-28T22:00:00.000Z" });
    expect((await messages("lisbon"))[0]).toMatchObject({ status: "held", sendAt: "2026-03-29T07:00:00.000Z", reason: "Held for quiet hours until 08:00 Europe/Lisbon" });
    const db = await database();
    await runTick(db, () => new Date("2026-03-29T06:59:00Z"), { inactivity: false });
    expect((await messages("lisbon"))[0]!.status).toBe("held");
    await runTick(db, () => new Date("2026-03-29T07:00:00Z"), { inactivity: false });
    expect((await messages("lisbon"))[0]!.status).toBe("sent");
  });

  it("drops in quiet hours in drop mode, and lets transactional and ignoreQuietHours through", async () => {
    await setPolicy({ timezone: "UTC", quietHours: { start: "21:00", end: "08:00", channels: ["webhook"], mode: "drop" }, caps: [] });
    await publishConnector(t, "Night promo", sendGraph("NIGHT", {}));
    await publishConnector(t, "Night receipt", sendGraph("NIGHT_RECEIPT", { topic: "transactional" }));
    await publishConnector(t, "Night alert", sendGraph("NIGHT_ALERT", { ignoreQuietHours: true }));
    const night = new Date(Date.now() - 24 * HOUR);
    night.setUTCHours(23, 0, 0, 0);
    await send(t, ["NIGHT", "NIGHT_RECEIPT", "NIGHT_ALERT"].map((event, n) => ({ userId: "dropped", event, data: { n }, timestamp: night.toISOString() })));
    await tick(t);
    const byBody = Object.fromEntries((await messages("dropped")).map((m) => [m.body, m]));
    expect(byBody["NIGHT 0"]).toMatchObject({ status: "skipped", reason: "Quiet hours (21:00–08:00 UTC)" });
    expect(byBody["NIGHT_RECEIPT 1"]!.status).toBe("sent");
    expect(byBody["NIGHT_ALERT 2"]!.status).toBe("sent");
  });

  it("drops what a cap does not allow, and ignoreCaps and transactional pass", async () => {
    await setPolicy({ timezone: "UTC", quietHours: null, caps: [{ channel: "webhook", max: 2, per: { amount: 1, unit: "days" } }], capMode: "drop" });
    await publishConnector(t, "Capped", sendGraph("CAPPED", {}));
    await publishConnector(t, "Uncapped", sendGraph("UNCAPPED", { ignoreCaps: true }));
    await send(t, [1, 2, 3].map((n) => ({ userId: "capped", event: "CAPPED", data: { n }, timestamp: hoursAgo(4 - n) })));
    await send(t, { userId: "capped", event: "UNCAPPED", data: { n: 4 } });
    await tick(t);
    const statuses = (await messages("capped")).map((m) => [m.body, m.status, m.reason]);
    expect(statuses).toEqual([
      ["CAPPED 1", "sent", null],
      ["CAPPED 2", "sent", null],
      ["CAPPED 3", "skipped", "Capped: at most 2 webhook per user per day"],
      ["UNCAPPED 4", "sent", null],
    ]);
    const stats = await t.master("GET", `/api/v1/connectors/${(await t.master("GET", "/api/v1/connectors")).body.connectors.find((c: { name: string }) => c.name === "Capped").id}/stats`);
    expect(stats.body.nodes.a).toMatchObject({ sent: 2, skipped: 1 });
  });

  it("caps a campaign's messages too (its fan-out takes the same per-user lock)", async () => {
    await setPolicy({ timezone: "UTC", quietHours: null, caps: [{ channel: "any", max: 1, per: { amount: 1, unit: "days" } }], capMode: "drop" });
    await t.app("PUT", "/api/v1/users/camp_1", { email: "camp1@example.com" });
    await t.app("PUT", "/api/v1/users/camp_2", { email: "camp2@example.com" });
    const segment = await t.master("POST", "/api/v1/segments", { name: "Capped campaign", kind: "manual" });
    await t.master("POST", `/api/v1/segments/${segment.body.id}/members`, { userIds: ["camp_1", "camp_2"] });
    const first = await t.master("POST", "/api/v1/campaigns", { segment: "Capped campaign", channel: "email", subject: "One", body: "first" });
    await tick(t);
    const second = await t.master("POST", "/api/v1/campaigns", { segment: "Capped campaign", channel: "email", subject: "Two", body: "second" });
    await tick(t);
    const statuses = async (id: string) => (await t.master("GET", `/api/v1/messages?campaignId=${id}`)).body.messages.map((m: Message) => [m.status, m.reason]);
    expect(await statuses(first.body.id)).toEqual([["sent", null], ["sent", null]]);
    expect(await statuses(second.body.id)).toEqual([
      ["skipped", "Capped: at most 1 message per user per day"],
      ["skipped", "Capped: at most 1 message per user per day"],
    ]);
  });

  it("defers what a cap does not allow until the window has room, then sends it", async () => {
    await setPolicy({ timezone: "UTC", quietHours: null, caps: [{ channel: "webhook", max: 1, per: { amount: 1, unit: "hours" } }], capMode: "defer" });
    await publishConnector(t, "Deferred", sendGraph("DEFER", {}));
    const first = new Date(Date.now() - 30 * 60_000);
    await send(t, [
      { userId: "deferred", event: "DEFER", data: { n: 1 }, timestamp: first.toISOString() },
      { userId: "deferred", event: "DEFER", data: { n: 2 }, timestamp: new Date(first.getTime() + 60_000).toISOString() },
    ]);
    await tick(t);
    const [sent, held] = await messages("deferred");
    expect(sent!.status).toBe("sent");
    expect(held).toMatchObject({ status: "held", sendAt: new Date(first.getTime() + HOUR).toISOString() });
    // The day is named too when the hour ahead is past midnight (a run just after 00:00 UTC).
    expect(held!.reason).toMatch(/^Held by the cap \(at most 1 webhook per user per hour\) until ([A-Z][a-z]{2} \d{1,2}, )?\d\d:\d\d UTC$/);
    const db = await database();
    await runTick(db, () => new Date(first.getTime() + HOUR), { inactivity: false });
    expect((await messages("deferred"))[1]!.status).toBe("sent");
  });
});
