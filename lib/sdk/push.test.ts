import { afterEach, describe, expect, it, vi } from "vitest";
import { CueClient } from "./client";
import { enablePush, urlBase64ToUint8Array } from "./push";
import { fakeCue, fakeStore, reply } from "./test-kit";

const VAPID = "BEl62iUYgUivxIkv69yViEuiBIa-Ib9-SkvMeAtA3LFgDzkrxZJjSgSnfckjBJuBkr3qBUYIHBQFLXYp5Nksh8U";
const SUBSCRIPTION = { endpoint: "https://push.example.com/send/abc", expirationTime: null, keys: { p256dh: "p256", auth: "auth" } };

// A browser with Web Push: permission, service worker registration and PushManager, faked.
function fakeBrowser(permission: NotificationPermission = "granted") {
  const registered: string[] = [];
  const subscribed: { applicationServerKey: Uint8Array }[] = [];
  const registration = {
    active: {},
    pushManager: {
      getSubscription: async () => null,
      subscribe: async (options: { applicationServerKey: Uint8Array }) => {
        subscribed.push(options);
        return { toJSON: () => SUBSCRIPTION };
      },
    },
  };
  vi.stubGlobal("navigator", { serviceWorker: { register: async (url: string) => (registered.push(url), registration) } });
  vi.stubGlobal("window", { PushManager: function PushManager() {} });
  vi.stubGlobal("Notification", { requestPermission: async () => permission });
  return { registered, subscribed };
}

function client() {
  const server = fakeCue();
  const cue = new CueClient({ host: "https://cue.test", appKey: "k", appSecret: "s e/cret" }, { fetch: server.fetch, store: fakeStore() });
  return { server, cue };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("enablePush", () => {
  it("subscribes with the app's VAPID key and registers the subscription as a device of the current user", async () => {
    const browser = fakeBrowser();
    const { server, cue } = client();
    server.respond((request) =>
      request.path === "/api/v1/push/vapid-key" ? reply(200, { publicKey: VAPID }) : reply(201, { id: "dev_1", platform: "web" }),
    );
    cue.identify("u_42");

    await expect(enablePush(cue, {})).resolves.toEqual({ ok: true, deviceId: "dev_1" });
    expect(browser.registered).toEqual(["/cue-sw.js?host=https%3A%2F%2Fcue.test&appKey=k&appSecret=s%20e%2Fcret"]);
    expect(Array.from(browser.subscribed[0]!.applicationServerKey)).toEqual(Array.from(urlBase64ToUint8Array(VAPID)));
    const device = server.requests.find((r) => r.path === "/api/v1/users/u_42/devices");
    expect(device?.body).toEqual({ platform: "web", subscription: SUBSCRIPTION });
  });

  it("uses a VAPID key given to init without asking Cue, and a custom worker URL", async () => {
    const browser = fakeBrowser();
    const { server, cue } = client();
    server.respond(() => reply(201, { id: "dev_2" }));
    await expect(enablePush(cue, { vapidPublicKey: VAPID, serviceWorkerUrl: "/push/worker.js?v=2" })).resolves.toMatchObject({ ok: true });
    expect(server.requests.map((r) => r.path)).toEqual([expect.stringMatching(/^\/api\/v1\/users\/anon_.+\/devices$/)]);
    expect(browser.registered[0]).toMatch(/^\/push\/worker\.js\?v=2&host=/);
  });

  it("says why when it cannot: no key from Cue, permission denied, no Web Push", async () => {
    fakeBrowser();
    const { server, cue } = client();
    server.respond(() => reply(404, { error: { code: "not_found", message: "Web Push is not configured" } }));
    await expect(enablePush(cue, {})).resolves.toMatchObject({ ok: false, reason: "not_configured" });

    fakeBrowser("denied");
    await expect(enablePush(cue, { vapidPublicKey: VAPID })).resolves.toMatchObject({ ok: false, reason: "denied" });

    vi.stubGlobal("navigator", {});
    await expect(enablePush(cue, { vapidPublicKey: VAPID })).resolves.toMatchObject({ ok: false, reason: "unsupported" });
  });
});
