// Walking a directed graph of node ids: the one cycle check behind the canvas's problem
// list (graph.ts), the stored rule's schema (rule.ts) and the canvas refusing a
// connection that would close a loop (components/connectors/graph-edit.ts).

/**
 * The edges that close a cycle, found by an iterative depth-first search from each id in
 * turn (no recursion, so a long chain cannot overflow the stack).
 */
export function backEdges<E>(ids: readonly string[], outgoing: (id: string) => readonly E[], target: (edge: E) => string): E[] {
  const state = new Map<string, "open" | "done">();
  const found: E[] = [];
  for (const root of ids) {
    if (state.has(root)) continue;
    state.set(root, "open");
    const stack: Array<{ id: string; index: number }> = [{ id: root, index: 0 }];
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const edge = outgoing(frame.id)[frame.index++];
      if (edge === undefined) {
        state.set(frame.id, "done");
        stack.pop();
        continue;
      }
      const next = target(edge);
      const seen = state.get(next);
      if (seen === "open") found.push(edge);
      if (seen === undefined) {
        state.set(next, "open");
        stack.push({ id: next, index: 0 });
      }
    }
  }
  return found;
}

/** True when `goal` can be reached from `start` (start itself included). */
export function reaches(start: string, goal: string, next: (id: string) => readonly string[]): boolean {
  const seen = new Set<string>();
  const stack = [start];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current === goal) return true;
    if (seen.has(current)) continue;
    seen.add(current);
    stack.push(...next(current));
  }
  return false;
}
