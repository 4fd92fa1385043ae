// Simulate through the public API: a scripted user walks the draft on a virtual clock,
// told in words with each message rendered, and nothing is written anywhere.
import { beforeAll, describe, expect, it } from "vitest";
import { seedGraphs } from "@/lib/engine/seed-graphs";
import { sqlDb } from "@/lib/server/db";
import { createTestApp, type TestApp } from "./api-client";

let t: TestApp;
let connectorId: string;

beforeAll(async () => {
  t = await createTestApp("Simulate");
  const created = await t.master("POST", "/api/v1/connectors", { name: "Cart abandonment", graph: seedGraphs.cartAbandonment });
  connectorId = created.body.id;
  await t.app("PUT", "/api/v1/users/shopper", { name: "Ana", email: "ana@example.com" });
});

/** Rows in every table of the schema, to compare before and after. */
async function rowCounts(): Promise<Record<string, number>> {
  const sql = await sqlDb();
  const tables = await sql.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) counts[name] = Number((await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${name}"`))[0]!.n);
  return counts;
}

const cart = { qty: "2", amount: "120.00", currency: "EUR" };

describe("simulate", () => {
  it("sends the reminder a day after the cart, rendered for the user, and writes nothing", async () => {
    const before = await rowCounts();
    const res = await t.master("POST", `/api/v1/connectors/${connectorId}/simulate`, { userId: "shopper", events: [{ event: "ADDTOCART", data: cart }] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(await rowCounts()).toEqual(before);

    const { journeys, messages, startedAt } = res.body;
    expect(journeys).toHaveLength(1);
    expect(journeys[0].status).toBe("completed");
    expect(journeys[0].summary).toMatch(/^Entered Cart abandonment \(draft\) at /);
    expect(journeys[0].steps.map((s: { kind: string; text: string }) => [s.kind, s.text])).toEqual([
      ["entered", "Entered from ADDTOCART"],
      ["waited", "Waited 24 hours"],
      ["checked", "No PURCHASE since entering, so not cancelled"],
      ["sent", "Sent push 'You left 2 items (120.00 EUR)'"],
      ["completed", "Completed"],
    ]);
    expect(messages).toEqual([
      { id: "sim_msg_1", nodeId: "send", channel: "push", title: null, subject: null, body: "You left 2 items (120.00 EUR)", html: null, url: null, at: new Date(Date.parse(startedAt) + 24 * 3_600_000).toISOString() },
    ]);
    const sent = journeys[0].steps.find((s: { kind: string }) => s.kind === "sent");
    expect(sent).toMatchObject({ messageId: "sim_msg_1", text: "Sent push 'You left 2 items (120.00 EUR)'" });
  });

  it("cancels when the purchase comes two hours later, and says so", async () => {
    const res = await t.master("POST", `/api/v1/connectors/${connectorId}/simulate`, {
      userId: "shopper",
      events: [{ event: "ADDTOCART", data: cart }, { event: "PURCHASE", after: { amount: 2, unit: "hours" } }],
    });
    expect(res.status).toBe(200);
    expect(res.body.messages).toEqual([]);
    expect(res.body.journeys[0].status).toBe("cancelled");
    expect(res.body.journeys[0].steps.at(-1).text).toMatch(/^Cancelled by PURCHASE/);
  });

  it("renders a markdown email template as delivery would: HTML, and its text part as the body", async () => {
    const template = await t.master("POST", "/api/v1/templates", { name: "Welcome md", channel: "email", format: "markdown", subject: "Hi {{ user.name }}", body: "Welcome, **{{ user.name }}**!" });
    expect(template.status, JSON.stringify(template.body)).toBe(201);
    const graph = {
      nodes: [
        { id: "t", type: "trigger", position: { x: 0, y: 0 }, data: { kind: "event", event: "SIGNUP" } },
        { id: "mail", type: "action", position: { x: 0, y: 150 }, data: { kind: "send", channel: "email", template: template.body.id } },
      ],
      edges: [{ id: "e1", source: "t", target: "mail" }],
    };
    const res = await t.master("POST", `/api/v1/connectors/${connectorId}/simulate`, { userId: "shopper", graph, events: [{ event: "SIGNUP" }] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const [mail] = res.body.messages;
    expect(mail.subject).toBe("Hi Ana");
    expect(mail.html).toContain("<strong>Ana</strong>");
    expect(mail.body).toContain("Welcome, Ana!");
    expect(mail.body).not.toMatch(/cueslot/);
  });

  it("simulates an unsaved graph, and refuses one that does not compile, bad scripts and unknown connectors", async () => {
    const unsaved = await t.master("POST", `/api/v1/connectors/${connectorId}/simulate`, { userId: "nobody_yet", graph: seedGraphs.signupWelcome, events: [{ event: "SIGNUP", data: { name: "Bo" } }] });
    expect(unsaved.status).toBe(200);
    expect(unsaved.body.messages.map((m: { body: string }) => m.body)).toEqual(["Welcome aboard, Bo"]);
    expect((await t.master("GET", "/api/v1/users/nobody_yet")).status).toBe(404);

    const broken = await t.master("POST", `/api/v1/connectors/${connectorId}/simulate`, { userId: "u", graph: { nodes: [], edges: [] }, events: [{ event: "X" }] });
    expect(broken.status).toBe(422);
    const empty = await t.master("POST", `/api/v1/connectors/${connectorId}/simulate`, { userId: "u", events: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details[0].path).toBe("events");
    expect((await t.master("POST", "/api/v1/connectors/con_nope/simulate", { userId: "u", events: [{ event: "X" }] })).status).toBe(404);
    expect((await t.app("POST", `/api/v1/connectors/${connectorId}/simulate`, { userId: "u", events: [{ event: "X" }] })).status).toBe(403);
  });
});
