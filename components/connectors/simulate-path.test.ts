import { describe, expect, it } from "vitest";
import type { SimulatedJourney } from "@/lib/client/connectors";
import { litPath, offsetLabel, pathOutcome } from "./simulate-path";

const at = (hours: number) => new Date(Date.UTC(2026, 10, 26, 10) + hours * 3_600_000).toISOString();
const step = (nodeId: string, kind: SimulatedJourney["steps"][number]["kind"], text: string, hours = 0) => ({ at: at(hours), nodeId, kind, text, messageId: null });
const cartEdges = [
  { id: "e1", source: "trigger", target: "delay" },
  { id: "e2", source: "delay", target: "cancel" },
  { id: "e3", source: "cancel", target: "send" },
];

describe("litPath", () => {
  it("lights the nodes a cancelled walk reached and the connections between them, and notes where it stopped", () => {
    const cancelled: SimulatedJourney = {
      status: "cancelled",
      steps: [step("trigger", "entered", "Entered from ADDTOCART"), step("delay", "delay", "Started waiting 24 hours"), step("cancel", "cancelled", "Cancelled by PURCHASE", 2)],
      summary: "",
      waiting: null,
    };
    const path = litPath([cancelled], cartEdges);
    expect([...path.nodes]).toEqual(["trigger", "delay", "cancel"]);
    expect([...path.edges]).toEqual(["e1", "e2"]);
    expect(path.notes.get("cancel")).toEqual({ tone: "cancelled", text: "Cancelled by PURCHASE" });
  });

  it("counts a node with several steps once and skips steps that name no node", () => {
    const completed: SimulatedJourney = {
      status: "completed",
      steps: [
        step("trigger", "entered", "Entered from ADDTOCART"),
        step("delay", "waited", "Waited 24 hours", 24),
        step("cancel", "checked", "No PURCHASE since entering", 24),
        step("send", "sent", "Sent push", 24),
        step("", "completed", "Completed", 24),
      ],
      summary: "",
      waiting: null,
    };
    const path = litPath([completed], cartEdges);
    expect([...path.edges]).toEqual(["e1", "e2", "e3"]);
    expect(path.notes.size).toBe(0);
  });

  it("follows only the branch taken, and marks where a walk still waits", () => {
    const edges = [
      { id: "a", source: "trigger", target: "wait" },
      { id: "yes", source: "wait", target: "thanks" },
      { id: "no", source: "wait", target: "remind" },
    ];
    const waiting: SimulatedJourney = {
      status: "in_progress",
      steps: [step("trigger", "entered", "Entered from ADDTOCART"), step("wait", "waiting", "Waiting up to 24 hours for PURCHASE")],
      summary: "",
      waiting: { nodeId: "wait", until: at(24), delay: null, cancelEvents: [], text: "Waiting" },
    };
    const took: SimulatedJourney = { status: "completed", steps: [step("trigger", "entered", "Entered"), step("wait", "branched", "PURCHASE came"), step("thanks", "sent", "Sent push")], summary: "", waiting: null };
    expect([...litPath([took], edges).edges]).toEqual(["a", "yes"]);
    expect(litPath([waiting], edges).notes.get("wait")).toEqual({ tone: "waiting", text: "Still waiting here" });
  });
});

describe("offsetLabel", () => {
  it("says how long after the first event a step happened", () => {
    expect(offsetLabel(at(0), at(0))).toBe("start");
    expect(offsetLabel(at(0), at(0.75))).toBe("+45 min");
    expect(offsetLabel(at(0), at(2))).toBe("+2 h");
    expect(offsetLabel(at(0), at(2.5))).toBe("+2 h 30 min");
    expect(offsetLabel(at(0), at(24))).toBe("+1 d");
    expect(offsetLabel(at(0), at(27))).toBe("+1 d 3 h");
  });
});

describe("pathOutcome", () => {
  it("says how the one walk ended, or how many there were", () => {
    const cancelled: SimulatedJourney = { status: "cancelled", steps: [step("cancel", "cancelled", "Cancelled by PURCHASE")], summary: "", waiting: null };
    const done: SimulatedJourney = { status: "completed", steps: [], summary: "", waiting: null };
    expect(pathOutcome([cancelled])).toBe("cancelled by PURCHASE");
    expect(pathOutcome([done])).toBe("completed");
    expect(pathOutcome([done, cancelled])).toBe("2 journeys");
    expect(pathOutcome([])).toBe("nothing started");
  });
});
