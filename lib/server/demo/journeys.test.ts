import { describe, expect, it } from "vitest";
import { deliveryPolicySchema } from "@/lib/delivery/policy";
import { validateGraph } from "@/lib/engine/graph";
import type { TemplateContent } from "@/lib/engine/nodes/fields";
import { segmentRuleSchema } from "@/lib/engine/segment-rule";
import { CATALOG_USER, RESTOCKED_PRODUCT, demoDataset } from "./dataset";
import { DEMO_POLICY, DEMO_SEGMENT, DEMO_TEMPLATES, demoConnectors, type DemoTemplateKey } from "./journeys";

const templates = new Map<string, TemplateContent>(
  (Object.entries(DEMO_TEMPLATES) as [DemoTemplateKey, (typeof DEMO_TEMPLATES)[DemoTemplateKey]][]).map(([key, t]) => [
    `tpl_${key}`,
    { id: `tpl_${key}`, name: t.name, channel: t.channel, format: t.format, title: null, subject: t.subject, body: t.body },
  ]),
);
const ids = Object.fromEntries([...templates.keys()].map((id) => [id.slice(4), id])) as Record<DemoTemplateKey, string>;

describe("the demo's journeys", () => {
  it("are graphs that publish, with the templates they name", () => {
    for (const { name, graph } of demoConnectors(ids)) {
      const result = validateGraph(graph, { templates });
      expect(result.ok ? [] : result.problems, name).toEqual([]);
    }
  });

  it("name only templates the demo makes: a missing one is refused", () => {
    const [welcome] = demoConnectors({ ...ids, welcome: "tpl_gone" });
    expect(validateGraph(welcome!.graph, { templates }).ok).toBe(false);
  });

  it("say the demo shop's own words, not the starter layout's placeholder", () => {
    expect(DEMO_TEMPLATES.welcome.body).toContain("Thanks for joining {{ app.name }}");
    expect(DEMO_TEMPLATES.welcome.body).toContain(">Start shopping<");
    expect(DEMO_TEMPLATES.welcome.body).not.toContain("Write your message here");
  });

  it("have a delivery policy and a segment rule the API would accept as they are", () => {
    expect(deliveryPolicySchema.parse(DEMO_POLICY)).toEqual(DEMO_POLICY);
    expect(segmentRuleSchema.parse(DEMO_SEGMENT.rule)).toEqual(DEMO_SEGMENT.rule);
  });
});

describe("the demo history", () => {
  const now = new Date("2026-12-04T12:00:00Z");
  const { users, events } = demoDataset(now);

  it("is the same on every install, and entirely in the past month", () => {
    expect(demoDataset(now).events).toEqual(events);
    expect(users).toHaveLength(300);
    for (const e of events) {
      expect(e.timestamp.getTime()).toBeLessThanOrEqual(now.getTime());
      expect(e.timestamp.getTime()).toBeGreaterThan(now.getTime() - 31 * 86_400_000);
    }
  });

  it("tells the back-in-stock story: shoppers ask to be told, then the product comes back once, after all of them", () => {
    const asked = events.filter((e) => e.name === "NOTIFY_ME");
    const restocked = events.filter((e) => e.name === "PRODUCT_RESTOCKED");
    expect(asked.length).toBeGreaterThan(10);
    expect(new Set(asked.map((e) => e.userId)).size).toBe(asked.length);
    expect(restocked).toEqual([expect.objectContaining({ userId: CATALOG_USER, data: { product: RESTOCKED_PRODUCT } })]);
    expect(Math.max(...asked.map((e) => e.timestamp.getTime()))).toBeLessThan(restocked[0]!.timestamp.getTime());
  });
});
