// Web Push with VAPID through the web-push library's encryption, sent with fetch so
// the network guard applies to subscription endpoints (they come from browsers).
import webpush from "web-push";
import { assertPublicUrl, BlockedAddressError } from "../net-guard";
import { httpOutcome, networkFailure, TIMEOUT_MS, type Delivery, type Provider } from "../provider";

type Subscription = { endpoint: string; keys: { p256dh: string; auth: string } };

export const webpushProvider: Provider = {
  async send(message, { config, secrets }) {
    const targets = message.devices.filter((d) => d.platform === "web" && d.subscription) as { id: string; subscription: Subscription }[];
    if (targets.length === 0) return { ok: false, retryable: false, error: "The user has no Web Push subscription" };
    const payload = JSON.stringify({ title: message.title ?? "", body: message.body, url: message.url, messageId: message.id });
    const outcomes: Delivery[] = [];
    const disabledDevices: string[] = [];
    for (const device of targets) {
      try {
        await assertPublicUrl(device.subscription.endpoint);
        const request = webpush.generateRequestDetails(device.subscription, payload, {
          vapidDetails: { subject: String(config.subject), publicKey: String(config.vapidPublicKey), privateKey: secrets.vapidPrivateKey ?? "" },
          TTL: 24 * 3600,
          topic: message.id.replace(/[^A-Za-z0-9_-]/g, "").slice(-32),
        });
        const res = await fetch(request.endpoint, {
          method: request.method,
          headers: request.headers as Record<string, string>,
          body: request.body as unknown as BodyInit,
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
        const text = await res.text();
        // Gone: the browser unsubscribed; never use this subscription again.
        if (res.status === 404 || res.status === 410) disabledDevices.push(device.id);
        outcomes.push(httpOutcome(res.status, res.headers, text, res.headers.get("location") ?? undefined));
      } catch (error) {
        outcomes.push(error instanceof BlockedAddressError ? { ok: false, retryable: false, error: error.message } : networkFailure(error));
      }
    }
    const delivered = outcomes.find((o) => o.ok);
    if (delivered) return { ...delivered, disabledDevices };
    const retry = outcomes.find((o) => !o.ok && o.retryable);
    return { ...(retry ?? outcomes[0]!), disabledDevices } as Delivery;
  },
};

export function generateVapidKeys(): { publicKey: string; privateKey: string } {
  return webpush.generateVAPIDKeys();
}
