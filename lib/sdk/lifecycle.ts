// Page lifecycle → Cue lifecycle events: `app.open` when the page loads and when the
// user comes back to a tab hidden for 30 minutes or more; `app.close` when the page is
// hidden (tab switch, minimise, navigation, close), which is also the last moment the
// queue can be sent, so it is flushed in a request that outlives the page.
import type { CueClient } from "./client";

export const RETURN_AFTER_MS = 30 * 60_000;

type Listener = (event: { type: string; key?: string | null; persisted?: boolean }) => void;
type Target = { addEventListener(type: string, listener: Listener): void };

export type LifecycleEnv = {
  window: Target;
  document: Target & { visibilityState: string };
  now: () => number;
  /** false: only flush on hide and retry on `online`; log no app.* events. */
  lifecycleEvents: boolean;
};

export function watchLifecycle(client: CueClient, env: LifecycleEnv): void {
  const log = (name: "app.open" | "app.close") => {
    if (env.lifecycleEvents) client.logEvent(name, {});
  };
  let hiddenAt: number | null = env.document.visibilityState === "hidden" ? env.now() : null;
  log("app.open");

  // visibilitychange and pagehide both fire when a page goes away: log once per hiding.
  const hide = () => {
    if (hiddenAt !== null) return;
    hiddenAt = env.now();
    log("app.close");
    client.flushOnHide();
  };
  const show = () => {
    if (hiddenAt === null) return;
    const away = env.now() - hiddenAt;
    hiddenAt = null;
    if (away >= RETURN_AFTER_MS) log("app.open");
    client.retryNow();
  };

  env.document.addEventListener("visibilitychange", () => (env.document.visibilityState === "hidden" ? hide() : show()));
  env.window.addEventListener("pagehide", hide);
  // A page restored from the back/forward cache was hidden, not reloaded.
  env.window.addEventListener("pageshow", (event) => {
    if (event.persisted) show();
  });
  env.window.addEventListener("online", () => client.retryNow());
  env.window.addEventListener("storage", (event) => {
    if (event.key === client.queueKey || event.key === null) client.queueChanged();
  });
}
