import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createCue, type CueEnv } from "./cue";
import { fakeCue, fakeStore } from "./test-kit";

function env(overrides: Partial<CueEnv> = {}) {
  const server = fakeCue();
  const warnings: string[] = [];
  const page = { window: new EventTarget(), document: Object.assign(new EventTarget(), { visibilityState: "visible" }) };
  const cueEnv: CueEnv = {
    window: page.window as never,
    document: page.document as never,
    fetch: server.fetch,
    store: () => fakeStore(),
    defaultHost: "https://cue.test",
    console: { warn: (message: string) => warnings.push(message), debug: () => {} },
    ...overrides,
  };
  return { server, warnings, cue: createCue(cueEnv) };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("window.Cue", () => {
  it("sends the one line to the host sdk.js came from", async () => {
    const { server, cue } = env();
    cue.init({ appKey: "k", appSecret: "s" });
    cue.logCustomEvent("MY_EVENT", { key: "value" });
    await cue.flush();
    expect(server.requests[0]!.url).toBe("https://cue.test/api/v1/events");
    expect(server.requests.flatMap((r) => r.body.events).map((e: { event: string }) => e.event)).toEqual(["app.open", "MY_EVENT"]);
  });

  it("keeps calls made before init and runs them after it, in order", async () => {
    const { server, cue } = env();
    cue.logCustomEvent("EARLY");
    cue.identify("u_1", { email: "a@example.com" });
    expect(server.requests).toHaveLength(0);
    cue.init({ appKey: "k", appSecret: "s", host: "https://other.test/" });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      "POST https://other.test/api/v1/events",
      "PUT https://other.test/api/v1/users/u_1",
      "POST https://other.test/api/v1/users/u_1/merge",
    ]);
    expect(server.requests[0]!.body.events.map((e: { event: string }) => e.event)).toEqual(["app.open", "EARLY"]);
    expect(cue.status()).toMatchObject({ initialized: true, userId: "u_1", queued: 0 });
  });

  it("never throws into the page, whatever it is given or whatever breaks", async () => {
    const broken = env({
      store: () => {
        throw new Error("storage exploded");
      },
    });
    expect(() => broken.cue.init({ appKey: "k", appSecret: "s" })).not.toThrow();
    expect(broken.warnings.some((w) => w.includes("init failed"))).toBe(true);

    const { cue, warnings } = env();
    const calls = [
      () => cue.init(undefined as never),
      () => cue.init({ appKey: 1 } as never),
      () => cue.logCustomEvent(undefined as never, null as never),
      () => cue.identify(null as never, "x" as never),
      () => cue.reset(),
      () => cue.status(),
    ];
    for (const call of calls) expect(call).not.toThrow();
    await expect(cue.enablePush()).resolves.toMatchObject({ ok: false, reason: "not_initialized" });
    await expect(cue.flush()).resolves.toBeUndefined();
    expect(warnings.length).toBeGreaterThan(0);

    cue.init({ appKey: "k", appSecret: "s" });
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(() => cue.logCustomEvent("E", circular)).not.toThrow();
    expect(() => cue.identify("")).not.toThrow();
    expect(() => cue.init({ appKey: "k", appSecret: "s" })).not.toThrow();
  });

  it("stays off without fetch", () => {
    const { cue, warnings } = env({ fetch: undefined });
    cue.init({ appKey: "k", appSecret: "s" });
    cue.logCustomEvent("E");
    expect(cue.status().initialized).toBe(false);
    expect(warnings.join(" ")).toContain("no fetch");
  });

  it("reports push as unsupported outside a browser with Web Push", async () => {
    const { cue } = env();
    cue.init({ appKey: "k", appSecret: "s" });
    await expect(cue.enablePush()).resolves.toMatchObject({ ok: false });
  });
});
