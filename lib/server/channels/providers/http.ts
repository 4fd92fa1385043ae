// Webhook: a JSON POST per message to the configured URL (or the action's `url`), with
// the message id as Idempotency-Key so the receiver can drop a retried duplicate.
import { assertPublicUrl, BlockedAddressError } from "../net-guard";
import { httpOutcome, networkFailure, TIMEOUT_MS, type Provider } from "../provider";

export const httpProvider: Provider = {
  async send(message, { config, secrets }) {
    const target = message.url || (config.url as string | undefined);
    if (!target) return { ok: false, retryable: false, error: "No webhook URL: set one on the channel or the action" };
    try {
      await assertPublicUrl(target);
    } catch (error) {
      if (error instanceof BlockedAddressError || error instanceof TypeError) return { ok: false, retryable: false, error: error.message };
      return networkFailure(error);
    }
    // Custom headers are stored with the secrets (they usually carry a token).
    const custom = secrets.headers ? (JSON.parse(secrets.headers) as Record<string, string>) : {};
    const headers = { ...custom, "content-type": "application/json", "idempotency-key": message.id, "user-agent": "Cue-Webhook/1" };
    try {
      const res = await fetch(target, {
        method: "POST",
        headers,
        redirect: "manual",
        signal: AbortSignal.timeout(TIMEOUT_MS),
        body: JSON.stringify({
          id: message.id,
          userId: message.to.userId,
          title: message.title,
          subject: message.subject,
          body: message.body,
          url: message.url,
          user: message.to,
          connectorId: message.meta.connectorId,
          nodeId: message.meta.nodeId,
        }),
      });
      return httpOutcome(res.status, res.headers, await res.text(), res.headers.get("x-request-id") ?? undefined);
    } catch (error) {
      return networkFailure(error);
    }
  },
};
