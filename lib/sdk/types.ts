// The SDK's public shapes, and the operations it keeps in its offline queue.

export type CueOptions = {
  appKey: string;
  appSecret: string;
  /** Where Cue runs; defaults to the origin sdk.js was loaded from. */
  host?: string;
  /** Events per request (1–500); a full batch is sent at once. */
  batchSize?: number;
  /** How long an event may wait for more to join its batch. */
  flushIntervalMs?: number;
  /** Log `app.open` and `app.close` by itself (default true). */
  lifecycleEvents?: boolean;
  /** Web Push: the VAPID public key; when absent enablePush() asks Cue for it. */
  vapidPublicKey?: string;
  /** Web Push: the service worker script on the page's own origin. */
  serviceWorkerUrl?: string;
  /** Log what the SDK does to the console. */
  debug?: boolean;
};

export type Traits = {
  email?: string | null;
  phone?: string | null;
  name?: string | null;
  attributes?: Record<string, unknown>;
  /** IANA zone; identify fills it from the browser when not given. */
  timezone?: string | null;
};

export type EventData = Record<string, unknown>;

export type EventOp = { kind: "event"; id: string; userId: string; event: string; data: EventData; timestamp?: string };
export type UserOp = { kind: "user"; id: string; userId: string; traits: Traits };
/** Moves what the anonymous id did onto the identified user (POST /api/v1/users/{id}/merge). */
export type MergeOp = { kind: "merge"; id: string; userId: string; anonymousId: string };
export type Op = EventOp | UserOp | MergeOp;

export type PushResult =
  | { ok: true; deviceId: string }
  | { ok: false; reason: "unsupported" | "not_configured" | "denied" | "not_initialized" | "failed"; message?: string };

export type CueStatus = {
  initialized: boolean;
  userId: string | null;
  anonymousId: string | null;
  /** Operations waiting in the offline queue (events, profile updates, merges). */
  queued: number;
  /** When the next retry is due after a failure (epoch ms), or null. */
  retryAt: number | null;
  /** True after a 401/403: sending stops until the page loads with working credentials. */
  paused: boolean;
};
