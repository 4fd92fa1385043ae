import { readFileSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { buildSdkFiles } from "./bundle";
import { fakeCue } from "./test-kit";

const root = path.resolve(__dirname, "../..");
const built = buildSdkFiles(root);
const sdk = built.find((file) => file.output === "public/sdk.js")!;

// A bare browser-like global for running the bundle: just what sdk.js touches.
function browserGlobal(server: ReturnType<typeof fakeCue>, preset: Record<string, unknown> = {}) {
  const listeners = new EventTarget();
  const storage = new Map<string, string>();
  const sandbox: Record<string, unknown> = {
    document: {
      currentScript: { src: "https://cue.example.com/sdk.js" },
      visibilityState: "visible",
      addEventListener: listeners.addEventListener.bind(listeners),
    },
    location: { href: "https://shop.example.com/", origin: "https://shop.example.com" },
    localStorage: {
      getItem: (k: string) => storage.get(k) ?? null,
      setItem: (k: string, v: string) => void storage.set(k, v),
      removeItem: (k: string) => void storage.delete(k),
    },
    addEventListener: listeners.addEventListener.bind(listeners),
    fetch: server.fetch,
    console: { warn: () => {}, debug: () => {} },
    TextEncoder,
    URL,
    btoa,
    crypto,
    setTimeout,
    clearTimeout,
    ...preset,
  };
  sandbox.window = sandbox;
  return vm.createContext(sandbox);
}

describe("the built SDK", () => {
  it("is what public/ serves: run `npm run build:sdk` after changing lib/sdk", () => {
    for (const file of built) {
      const onDisk = readFileSync(path.join(root, file.output), "utf8");
      expect(onDisk === file.code, `${file.output} is stale`).toBe(true);
    }
  });

  it("stays small", () => {
    expect(sdk.gzipBytes).toBeLessThan(8 * 1024);
  });

  it("installs window.Cue, replays the async snippet's queue, and defaults the host to where it was loaded from", async () => {
    const server = fakeCue();
    const context = browserGlobal(server, {});
    vm.runInContext(
      `window.Cue = { q: [] };
       ["init", "identify", "logCustomEvent"].forEach(function (m) { Cue[m] = function () { Cue.q.push([m, arguments]); }; });
       Cue.init({ appKey: "k", appSecret: "s" });
       Cue.logCustomEvent("MY_EVENT", { key: "value" });`,
      context,
    );
    vm.runInContext(sdk.code, context);
    const cue = (context as { Cue: { status(): { initialized: boolean }; flush(): Promise<void> } }).Cue;
    expect(cue.status().initialized).toBe(true);
    await cue.flush();
    expect(server.requests[0]!.url).toBe("https://cue.example.com/api/v1/events");
    expect(server.requests[0]!.body.events.map((e: { event: string }) => e.event)).toEqual(["app.open", "MY_EVENT"]);

    // Loading the script a second time keeps the running instance.
    vm.runInContext(sdk.code, context);
    expect((context as { Cue: unknown }).Cue).toBe(cue);
  });
});
