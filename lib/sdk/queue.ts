// The offline queue: every operation waits here, in order, until the server has it.
// It lives in localStorage, so what a closed tab or a dead network left behind is sent
// on the next visit; operations leave it only after a 2xx (or a final rejection).
// Another tab of the same site shares it: each change re-reads the stored list first
// (the cache is dropped on the `storage` event), and ids keep double sends harmless.
import type { KeyValue } from "./storage";
import type { Op } from "./types";

export const DEFAULT_MAX_QUEUE = 1_000;

function isOp(value: unknown): value is Op {
  if (!value || typeof value !== "object") return false;
  const op = value as { kind?: unknown; id?: unknown; userId?: unknown };
  return (op.kind === "event" || op.kind === "user" || op.kind === "merge") && typeof op.id === "string" && typeof op.userId === "string";
}

export class OpQueue {
  private cache: Op[] | null = null;
  // false once the store refused even a short list: the queue then lives in memory only.
  private durable = true;

  constructor(
    private readonly store: KeyValue,
    private readonly key: string,
    private readonly max = DEFAULT_MAX_QUEUE,
  ) {}

  /** Forget the cached list; the next read takes the stored one (another tab changed it). */
  invalidate(): void {
    this.cache = null;
  }

  all(): Op[] {
    if (this.cache) return this.cache;
    let ops: Op[] = [];
    try {
      const parsed: unknown = JSON.parse(this.store.get(this.key) ?? "[]");
      if (Array.isArray(parsed)) ops = parsed.filter(isOp);
    } catch {}
    this.cache = ops;
    return ops;
  }

  size(): number {
    return this.all().length;
  }

  /** Appends; past the cap the oldest events go first (profile updates and merges stay). Returns how many were dropped. */
  push(op: Op): number {
    const ops = [...this.fresh(), op];
    let dropped = 0;
    while (ops.length > this.max) {
      const oldestEvent = ops.findIndex((o) => o.kind === "event");
      ops.splice(oldestEvent >= 0 ? oldestEvent : 0, 1);
      dropped++;
    }
    this.save(ops);
    return dropped;
  }

  remove(ids: readonly string[]): void {
    if (ids.length === 0) return;
    const gone = new Set(ids);
    this.save(this.fresh().filter((op) => !gone.has(op.id)));
  }

  update(op: Op): void {
    this.save(this.fresh().map((o) => (o.id === op.id ? op : o)));
  }

  clear(): void {
    this.save([]);
  }

  // Changes start from the stored list, so a change made meanwhile by another tab is kept.
  private fresh(): Op[] {
    if (this.durable) this.invalidate();
    return this.all();
  }

  // A store that refuses the list (full quota, private mode) leaves it in memory: this
  // page keeps every operation, only durability across visits is lost until a write succeeds.
  private save(ops: Op[]): void {
    this.cache = ops;
    this.durable = this.store.set(this.key, JSON.stringify(ops));
  }
}
