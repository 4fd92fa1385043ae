// Cue's service worker (served as /cue-sw.js): shows the pushes Cue sends and reports
// a click as message.opened. Cue's Web Push payload is JSON:
// { "title", "body", "url"?, "messageId" }. The script URL carries the host and the
// app credentials (?host=&appKey=&appSecret=), set by Cue.enablePush().
import { authorization } from "./transport";

type PushPayload = { title?: string; body?: string; url?: string | null; messageId?: string };
type NotificationLike = { data?: unknown; close(): void };
type ExtendableEvent = { waitUntil(promise: Promise<unknown>): void };
type PushEvent = ExtendableEvent & { data?: { json(): unknown; text(): string } | null };
type NotificationClickEvent = ExtendableEvent & { notification: NotificationLike };
type WindowClientLike = { url: string; focus(): Promise<unknown>; navigate?(url: string): Promise<unknown> };
type WorkerScope = {
  location: { search: string; origin: string };
  registration: { showNotification(title: string, options: { body?: string; data?: unknown; tag?: string }): Promise<void> };
  clients: {
    matchAll(options: { type: "window"; includeUncontrolled: boolean }): Promise<WindowClientLike[]>;
    openWindow(url: string): Promise<unknown>;
  };
  addEventListener(type: "push", listener: (event: PushEvent) => void): void;
  addEventListener(type: "notificationclick", listener: (event: NotificationClickEvent) => void): void;
  addEventListener(type: "install" | "activate", listener: (event: ExtendableEvent) => void): void;
  skipWaiting(): Promise<void>;
};

const scope = self as unknown as WorkerScope & { clients: WorkerScope["clients"] & { claim(): Promise<void> } };
const params = new URLSearchParams(scope.location.search);
const config = { host: params.get("host") ?? "", appKey: params.get("appKey") ?? "", appSecret: params.get("appSecret") ?? "" };

function readPayload(event: PushEvent): PushPayload {
  if (!event.data) return {};
  try {
    return event.data.json() as PushPayload;
  } catch {
    return { body: event.data.text() };
  }
}

function reportOpened(messageId: string): Promise<unknown> {
  if (!config.host || !config.appKey || !config.appSecret) return Promise.resolve();
  return fetch(`${config.host.replace(/\/+$/, "")}/api/v1/messages/${encodeURIComponent(messageId)}/opened`, {
    method: "POST",
    headers: { authorization: authorization(config) },
    credentials: "omit",
    keepalive: true,
  }).catch(() => undefined);
}

async function openOrFocus(url: string): Promise<unknown> {
  const target = new URL(url, scope.location.origin).href;
  const windows = await scope.clients.matchAll({ type: "window", includeUncontrolled: true });
  const open = windows.find((client) => client.url === target);
  return open ? open.focus() : scope.clients.openWindow(target);
}

scope.addEventListener("install", (event) => event.waitUntil(scope.skipWaiting()));
scope.addEventListener("activate", (event) => event.waitUntil(scope.clients.claim()));

scope.addEventListener("push", (event) => {
  const payload = readPayload(event);
  event.waitUntil(
    scope.registration.showNotification(payload.title || "", {
      body: payload.body ?? "",
      tag: payload.messageId,
      data: { url: payload.url ?? null, messageId: payload.messageId ?? null },
    }),
  );
});

scope.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const data = (event.notification.data ?? {}) as { url?: string | null; messageId?: string | null };
  event.waitUntil(
    Promise.all([data.messageId ? reportOpened(data.messageId) : Promise.resolve(), openOrFocus(data.url || "/")]),
  );
});
