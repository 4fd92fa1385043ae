// Web Push: ask permission, register Cue's service worker, subscribe with the app's
// VAPID public key and register the subscription as a device of the current user.
// The service worker (cue-sw.js) shows the pushes and reports opens as message.opened.
import type { CueClient } from "./client";
import type { PushResult } from "./types";

export const DEFAULT_SERVICE_WORKER_URL = "/cue-sw.js";

/** A VAPID key as PushManager wants it: base64url → bytes. */
export function urlBase64ToUint8Array(base64url: string): Uint8Array {
  const padded = base64url.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (base64url.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The worker script URL carries where Cue is and the app credentials it reports opens with. */
export function serviceWorkerScript(url: string, client: CueClient): string {
  const { host, appKey, appSecret } = client.credentials;
  const params = `host=${encodeURIComponent(host)}&appKey=${encodeURIComponent(appKey)}&appSecret=${encodeURIComponent(appSecret)}`;
  return url + (url.indexOf("?") >= 0 ? "&" : "?") + params;
}

async function vapidKey(client: CueClient, configured: string | undefined): Promise<string | null> {
  if (configured) return configured;
  const outcome = await client.request("GET", "/api/v1/push/vapid-key");
  const key = outcome.type === "ok" ? (outcome.body as { publicKey?: unknown } | null)?.publicKey : undefined;
  return typeof key === "string" && key ? key : null;
}

function activated(registration: ServiceWorkerRegistration): Promise<void> {
  if (registration.active) return Promise.resolve();
  const worker = registration.installing ?? registration.waiting;
  if (!worker) return Promise.resolve();
  return new Promise((resolve) => {
    worker.addEventListener("statechange", () => {
      if (worker.state === "activated") resolve();
    });
  });
}

export async function enablePush(
  client: CueClient,
  options: { vapidPublicKey?: string; serviceWorkerUrl?: string },
): Promise<PushResult> {
  if (!("serviceWorker" in navigator) || !("PushManager" in window) || typeof Notification === "undefined") {
    return { ok: false, reason: "unsupported", message: "This browser has no Web Push (or the page is not served over https)" };
  }
  try {
    const key = await vapidKey(client, options.vapidPublicKey);
    if (!key) return { ok: false, reason: "not_configured", message: "Web Push is not set up for this application in Cue" };
    const permission = await Notification.requestPermission();
    if (permission !== "granted") return { ok: false, reason: "denied", message: `Notification permission: ${permission}` };

    const registration = await navigator.serviceWorker.register(
      serviceWorkerScript(options.serviceWorkerUrl ?? DEFAULT_SERVICE_WORKER_URL, client),
    );
    await activated(registration);
    const subscription =
      (await registration.pushManager.getSubscription()) ??
      (await registration.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: urlBase64ToUint8Array(key) as BufferSource,
      }));
    const outcome = await client.request(
      "POST",
      `/api/v1/users/${encodeURIComponent(client.currentUserId())}/devices`,
      { platform: "web", subscription: subscription.toJSON() },
    );
    if (outcome.type !== "ok") return { ok: false, reason: "failed", message: outcome.message };
    const id = (outcome.body as { id?: unknown } | null)?.id;
    return { ok: true, deviceId: typeof id === "string" ? id : "" };
  } catch (error) {
    return { ok: false, reason: "failed", message: error instanceof Error ? error.message : String(error) };
  }
}
