// Segments through the HTTP API: dynamic membership that follows events in and out of a
// rule's window (ticks with a controllable clock), filters, all/any, "did not do",
// rule edits, validation, 409 on member edits of dynamic segments, and CSV export/import.
import { beforeAll, describe, expect, it } from "vitest";
import { database, db } from "@/lib/server/db";
import { runTick } from "@/lib/server/engine/tick";
import { refreshStaleSegments } from "@/lib/server/segments/refresh";
import { parseUserIdCsv } from "@/lib/segments/csv";
import { createTestApp, type TestApp } from "./api-client";
import { send } from "./engine-helpers";

const DAY = 86_400_000;
const daysAgo = (d: number) => new Date(Date.now() - d * DAY).toISOString();
const later = (ms: number) => new Date(Date.now() + ms);

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp("Segments");
});

async function createDynamic(name: string, rule: unknown) {
  const res = await t.master("POST", "/api/v1/segments", { name, kind: "dynamic", rule });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; members: number; refreshedAt: string; rule: unknown; description: string };
}

async function memberIds(id: string): Promise<string[]> {
  const res = await t.master("GET", `/api/v1/segments/${id}/members?limit=1000`);
  expect(res.status).toBe(200);
  return (res.body.members as { userId: string }[]).map((m) => m.userId).sort();
}

async function upsertUser(userId: string, profile: object) {
  const res = await t.app("PUT", `/api/v1/users/${userId}`, profile);
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
}

describe("dynamic segments", () => {
  it("lets a user in when an event inside the window arrives, and out once the clock passes the window", async () => {
    const segment = await createDynamic("Buyers 30 days", { conditions: [{ kind: "event", event: "W_PURCHASE", atLeast: 1, withinDays: 30 }] });
    expect(segment.members).toBe(0);
    await send(t, [
      { userId: "w_recent", event: "W_PURCHASE", timestamp: daysAgo(29) },
      { userId: "w_old", event: "W_PURCHASE", timestamp: daysAgo(31) },
      { userId: "w_other", event: "W_VIEW", timestamp: daysAgo(1) },
    ]);
    const prisma = await db();
    // Within the refresh period nothing is recomputed; once it has passed, the tick does it.
    await runTick(await database(), () => new Date());
    expect(await memberIds(segment.id)).toEqual([]);
    await runTick(await database(), () => later(2 * 60_000));
    expect(await memberIds(segment.id)).toEqual(["w_recent"]);
    const refreshed = (await t.master("GET", `/api/v1/segments/${segment.id}`)).body;
    expect(Date.parse(refreshed.refreshedAt)).toBeGreaterThan(Date.now());

    await runTick(await database(), () => later(2 * DAY));
    expect(await memberIds(segment.id)).toEqual([]);
  });

  it("filters on event data with the engine's numeric-or-string semantics, and counts occurrences", async () => {
    await send(t, [
      { userId: "d_big", event: "D_PURCHASE", data: { amount: "120.00", currency: "EUR" }, timestamp: daysAgo(2) },
      { userId: "d_small", event: "D_PURCHASE", data: { amount: 50, currency: "EUR" }, timestamp: daysAgo(2) },
      { userId: "d_usd", event: "D_PURCHASE", data: { amount: 500, currency: "USD" }, timestamp: daysAgo(2) },
      { userId: "d_twice", event: "D_PURCHASE", data: { amount: 10, currency: "EUR" }, timestamp: daysAgo(3) },
      { userId: "d_twice", event: "D_PURCHASE", data: { amount: 20, currency: "EUR" }, timestamp: daysAgo(1) },
    ]);
    const big = await createDynamic("Big EUR orders", {
      conditions: [{ kind: "event", event: "D_PURCHASE", withinDays: 7, where: [{ path: "amount", op: "gte", value: 100 }, { path: "currency", op: "eq", value: "EUR" }] }],
    });
    expect(big.members).toBe(1);
    expect(await memberIds(big.id)).toEqual(["d_big"]);
    const repeat = await createDynamic("Repeat buyers", { conditions: [{ kind: "event", event: "D_PURCHASE", atLeast: 2, withinDays: 7 }] });
    expect(await memberIds(repeat.id)).toEqual(["d_twice"]);
    const once = await createDynamic("One-time buyers", { conditions: [{ kind: "event", event: "D_PURCHASE", atLeast: 1, atMost: 1, withinDays: 7 }] });
    expect(await memberIds(once.id)).toEqual(["d_big", "d_small", "d_usd"]);
    // atMost alone counts from zero: d_none never bought and belongs, d_twice does not.
    await upsertUser("d_none", { name: "Never bought" });
    const atMostOnce = await createDynamic("At most one order", {
      conditions: [{ kind: "event", event: "D_PURCHASE", atMost: 1, withinDays: 7 }, { kind: "attribute", path: "id", op: "startsWith", value: "d_" }],
    });
    expect(await memberIds(atMostOnce.id)).toEqual(["d_big", "d_none", "d_small", "d_usd"]);
  });

  it("filters on profile fields and attributes, combining conditions with all or any", async () => {
    await upsertUser("a_pro", { email: "pro@example.com", attributes: { plan: "pro", seats: "12" } });
    await upsertUser("a_free", { email: "free@example.com", attributes: { plan: "free", seats: 1 } });
    await upsertUser("a_anon", { attributes: { plan: "pro" } });
    const proWithEmail = [
      { kind: "attribute", path: "attributes.plan", op: "eq", value: "pro" },
      { kind: "attribute", path: "email", op: "exists" },
    ];
    const all = await createDynamic("Pro with email", { match: "all", conditions: proWithEmail });
    expect(await memberIds(all.id)).toEqual(["a_pro"]);
    const any = await createDynamic("Pro or free email", {
      match: "any",
      conditions: [{ kind: "attribute", path: "attributes.plan", op: "eq", value: "pro" }, { kind: "attribute", path: "email", op: "startsWith", value: "free@" }],
    });
    expect(await memberIds(any.id)).toEqual(["a_anon", "a_free", "a_pro"]);
    const seats = await createDynamic("Big teams", { conditions: [{ kind: "attribute", path: "attributes.seats", op: "gt", value: 9 }] });
    expect(await memberIds(seats.id)).toEqual(["a_pro"]);
  });

  it("holds users who did one thing and not another (atMost 0)", async () => {
    await send(t, [
      { userId: "n_cart_only", event: "N_ADDTOCART", timestamp: daysAgo(1) },
      { userId: "n_bought", event: "N_ADDTOCART", timestamp: daysAgo(1) },
      { userId: "n_bought", event: "N_PURCHASE", timestamp: daysAgo(0.5) },
      { userId: "n_bought_long_ago", event: "N_ADDTOCART", timestamp: daysAgo(1) },
      { userId: "n_bought_long_ago", event: "N_PURCHASE", timestamp: daysAgo(40) },
    ]);
    const abandoned = await createDynamic("Abandoned carts", {
      match: "all",
      conditions: [
        { kind: "event", event: "N_ADDTOCART", withinDays: 7 },
        { kind: "event", event: "N_PURCHASE", atMost: 0, withinDays: 30 },
      ],
    });
    expect(await memberIds(abandoned.id)).toEqual(["n_bought_long_ago", "n_cart_only"]);
    expect(abandoned.description).toBe("did N_ADDTOCART in the last 7 days and did not do N_PURCHASE in the last 30 days");
  });

  it("recomputes members when the rule is edited, and on demand", async () => {
    await send(t, [
      { userId: "e_a", event: "E_OPEN", timestamp: daysAgo(2) },
      { userId: "e_b", event: "E_OPEN", timestamp: daysAgo(10) },
    ]);
    const segment = await createDynamic("Openers", { conditions: [{ kind: "event", event: "E_OPEN", withinDays: 5 }] });
    expect(await memberIds(segment.id)).toEqual(["e_a"]);
    const widened = await t.master("PUT", `/api/v1/segments/${segment.id}`, { name: "Openers (2 weeks)", rule: { conditions: [{ kind: "event", event: "E_OPEN", withinDays: 14 }] } });
    expect(widened.status, JSON.stringify(widened.body)).toBe(200);
    expect(widened.body).toMatchObject({ name: "Openers (2 weeks)", members: 2, kind: "dynamic" });
    expect(await memberIds(segment.id)).toEqual(["e_a", "e_b"]);

    await send(t, { userId: "e_c", event: "E_OPEN", timestamp: daysAgo(1) });
    const refreshed = await t.master("POST", `/api/v1/segments/${segment.id}/refresh`);
    expect(refreshed.status).toBe(200);
    expect(refreshed.body).toMatchObject({ added: 1, removed: 0, segment: { members: 3 } });
    const renamed = await t.master("PUT", `/api/v1/segments/${segment.id}`, { name: "Openers" });
    expect(renamed.body).toMatchObject({ name: "Openers", members: 3 });
  });

  it("previews a rule's count and a sample without storing anything", async () => {
    await send(t, [{ userId: "p_1", event: "P_SIGNUP" }, { userId: "p_2", event: "P_SIGNUP" }]);
    const before = (await t.master("GET", "/api/v1/segments")).body.segments.length;
    const res = await t.master("POST", "/api/v1/segments/preview", { rule: { conditions: [{ kind: "event", event: "P_SIGNUP", withinDays: 1 }] } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.count).toBe(2);
    expect(res.body.sample.map((u: { userId: string }) => u.userId).sort()).toEqual(["p_1", "p_2"]);
    expect(res.body.description).toBe("did P_SIGNUP in the last day");
    expect((await t.master("GET", "/api/v1/segments")).body.segments.length).toBe(before);
  });

  it("refuses manual member edits on a dynamic segment with 409, and refresh on a manual one", async () => {
    const dynamic = await createDynamic("No hands", { conditions: [{ kind: "attribute", path: "email", op: "exists" }] });
    const before = await memberIds(dynamic.id);
    for (const method of ["POST", "DELETE"]) {
      const res = await t.master(method, `/api/v1/segments/${dynamic.id}/members`, { userIds: ["a_pro", "intruder"] });
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({ code: "conflict", message: expect.stringContaining("dynamic segment") });
    }
    expect(await memberIds(dynamic.id)).toEqual(before);
    const manual = await t.master("POST", "/api/v1/segments", { name: "Hand-picked" });
    const refresh = await t.master("POST", `/api/v1/segments/${manual.body.id}/refresh`);
    expect(refresh.status).toBe(409);
  });

  it("keeps a connector's addToSegment and removeFromSegment out of a dynamic segment", async () => {
    const dynamic = await createDynamic("Rule decides", { conditions: [{ kind: "event", event: "RULE_IN", withinDays: 30 }] });
    await send(t, { userId: "u_ruled", event: "RULE_IN" });
    await refreshStaleSegments(await db(), later(DAY));
    expect(await memberIds(dynamic.id)).toEqual(["u_ruled"]);
    const node = (id: string, type: string, data: object) => ({ id, type, position: { x: 0, y: 0 }, data });
    for (const [name, kind, event] of [["Sneak in", "addToSegment", "SNEAK_IN"], ["Kick out", "removeFromSegment", "KICK_OUT"]] as const) {
      const graph = {
        nodes: [node("t", "trigger", { kind: "event", event }), node("a", "action", { kind, segment: "Rule decides" })],
        edges: [{ id: "e", source: "t", target: "a" }],
      };
      const created = await t.master("POST", "/api/v1/connectors", { name, graph });
      expect((await t.master("POST", `/api/v1/connectors/${created.body.id}/publish`)).status).toBe(200);
    }
    await send(t, [{ userId: "u_outsider", event: "SNEAK_IN" }, { userId: "u_ruled", event: "KICK_OUT" }]);
    await runTick(await database());
    expect(await memberIds(dynamic.id)).toEqual(["u_ruled"]);
  });

  it("lets concurrent ticks refresh each stale segment once, more than one claim batch of them", async () => {
    const prisma = await db();
    for (let i = 0; i < 25; i++) await createDynamic(`Concurrent ${i}`, { conditions: [{ kind: "attribute", path: "name", op: "exists" }] });
    const at = later(30 * DAY);
    const results = await Promise.all([refreshStaleSegments(prisma, at), refreshStaleSegments(prisma, at), refreshStaleSegments(prisma, at)]);
    const stale = await prisma.segment.count({ where: { kind: "dynamic" } });
    expect(results.reduce((sum, r) => sum + r.refreshed, 0)).toBe(stale);
    expect((await refreshStaleSegments(prisma, at)).refreshed).toBe(0);
  });

  it("deletes a segment and its memberships", async () => {
    const segment = await createDynamic("Short-lived", { conditions: [{ kind: "attribute", path: "email", op: "exists" }] });
    expect(segment.members).toBeGreaterThan(0);
    expect((await t.master("DELETE", `/api/v1/segments/${segment.id}`)).body).toEqual({ deleted: true });
    expect((await t.master("GET", `/api/v1/segments/${segment.id}`)).status).toBe(404);
    expect((await t.master("GET", `/api/v1/segments/${segment.id}/members`)).status).toBe(404);
    const prisma = await db();
    expect(await prisma.segmentMember.count({ where: { segmentId: segment.id } })).toBe(0);
  });
});

describe("validation", () => {
  it.each([
    ["a dynamic segment without a rule", { name: "V1", kind: "dynamic" }, "rule", "A dynamic segment needs a rule"],
    ["a manual segment with a rule", { name: "V2", kind: "manual", rule: { conditions: [{ kind: "attribute", path: "email", op: "exists" }] } }, "rule", "Only dynamic segments have a rule"],
    ["an empty rule", { name: "V3", kind: "dynamic", rule: { conditions: [] } }, "rule.conditions", "A rule needs at least one condition"],
    ["a condition without an event", { name: "V4", kind: "dynamic", rule: { conditions: [{ kind: "event", withinDays: 3 }] } }, "rule.conditions.0.event", "Choose an event"],
    ["a filter without its value", { name: "V5", kind: "dynamic", rule: { conditions: [{ kind: "event", event: "X", where: [{ path: "amount", op: "gte" }] }] } }, "rule.conditions.0.where.0.value", "needs a value"],
    ["an unknown operator", { name: "V6", kind: "dynamic", rule: { conditions: [{ kind: "attribute", path: "email", op: "like", value: "x" }] } }, "rule.conditions.0.op", "Choose how to compare"],
    ["an unknown user field", { name: "V7", kind: "dynamic", rule: { conditions: [{ kind: "attribute", path: "plan", op: "eq", value: "x" }] } }, "rule.conditions.0.path", "attributes.<name>"],
    ["inverted counts", { name: "V8", kind: "dynamic", rule: { conditions: [{ kind: "event", event: "X", atLeast: 5, atMost: 2 }] } }, "rule.conditions.0.atMost", "atMost cannot be less than atLeast"],
    ["a window too long", { name: "V9", kind: "dynamic", rule: { conditions: [{ kind: "event", event: "X", withinDays: 99999 }] } }, "rule.conditions.0.withinDays", "at most 3650"],
    ["a blank name", { name: "  ", kind: "manual" }, "name", "A segment needs a name"],
  ])("answers 400 with details for %s, and stores nothing", async (_, body, path, message) => {
    const before = (await t.master("GET", "/api/v1/segments")).body.segments.length;
    const res = await t.master("POST", "/api/v1/segments", body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_request");
    expect(res.body.error.details).toEqual(expect.arrayContaining([{ path, message: expect.stringContaining(message) }]));
    expect((await t.master("GET", "/api/v1/segments")).body.segments.length).toBe(before);
  });

  it("validates updates and previews the same way", async () => {
    const manual = await t.master("POST", "/api/v1/segments", { name: "Manual for PUT" });
    const ruleOnManual = await t.master("PUT", `/api/v1/segments/${manual.body.id}`, { rule: { conditions: [{ kind: "attribute", path: "email", op: "exists" }] } });
    expect(ruleOnManual.status).toBe(400);
    expect(ruleOnManual.body.error.details).toEqual([{ path: "rule", message: "This is a manual segment" }]);
    expect((await t.master("PUT", `/api/v1/segments/${manual.body.id}`, {})).status).toBe(400);
    const preview = await t.master("POST", "/api/v1/segments/preview", { rule: { conditions: [{ kind: "event", event: "" }] } });
    expect(preview.status).toBe(400);
    expect(preview.body.error.details).toEqual([{ path: "rule.conditions.0.event", message: "Choose an event" }]);
  });

  it("answers one of several concurrent creates of one name with 201 and the others with 409", async () => {
    const rule = { conditions: [{ kind: "attribute", path: "email", op: "exists" }] };
    const results = await Promise.all(Array.from({ length: 4 }, () => t.master("POST", "/api/v1/segments", { name: "Raced", kind: "dynamic", rule })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
  });

  it("answers 409 for a name in use, on create and on rename", async () => {
    await t.master("POST", "/api/v1/segments", { name: "Taken" });
    expect((await t.master("POST", "/api/v1/segments", { name: "Taken", kind: "dynamic", rule: { conditions: [{ kind: "attribute", path: "email", op: "exists" }] } })).status).toBe(409);
    const other = await t.master("POST", "/api/v1/segments", { name: "Other" });
    expect((await t.master("PUT", `/api/v1/segments/${other.body.id}`, { name: "Taken" })).status).toBe(409);
  });
});

describe("members of manual segments", () => {
  it("pages and searches members by user id, email or name, with their profile", async () => {
    const segment = (await t.master("POST", "/api/v1/segments", { name: "Searchable" })).body;
    await upsertUser("m_ada", { name: "Ada Lovelace", email: "ada@example.com" });
    await upsertUser("m_bob", { name: "Bob", email: "bob@sample.org" });
    await t.master("POST", `/api/v1/segments/${segment.id}/members`, { userIds: ["m_ada", "m_bob", "m_new", "m_100%"] });
    const page = await t.master("GET", `/api/v1/segments/${segment.id}/members?limit=2&offset=1`);
    expect(page.body.total).toBe(4);
    expect(page.body.members.map((m: { userId: string }) => m.userId)).toEqual(["m_ada", "m_bob"]);
    expect(page.body.members[0]).toMatchObject({ name: "Ada Lovelace", email: "ada@example.com", addedAt: expect.any(String) });
    const byEmail = await t.master("GET", `/api/v1/segments/${segment.id}/members?q=SAMPLE.ORG`);
    expect(byEmail.body).toMatchObject({ total: 1, members: [{ userId: "m_bob" }] });
    const byName = await t.master("GET", `/api/v1/segments/${segment.id}/members?q=lovelace`);
    expect(byName.body.members.map((m: { userId: string }) => m.userId)).toEqual(["m_ada"]);
    // LIKE wildcards in the search are literal.
    const percent = await t.master("GET", `/api/v1/segments/${segment.id}/members?q=${encodeURIComponent("%")}`);
    expect(percent.body.members.map((m: { userId: string }) => m.userId)).toEqual(["m_100%"]);
  });

  it("exports members as CSV that imports back into another segment unchanged", async () => {
    const ids = ["c_plain", "c,comma", 'c"quote', "=c_formula", "c_ünïcode", "c\nnewline"];
    const source = (await t.master("POST", "/api/v1/segments", { name: "CSV source" })).body;
    await upsertUser("c,comma", { name: "Comma, Person", email: "comma@example.com" });
    expect((await t.master("POST", `/api/v1/segments/${source.id}/members`, { userIds: ids })).body).toEqual({ added: ids.length });
    const exported = await t.master("GET", `/api/v1/segments/${source.id}/members.csv`);
    expect(exported.status).toBe(200);
    expect(exported.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(exported.headers.get("content-disposition")).toBe('attachment; filename="CSV-source-members.csv"');
    const text = exported.body as string;
    expect(text.startsWith("userId,name,email,addedAt\r\n")).toBe(true);
    expect(text).toContain('"c,comma","Comma, Person",comma@example.com,');
    expect(text).toContain("'=c_formula");

    const parsed = parseUserIdCsv(text);
    expect(parsed.invalid).toEqual([]);
    expect(parsed.userIds.sort()).toEqual([...ids].sort());
    const copy = (await t.master("POST", "/api/v1/segments", { name: "CSV copy" })).body;
    expect((await t.master("POST", `/api/v1/segments/${copy.id}/members`, { userIds: parsed.userIds })).body).toEqual({ added: ids.length });
    const again = await t.master("GET", `/api/v1/segments/${copy.id}/members.csv`);
    const idsOf = (csv: string) => parseUserIdCsv(csv).userIds;
    expect(idsOf(again.body)).toEqual(idsOf(text));
  });

  it("streams an export larger than one page", async () => {
    const segment = (await t.master("POST", "/api/v1/segments", { name: "Large export" })).body;
    const ids = Array.from({ length: 2500 }, (_, i) => `big_${String(i).padStart(5, "0")}`);
    await t.master("POST", `/api/v1/segments/${segment.id}/members`, { userIds: ids });
    const exported = await t.master("GET", `/api/v1/segments/${segment.id}/members.csv`);
    expect(parseUserIdCsv(exported.body).userIds).toEqual(ids);
  });
});
