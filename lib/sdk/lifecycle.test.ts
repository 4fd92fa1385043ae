import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CueClient } from "./client";
import { RETURN_AFTER_MS, watchLifecycle } from "./lifecycle";
import { fakeCue, fakeStore } from "./test-kit";

// Page and document as plain event targets, with a visibility state the test flips.
function fakePage(visibility: "visible" | "hidden" = "visible") {
  const window = new EventTarget();
  const document = Object.assign(new EventTarget(), { visibilityState: visibility as string });
  const fire = (target: EventTarget, type: string, extra: Record<string, unknown> = {}) =>
    target.dispatchEvent(Object.assign(new Event(type), extra));
  return {
    window,
    document,
    hide() {
      document.visibilityState = "hidden";
      fire(document, "visibilitychange");
    },
    show() {
      document.visibilityState = "visible";
      fire(document, "visibilitychange");
    },
    pagehide: () => fire(window, "pagehide"),
    pageshow: (persisted: boolean) => fire(window, "pageshow", { persisted }),
    online: () => fire(window, "online"),
  };
}

function setup(visibility: "visible" | "hidden" = "visible", lifecycleEvents = true) {
  const server = fakeCue();
  const client = new CueClient({ host: "https://cue.test", appKey: "k", appSecret: "s" }, { fetch: server.fetch, store: fakeStore() });
  const page = fakePage(visibility);
  watchLifecycle(client, { window: page.window as never, document: page.document as never, now: Date.now, lifecycleEvents });
  const names = () => server.eventRequests().flatMap((r) => r.body.events.map((e: { event: string }) => e.event));
  return { server, client, page, names };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("lifecycle events", () => {
  it("logs app.open on load", async () => {
    const { client, names } = setup();
    await client.flush();
    expect(names()).toEqual(["app.open"]);
  });

  it("logs app.close once when the page is hidden, sent at once in a keepalive request", async () => {
    const { server, client, page, names } = setup();
    await client.flush();
    page.hide();
    page.pagehide(); // both fire when a tab closes
    await vi.advanceTimersByTimeAsync(0);
    expect(names()).toEqual(["app.open", "app.close"]);
    expect(server.requests.at(-1)!.keepalive).toBe(true);
  });

  it("logs app.open again only after the tab was hidden for 30 minutes", async () => {
    const { client, page, names } = setup();
    page.hide();
    await vi.advanceTimersByTimeAsync(RETURN_AFTER_MS - 1_000);
    page.show();
    page.hide();
    await vi.advanceTimersByTimeAsync(RETURN_AFTER_MS);
    page.show();
    await client.flush();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(names()).toEqual(["app.open", "app.close", "app.close", "app.open"]);
  });

  it("treats a page restored from the back/forward cache as a return", async () => {
    const { client, page, names } = setup();
    page.pagehide();
    await vi.advanceTimersByTimeAsync(RETURN_AFTER_MS);
    page.pageshow(true);
    await client.flush();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(names()).toEqual(["app.open", "app.close", "app.open"]);
  });

  it("retries at once when the browser comes back online", async () => {
    const { server, client, page } = setup();
    server.respond(() => new TypeError("offline"));
    await client.flush();
    expect(client.status().retryAt).not.toBeNull();
    server.heal();
    page.online();
    await vi.advanceTimersByTimeAsync(0);
    expect(client.status()).toMatchObject({ queued: 0, retryAt: null });
  });

  it("with lifecycleEvents off, logs nothing but still flushes on hide", async () => {
    const { server, client, page, names } = setup("visible", false);
    client.logEvent("A");
    page.hide();
    await vi.advanceTimersByTimeAsync(0);
    expect(names()).toEqual(["A"]);
    expect(server.requests[0]!.keepalive).toBe(true);
  });
});
