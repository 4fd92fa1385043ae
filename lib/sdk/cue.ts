// The public object behind window.Cue. Every method catches its own errors and answers
// with a harmless value, so neither a bug here nor an odd browser ever throws into the
// host page. Calls made before init() wait for it.
import { CueClient } from "./client";
import { watchLifecycle, type LifecycleEnv } from "./lifecycle";
import { enablePush } from "./push";
import type { KeyValue } from "./storage";
import type { FetchLike } from "./transport";
import type { CueOptions, CueStatus, PushResult } from "./types";

export type CueEnv = {
  window: LifecycleEnv["window"];
  document: LifecycleEnv["document"];
  fetch: FetchLike | undefined;
  store: () => KeyValue;
  /** Where Cue is when init() names no host: the origin sdk.js came from. */
  defaultHost: string;
  console: Pick<Console, "warn" | "debug">;
};

export type Cue = ReturnType<typeof createCue>;

const EARLY_CALLS_LIMIT = 100;

export function createCue(env: CueEnv) {
  let client: CueClient | null = null;
  let options: CueOptions | null = null;
  let debug = false;
  const early: Array<(client: CueClient) => void> = [];

  const say = (level: "warn" | "debug", message: string, error?: unknown) => {
    try {
      if (level === "warn" || debug) env.console[level](`[Cue] ${message}`, ...(error === undefined ? [] : [error]));
    } catch {}
  };

  // Runs now when initialised, else after init(); never throws.
  const withClient = (name: string, run: (client: CueClient) => void): void => {
    try {
      if (client) run(client);
      else if (early.length < EARLY_CALLS_LIMIT) early.push(run);
      else say("warn", `${name}: call Cue.init({ appKey, appSecret }) first`);
    } catch (error) {
      say("warn", `${name} failed`, error);
    }
  };

  function init(given: CueOptions): void {
    try {
      if (client) return say("warn", "init was already called; this call is ignored");
      if (!given || typeof given.appKey !== "string" || !given.appKey || typeof given.appSecret !== "string" || !given.appSecret) {
        return say("warn", "init needs { appKey, appSecret }");
      }
      const fetchFn = env.fetch;
      if (!fetchFn) return say("warn", "this browser has no fetch(); Cue stays off");
      debug = given.debug === true;
      options = given;
      const created = new CueClient(
        {
          host: typeof given.host === "string" && given.host ? given.host : env.defaultHost,
          appKey: given.appKey,
          appSecret: given.appSecret,
          batchSize: given.batchSize,
          flushIntervalMs: given.flushIntervalMs,
        },
        { fetch: fetchFn, store: env.store(), log: (level, message) => say(level, message) },
      );
      client = created;
      watchLifecycle(created, { window: env.window, document: env.document, now: Date.now, lifecycleEvents: given.lifecycleEvents !== false });
      for (const run of early.splice(0)) {
        try {
          run(created);
        } catch (error) {
          say("warn", "a call made before init failed", error);
        }
      }
      // Whatever an earlier visit left in the queue goes out with this visit's app.open,
      // together with the calls the async snippet queued (replayed right after init).
      created.flushSoon();
    } catch (error) {
      say("warn", "init failed", error);
    }
  }

  return {
    init,

    /** Names the person using the page; events before this are merged into them. */
    identify(userId: string, traits?: { email?: string | null; phone?: string | null; name?: string | null; timezone?: string | null; attributes?: Record<string, unknown> }): void {
      withClient("identify", (c) => void c.identify(userId, traits));
    },

    /** The one line: Cue.logCustomEvent("MY_EVENT", { key: value }). */
    logCustomEvent(name: string, data?: Record<string, unknown>): void {
      withClient("logCustomEvent", (c) => void c.logEvent(name, data));
    },

    /** Asks for notification permission and registers this browser for Web Push. */
    enablePush(): Promise<PushResult> {
      try {
        if (!client || !options) return Promise.resolve({ ok: false, reason: "not_initialized", message: "Call Cue.init first" });
        return enablePush(client, options).catch((error: unknown) => ({ ok: false as const, reason: "failed" as const, message: String(error) }));
      } catch (error) {
        return Promise.resolve({ ok: false, reason: "failed", message: String(error) });
      }
    },

    /** Sends what is queued now, without waiting for a pending retry. */
    flush(): Promise<void> {
      try {
        return client ? client.flush(true).catch(() => undefined) : Promise.resolve();
      } catch {
        return Promise.resolve();
      }
    },

    /** Sign-out: forget the user; later events go to a new anonymous id. */
    reset(): void {
      withClient("reset", (c) => c.reset());
    },

    status(): CueStatus {
      try {
        if (client) return { initialized: true, ...client.status() };
      } catch {}
      return { initialized: false, userId: null, anonymousId: null, queued: 0, retryAt: null, paused: false };
    },
  };
}
