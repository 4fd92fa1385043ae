"use client";

// The demo talks to Cue only through window.Cue, the public browser SDK loaded from
// /sdk.js. Until the script arrives, calls go into the same queue the async snippet
// uses, and the SDK replays them when it loads.
import type { Cue } from "@/lib/sdk/cue";

type Stub = { q: [string, unknown[]][] } & Partial<Cue>;

const QUEUED_METHODS = ["init", "identify", "logCustomEvent", "reset"] as const;

export function cue(): Cue {
  const host = window as unknown as { Cue?: Stub };
  if (!host.Cue) {
    const stub: Stub = { q: [] };
    for (const method of QUEUED_METHODS) {
      (stub as Record<string, unknown>)[method] = (...args: unknown[]) => stub.q.push([method, args]);
    }
    host.Cue = stub;
  }
  return host.Cue as Cue;
}

/** True once /sdk.js has loaded (the stub has no status()). */
export function sdkLoaded(): boolean {
  const host = window as unknown as { Cue?: Partial<Cue> };
  return typeof host.Cue?.status === "function";
}
