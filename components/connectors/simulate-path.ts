// Where a simulated user went on the canvas: the nodes its steps happened at, the
// connections between consecutive ones, and a note on the node where a walk stopped
// ("Cancelled by PURCHASE", "Waiting here"). Read by the nodes and edges to light the
// path and dim the rest.
import type { SimulatedJourney } from "@/lib/client/connectors";

export type PathNote = { tone: "cancelled" | "waiting" | "failed"; text: string };
export type LitPath = { nodes: ReadonlySet<string>; edges: ReadonlySet<string>; notes: ReadonlyMap<string, PathNote> };

type EdgeLike = { id: string; source: string; target: string };

export function litPath(journeys: readonly SimulatedJourney[], edges: readonly EdgeLike[]): LitPath {
  const nodes = new Set<string>();
  const lit = new Set<string>();
  const notes = new Map<string, PathNote>();
  for (const journey of journeys) {
    // The nodes in the order the walk reached them; a node with several steps (waited, passed) once.
    const visited = journey.steps.map((step) => step.nodeId).filter((id, index, all) => id !== "" && id !== all[index - 1]);
    for (const id of visited) nodes.add(id);
    for (let i = 1; i < visited.length; i++) {
      for (const edge of edges) if (edge.source === visited[i - 1] && edge.target === visited[i]) lit.add(edge.id);
    }
    const last = journey.steps.findLast((step) => step.nodeId !== "");
    if (!last) continue;
    if (journey.status === "cancelled") notes.set(last.nodeId, { tone: "cancelled", text: journey.steps.findLast((s) => s.kind === "cancelled")?.text ?? "Cancelled" });
    else if (journey.status === "failed") notes.set(last.nodeId, { tone: "failed", text: "Failed here" });
    else if (journey.status === "in_progress") notes.set(journey.waiting?.nodeId ?? last.nodeId, { tone: "waiting", text: "Still waiting here" });
  }
  return { nodes, edges: lit, notes };
}

const MINUTE = 60_000;

/** How long after the first event a step happened: "start", "+45 min", "+2 h", "+1 d 3 h". */
export function offsetLabel(startedAt: string, at: string): string {
  const minutes = Math.round((Date.parse(at) - Date.parse(startedAt)) / MINUTE);
  if (minutes <= 0) return "start";
  if (minutes < 60) return `+${minutes} min`;
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days === 0) return rest === 0 ? `+${hours} h` : `+${hours} h ${rest} min`;
  return hours === 0 ? `+${days} d` : `+${days} d ${hours} h`;
}

/** The path's outcome in a few words, for the banner over the canvas. */
export function pathOutcome(journeys: readonly SimulatedJourney[]): string {
  if (journeys.length === 0) return "nothing started";
  if (journeys.length > 1) return `${journeys.length} journeys`;
  const [journey] = journeys as [SimulatedJourney];
  switch (journey.status) {
    case "cancelled": {
      const text = journey.steps.findLast((step) => step.kind === "cancelled")?.text ?? "Cancelled";
      return text.charAt(0).toLowerCase() + text.slice(1);
    }
    case "in_progress":
      return "still waiting";
    case "completed":
      return "completed";
    default:
      return journey.status;
  }
}
