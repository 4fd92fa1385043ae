// SMS through Twilio's Messages API (or any compatible server at baseUrl).
import { assertPublicUrl, BlockedAddressError } from "../net-guard";
import { httpOutcome, networkFailure, TIMEOUT_MS, type Provider } from "../provider";

export const twilioProvider: Provider = {
  async send(message, { config, secrets }) {
    if (!message.to.phone) return { ok: false, retryable: false, error: "The user has no phone number" };
    const base = ((config.baseUrl as string | undefined) || "https://api.twilio.com").replace(/\/+$/, "");
    const sid = String(config.accountSid);
    const url = `${base}/2010-04-01/Accounts/${encodeURIComponent(sid)}/Messages.json`;
    try {
      await assertPublicUrl(url);
    } catch (error) {
      if (error instanceof BlockedAddressError || error instanceof TypeError) return { ok: false, retryable: false, error: error.message };
      return networkFailure(error);
    }
    const text = message.url ? `${message.body}\n${message.url}` : message.body;
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: {
          authorization: `Basic ${Buffer.from(`${sid}:${secrets.authToken ?? ""}`).toString("base64")}`,
          "content-type": "application/x-www-form-urlencoded",
          // Twilio has no idempotency key for Messages; this lets compatible servers dedupe.
          "i-twilio-idempotency-token": message.id,
        },
        body: new URLSearchParams({ To: message.to.phone, From: String(config.from), Body: text }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      const body = await res.text();
      let sidOut: string | undefined;
      try {
        sidOut = (JSON.parse(body) as { sid?: string }).sid;
      } catch {}
      return httpOutcome(res.status, res.headers, body, sidOut);
    } catch (error) {
      return networkFailure(error);
    }
  },
};
