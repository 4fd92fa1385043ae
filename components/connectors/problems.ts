// Problems from validateGraph (or a 422 from publish), grouped for the canvas.
import type { Problem } from "@/lib/engine/graph";

export function groupByNode(problems: readonly Problem[]): Map<string, Problem[]> {
  const byNode = new Map<string, Problem[]>();
  for (const problem of problems) {
    if (!problem.nodeId) continue;
    byNode.set(problem.nodeId, [...(byNode.get(problem.nodeId) ?? []), problem]);
  }
  return byNode;
}

/**
 * Problems of one node keyed by the field they are about ("data.event",
 * "data.where.0.value"); problems about the node as a whole are under "".
 */
export function fieldProblems(problems: readonly Problem[], nodeId: string): Map<string, string[]> {
  const byField = new Map<string, string[]>();
  const prefix = `nodes.${nodeId}.`;
  for (const problem of problems) {
    if (problem.nodeId !== nodeId) continue;
    const field = problem.path.startsWith(prefix) ? problem.path.slice(prefix.length) : "";
    byField.set(field, [...(byField.get(field) ?? []), problem.message]);
  }
  return byField;
}

/** A 422's details, turned back into the engine's problem shape. */
export function problemsFromDetails(details: ReadonlyArray<{ path: string; message: string; nodeId?: string }>): Problem[] {
  return details.map((detail) => ({ path: detail.path, message: detail.message, ...(detail.nodeId ? { nodeId: detail.nodeId } : {}) }));
}
