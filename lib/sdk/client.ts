// The SDK's core, free of page globals so it runs under a fake clock in unit tests:
// identity (anonymous id, then the identified user), the offline queue, batching, and
// sending with retry and backoff. Every event gets a client id when it is logged, so a
// retried request is counted by the server as a duplicate and never stored twice.
import { backoffDelay } from "./backoff";
import { uuid as randomUuid } from "./ids";
import { OpQueue } from "./queue";
import type { KeyValue } from "./storage";
import { callCue, type Credentials, type FetchLike, type Outcome } from "./transport";
import type { CueStatus, EventData, EventOp, Op, Traits } from "./types";

export const DEFAULT_BATCH_SIZE = 20;
export const DEFAULT_FLUSH_INTERVAL_MS = 2_000;
export const MAX_BATCH = 500;
export const MAX_NAME_LENGTH = 200;
export const MAX_DATA_BYTES = 32 * 1024;
// The server takes 512 KB per request; a batch stays well below that.
export const MAX_BATCH_BYTES = 400 * 1024;
// Browsers allow 64 KB in flight for keepalive requests, the ones that outlive the page.
export const KEEPALIVE_BYTES = 60 * 1024;
export const ANONYMOUS_PREFIX = "anon_";

export type ClientOptions = Credentials & { batchSize?: number; flushIntervalMs?: number; maxQueue?: number };

export type ClientDeps = {
  fetch: FetchLike;
  store: KeyValue;
  now?: () => number;
  random?: () => number;
  uuid?: () => string;
  log?: (level: "debug" | "warn", message: string) => void;
};

const utf8Length = (text: string) => new TextEncoder().encode(text).length;

function clamp(value: number | undefined, min: number, max: number, fallback: number): number {
  return typeof value === "number" && Number.isFinite(value) ? Math.min(max, Math.max(min, Math.floor(value))) : fallback;
}

/** Event data as the server will see it: a JSON object of at most 32 KB, or a reason why not. */
export function cleanEventData(data: unknown): { ok: true; data: EventData } | { ok: false; reason: string } {
  if (data === undefined || data === null) return { ok: true, data: {} };
  if (typeof data !== "object" || Array.isArray(data)) return { ok: false, reason: "data must be an object, like { product: \"p1\" }" };
  let json: string;
  try {
    json = JSON.stringify(data);
  } catch {
    return { ok: false, reason: "data cannot be turned into JSON (a cycle, or a BigInt?)" };
  }
  const bytes = utf8Length(json);
  if (bytes > MAX_DATA_BYTES) return { ok: false, reason: `data is ${bytes} bytes; the limit is ${MAX_DATA_BYTES}` };
  return { ok: true, data: JSON.parse(json) as EventData };
}

function browserTimeZone(): string | null {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
  } catch {
    return null;
  }
}

export function cleanTraits(traits: unknown): Traits {
  if (!traits || typeof traits !== "object") return {};
  const { email, phone, name, timezone, attributes } = traits as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === "string" || value === null ? value : undefined);
  const out: Traits = {};
  if (text(email) !== undefined) out.email = text(email);
  if (text(phone) !== undefined) out.phone = text(phone);
  if (text(name) !== undefined) out.name = text(name);
  if (text(timezone) !== undefined) out.timezone = text(timezone);
  if (attributes && typeof attributes === "object" && !Array.isArray(attributes)) {
    try {
      out.attributes = JSON.parse(JSON.stringify(attributes)) as Record<string, unknown>;
    } catch {}
  }
  return out;
}

const wireEvent = (op: EventOp) => ({
  id: op.id,
  userId: op.userId,
  event: op.event,
  data: op.data,
  ...(op.timestamp ? { timestamp: op.timestamp } : {}),
});

export class CueClient {
  readonly credentials: Credentials;
  readonly queueKey: string;
  private readonly batchSize: number;
  private readonly flushIntervalMs: number;
  private readonly queue: OpQueue;
  private readonly keys: { anonymousId: string; userId: string };
  private readonly store: KeyValue;
  private readonly fetchFn: FetchLike;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly uuid: () => string;
  private readonly log: (level: "debug" | "warn", message: string) => void;
  // Identity writes that the store refused are remembered here for this page.
  private readonly memo = new Map<string, string | null>();

  private timer: ReturnType<typeof setTimeout> | undefined;
  private timerAt = Infinity;
  private draining: Promise<void> | null = null;
  private attempt = 0;
  private retryAt: number | null = null;
  private paused = false;
  private batchLimit: number;

  constructor(options: ClientOptions, deps: ClientDeps) {
    this.credentials = { host: options.host, appKey: options.appKey, appSecret: options.appSecret };
    this.batchSize = clamp(options.batchSize, 1, MAX_BATCH, DEFAULT_BATCH_SIZE);
    this.batchLimit = this.batchSize;
    this.flushIntervalMs = clamp(options.flushIntervalMs, 0, 60_000, DEFAULT_FLUSH_INTERVAL_MS);
    this.store = deps.store;
    this.fetchFn = deps.fetch;
    this.now = deps.now ?? Date.now;
    this.random = deps.random ?? Math.random;
    this.uuid = deps.uuid ?? randomUuid;
    this.log = deps.log ?? (() => {});
    const prefix = `cue:${options.appKey}:`;
    this.queueKey = `${prefix}queue`;
    this.keys = { anonymousId: `${prefix}anonymousId`, userId: `${prefix}userId` };
    this.queue = new OpQueue(deps.store, this.queueKey, options.maxQueue);
  }

  // ── identity ────────────────────────────────────────────────────────────────────

  private read(key: string): string | null {
    return this.memo.has(key) ? this.memo.get(key)! : this.store.get(key);
  }

  private write(key: string, value: string | null): void {
    let stored = true;
    if (value === null) this.store.remove(key);
    else stored = this.store.set(key, value);
    if (stored) this.memo.delete(key);
    else this.memo.set(key, value);
  }

  anonymousId(): string {
    let id = this.read(this.keys.anonymousId);
    if (!id) {
      id = ANONYMOUS_PREFIX + this.uuid();
      this.write(this.keys.anonymousId, id);
    }
    return id;
  }

  identifiedUserId(): string | null {
    return this.read(this.keys.userId);
  }

  /** Who events are logged for right now: the identified user, else the anonymous id. */
  currentUserId(): string {
    return this.identifiedUserId() ?? this.anonymousId();
  }

  /**
   * Upserts the user and, the first time this browser identifies, asks Cue to merge the
   * anonymous id's history into the user. Both wait in the queue behind the events
   * already logged, so the anonymous events are stored before they are merged.
   * Identifying as someone else later (a shared computer) never merges two known people.
   */
  identify(userId: unknown, traits?: unknown): boolean {
    if (typeof userId !== "string" || userId.length < 1 || userId.length > MAX_NAME_LENGTH) {
      this.log("warn", "identify: userId must be a string of 1–200 characters");
      return false;
    }
    const previous = this.identifiedUserId();
    const anonymousId = this.anonymousId();
    this.write(this.keys.userId, userId);
    // The browser knows the person's time zone; quiet hours and local send times need it.
    const clean = cleanTraits(traits);
    if (clean.timezone === undefined) {
      const zone = browserTimeZone();
      if (zone) clean.timezone = zone;
    }
    this.enqueue({ kind: "user", id: this.uuid(), userId, traits: clean });
    if (previous === null && anonymousId !== userId) {
      this.enqueue({ kind: "merge", id: this.uuid(), userId, anonymousId });
    }
    return true;
  }

  /** Forgets the identified user (sign-out): later events go to a fresh anonymous id. */
  reset(): void {
    this.write(this.keys.userId, null);
    this.write(this.keys.anonymousId, ANONYMOUS_PREFIX + this.uuid());
  }

  // ── events ──────────────────────────────────────────────────────────────────────

  logEvent(name: unknown, data?: unknown): boolean {
    if (typeof name !== "string" || name.length < 1 || name.length > MAX_NAME_LENGTH) {
      this.log("warn", "logCustomEvent: the event name must be a string of 1–200 characters");
      return false;
    }
    const clean = cleanEventData(data);
    if (!clean.ok) {
      this.log("warn", `logCustomEvent("${name}"): ${clean.reason}; the event was not logged`);
      return false;
    }
    this.enqueue({
      kind: "event",
      id: this.uuid(),
      userId: this.currentUserId(),
      event: name,
      data: clean.data,
      timestamp: new Date(this.now()).toISOString(),
    });
    return true;
  }

  private enqueue(op: Op): void {
    const dropped = this.queue.push(op);
    if (dropped > 0) this.log("warn", `The offline queue is full; dropped the ${dropped} oldest event(s)`);
    this.log("debug", op.kind === "event" ? `queued ${op.event}` : `queued ${op.kind} ${op.userId}`);
    const urgent = op.kind !== "event" || this.queue.size() >= this.batchSize;
    this.schedule(urgent ? 0 : this.flushIntervalMs);
  }

  status(): Omit<CueStatus, "initialized"> {
    return {
      userId: this.identifiedUserId(),
      anonymousId: this.anonymousId(),
      queued: this.queue.size(),
      retryAt: this.retryAt,
      paused: this.paused,
    };
  }

  /** Another tab changed the stored queue. */
  queueChanged(): void {
    this.queue.invalidate();
    if (this.queue.size() > 0) this.schedule(this.flushIntervalMs);
  }

  /** A one-off call with the app's credentials, outside the queue (push set-up). */
  request(method: "GET" | "POST" | "PUT", path: string, body?: unknown): Promise<Outcome> {
    return callCue(this.fetchFn, this.credentials, method, path, body, { now: this.now() });
  }

  // ── sending ─────────────────────────────────────────────────────────────────────

  private schedule(delayMs: number): void {
    if (this.paused) return;
    let at = this.now() + delayMs;
    if (this.retryAt !== null && this.retryAt > at) at = this.retryAt;
    if (this.timer !== undefined && this.timerAt <= at) return;
    clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.timerAt = Infinity;
      void this.flush();
    }, Math.max(0, at - this.now()));
  }

  /** Sends what is queued as soon as the current task is done. */
  flushSoon(): void {
    this.schedule(0);
  }

  /** Sends everything queued; `force` skips a pending backoff (Cue.flush()). */
  flush(force = false): Promise<void> {
    if (force) this.retryAt = null;
    if (this.paused) return Promise.resolve();
    if (this.draining) return this.draining;
    if (this.retryAt !== null && this.retryAt > this.now()) {
      this.schedule(0);
      return Promise.resolve();
    }
    const run = this.drain().then(
      () => void (this.draining = null),
      () => void (this.draining = null),
    );
    this.draining = run;
    return run;
  }

  /** The network is back (the `online` event): forget the backoff and send now. */
  retryNow(): void {
    if (this.paused || this.queue.size() === 0) return;
    this.attempt = 0;
    this.retryAt = null;
    this.schedule(0);
  }

  /**
   * The page is being hidden and may never run again: send the head of the queue in a
   * request that outlives the page. What does not fit stays queued for the next visit;
   * if both this and a running request arrive, the ids make the second a duplicate.
   */
  flushOnHide(): void {
    if (this.paused) return;
    const batch = this.nextBatch(KEEPALIVE_BYTES);
    if (batch.length === 0) return;
    void this.send(batch, true).then((outcome) => {
      if (outcome.type === "ok") this.queue.remove(batch.map((op) => op.id));
    });
  }

  private async drain(): Promise<void> {
    for (;;) {
      const batch = this.nextBatch(MAX_BATCH_BYTES);
      if (batch.length === 0) {
        // A batch size cut after a 413 holds until the queue is empty.
        this.batchLimit = this.batchSize;
        return;
      }
      const outcome = await this.send(batch, false);
      if (!this.settle(batch, outcome)) return;
    }
  }

  // Consecutive events from the head of the queue, or the single profile/merge op there:
  // order is kept, so a merge never runs before the anonymous events it should move.
  private nextBatch(maxBytes: number): Op[] {
    const ops = this.queue.all();
    const head = ops[0];
    if (!head) return [];
    if (head.kind !== "event") return [head];
    const batch: Op[] = [];
    let bytes = 16;
    for (const op of ops) {
      if (op.kind !== "event" || batch.length >= this.batchLimit) break;
      const size = utf8Length(JSON.stringify(wireEvent(op))) + 1;
      if (batch.length > 0 && bytes + size > maxBytes) break;
      batch.push(op);
      bytes += size;
    }
    return batch;
  }

  private send(batch: Op[], keepalive: boolean): Promise<Outcome> {
    const head = batch[0]!;
    const options = { keepalive, now: this.now() };
    const user = `/api/v1/users/${encodeURIComponent(head.userId)}`;
    if (head.kind === "user") return callCue(this.fetchFn, this.credentials, "PUT", user, head.traits, options);
    if (head.kind === "merge") {
      return callCue(this.fetchFn, this.credentials, "POST", `${user}/merge`, { anonymousId: head.anonymousId }, options);
    }
    const events = batch.filter((op): op is EventOp => op.kind === "event").map(wireEvent);
    return callCue(this.fetchFn, this.credentials, "POST", "/api/v1/events", { events }, options);
  }

  /** Applies a response to the queue; true when the next batch may go right away. */
  private settle(batch: Op[], outcome: Outcome): boolean {
    switch (outcome.type) {
      case "ok":
        this.queue.remove(batch.map((op) => op.id));
        this.attempt = 0;
        this.retryAt = null;
        this.log("debug", `sent ${batch.length} operation(s)`);
        return true;
      case "retry": {
        this.attempt++;
        const delay = Math.max(backoffDelay(this.attempt, this.random), outcome.retryAfterMs ?? 0);
        this.retryAt = this.now() + delay;
        this.log("debug", `send failed (${outcome.message}); retry ${this.attempt} in ${delay} ms`);
        this.schedule(delay);
        return false;
      }
      case "auth":
        this.paused = true;
        clearTimeout(this.timer);
        this.timer = undefined;
        this.timerAt = Infinity;
        this.log("warn", `Cue refused the credentials (${outcome.status}: ${outcome.message}); events stay queued until the page loads with a valid appKey and appSecret`);
        return false;
      case "rejected":
        this.reject(batch, outcome);
        return true;
    }
  }

  // A batch is all or nothing on the server, and its error names each bad index: drop
  // those events (or, for a clock too far ahead, let the server stamp the time) and send
  // the rest again. Every path shrinks or changes the batch, so this always progresses.
  private reject(batch: Op[], outcome: Extract<Outcome, { type: "rejected" }>): void {
    const head = batch[0]!;
    if (head.kind !== "event") {
      const what = head.kind === "merge" ? `merging ${head.anonymousId} into ${head.userId}` : `updating user ${head.userId}`;
      this.log("warn", `Cue rejected ${what} (${outcome.status}: ${outcome.message})`);
      this.queue.remove([head.id]);
      return;
    }
    const fields = new Map<number, Set<string>>();
    for (const detail of outcome.details) {
      const match = /^events\.(\d+)(?:\.([^.]+))?/.exec(detail.path);
      if (!match) continue;
      const index = Number(match[1]);
      if (!fields.has(index)) fields.set(index, new Set());
      fields.get(index)!.add(match[2] ?? "");
    }
    if (fields.size === 0) {
      if (outcome.status === 413 && batch.length > 1) {
        this.batchLimit = Math.ceil(batch.length / 2);
        return;
      }
      this.log("warn", `Cue rejected ${batch.length} event(s) (${outcome.status}: ${outcome.message}); they were dropped`);
      this.queue.remove(batch.map((op) => op.id));
      return;
    }
    const dropped: string[] = [];
    let restamped = 0;
    fields.forEach((bad, index) => {
      const op = batch[index];
      if (!op || op.kind !== "event") return;
      if (op.timestamp && bad.size === 1 && bad.has("timestamp")) {
        const { timestamp: _late, ...rest } = op;
        this.queue.update(rest);
        restamped++;
      } else {
        dropped.push(op.id);
        this.log("warn", `Cue rejected event "${op.event}" (${outcome.message}); it was dropped`);
      }
    });
    if (dropped.length === 0 && restamped === 0) {
      this.log("warn", `Cue rejected ${batch.length} event(s) (${outcome.status}: ${outcome.message}); they were dropped`);
      dropped.push(...batch.map((op) => op.id));
    }
    this.queue.remove(dropped);
  }
}
