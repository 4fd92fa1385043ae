// Gallery templates that branch (wait, split). Kept apart from seed-graphs.ts, whose
// graphs are DESIGN.md's use cases: the tests, the demo data and the benchmark's
// connector mix are built from those, and must not change when the gallery grows.
import type { Graph } from "./graph";

const node = (id: string, type: Graph["nodes"][number]["type"], x: number, y: number, data: Record<string, unknown>) => ({ id, type, position: { x, y }, data });
const edge = (source: string, target: string, sourceHandle: string | null = null) => ({ id: `e-${source}-${sourceHandle ?? "next"}-${target}`, source, target, sourceHandle });

export const journeyTemplates: Array<{ key: string; name: string; description: string; graph: Graph }> = [
  {
    key: "cartAbandonmentWait",
    name: "Cart abandonment with wait",
    description: "Wait up to 24 hours for the purchase: thank the buyers, remind the others",
    graph: {
      nodes: [
        node("trigger", "trigger", 0, 0, { kind: "event", event: "ADDTOCART" }),
        node("wait", "wait", 0, 150, { event: "PURCHASE", within: { amount: 24, unit: "hours" } }),
        node("thanks", "action", -160, 300, { kind: "send", channel: "push", body: "Thank you for your order!" }),
        node("remind", "action", 160, 300, { kind: "send", channel: "push", body: "You left {{ event.data.qty }} items ({{ event.data.amount }} {{ event.data.currency }})" }),
      ],
      edges: [edge("trigger", "wait"), edge("wait", "thanks", "yes"), edge("wait", "remind", "no")],
    },
  },
  {
    key: "welcomeAbTest",
    name: "A/B test a welcome message",
    description: "Half get version A, half version B, 10% held out; set a goal to see which converts",
    graph: {
      nodes: [
        node("trigger", "trigger", 0, 0, { kind: "event", event: "SIGNUP" }),
        node("split", "split", 0, 150, { branches: [{ key: "a", weight: 45 }, { key: "b", weight: 45 }, { key: "control", weight: 10 }] }),
        node("a", "action", -220, 300, { kind: "send", channel: "push", body: "Welcome aboard, {{ event.data.name }}" }),
        node("b", "action", 220, 300, { kind: "send", channel: "push", body: "{{ event.data.name }}, your first order ships free" }),
      ],
      edges: [edge("trigger", "split"), edge("split", "a", "a"), edge("split", "b", "b")],
    },
  },
];
