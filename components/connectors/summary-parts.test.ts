import { describe, expect, it } from "vitest";
import { describeNode } from "@/lib/engine/nodes/registry";
import { seedGraphs } from "@/lib/engine/seed-graphs";
import { summaryParts } from "./summary-parts";

describe("summaryParts", () => {
  it("turns Liquid tags into fields named after their event data path", () => {
    expect(summaryParts("Push: You left {{ event.data.qty }} items")).toEqual([
      { text: "Push: You left " },
      { field: "qty", source: "{{ event.data.qty }}" },
      { text: " items" },
    ]);
  });

  it("keeps user and app variables whole and drops filters", () => {
    expect(summaryParts("Hi {{ user.name | capitalize }} from {{app.name}}")).toEqual([
      { text: "Hi " },
      { field: "user.name", source: "{{ user.name | capitalize }}" },
      { text: " from " },
      { field: "app.name", source: "{{app.name}}" },
    ]);
  });

  it("makes a chip of a tag that the summary cut short", () => {
    const summary = describeNode("action", seedGraphs.cartAbandonment.nodes[3]!.data);
    expect(summary).toBe("Push: You left {{ event.data.qty }} items ({{ event.data.amount }…");
    expect(summaryParts(summary).at(-1)).toEqual({ field: "amount…", source: "{{ event.data.amount }…" });
  });

  it("leaves text without tags alone", () => {
    expect(summaryParts("Wait 24 hours")).toEqual([{ text: "Wait 24 hours" }]);
    expect(summaryParts("")).toEqual([]);
  });
});
