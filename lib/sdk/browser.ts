// The entry bundled into /sdk.js: installs window.Cue and replays the calls the async
// snippet queued (window.Cue.q) before the script arrived.
import { createCue } from "./cue";
import { localStore } from "./storage";
import type { FetchLike } from "./transport";

type QueuedCall = [string, ArrayLike<unknown>];
type Installed = { q?: QueuedCall[]; status?: unknown } & Record<string, unknown>;

// Where sdk.js was loaded from: the default host, so the snippet needs no host option.
function scriptOrigin(): string {
  try {
    const script = document.currentScript as HTMLScriptElement | null;
    if (script && script.src) return new URL(script.src, location.href).origin;
  } catch {}
  try {
    return location.origin;
  } catch {
    return "";
  }
}

(function install() {
  try {
    const host = window as unknown as { Cue?: Installed };
    const existing = host.Cue;
    if (existing && typeof existing.status === "function") return; // the script was included twice
    const cue = createCue({
      window,
      document,
      fetch: typeof fetch === "function" ? ((url, init) => fetch(url, init)) as FetchLike : undefined,
      store: localStore,
      defaultHost: scriptOrigin(),
      console,
    });
    host.Cue = cue as unknown as Installed;
    const queued = existing && Array.isArray(existing.q) ? existing.q : [];
    for (const [name, args] of queued) {
      const method = (cue as unknown as Record<string, unknown>)[name];
      if (typeof method === "function") method.apply(cue, Array.prototype.slice.call(args));
    }
  } catch (error) {
    try {
      console.warn("[Cue] could not start", error);
    } catch {}
  }
})();
