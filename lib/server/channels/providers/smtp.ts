// Email over SMTP with nodemailer: a text part and an HTML part whose links go through
// Cue's signed click redirect and which carries an open pixel. An email on a topic a
// person can leave has RFC 8058 one-click unsubscribe headers.
import nodemailer from "nodemailer";
import { assertPublicHost, BlockedAddressError } from "../net-guard";
import { networkFailure, TIMEOUT_MS, type Provider } from "../provider";
import { emailHtml, emailText, listUnsubscribeUrl } from "../tracking";

const PERMANENT_SMTP = /^5\d\d$/;

export const smtpProvider: Provider = {
  async send(message, { config, secrets, publicUrl }) {
    if (!message.to.email) return { ok: false, retryable: false, error: "The user has no email address" };
    const host = String(config.host);
    try {
      await assertPublicHost(host);
    } catch (error) {
      if (error instanceof BlockedAddressError) return { ok: false, retryable: false, error: error.message };
      return networkFailure(error);
    }
    const transport = nodemailer.createTransport({
      host,
      port: Number(config.port),
      secure: Boolean(config.secure),
      auth: config.user ? { user: String(config.user), pass: secrets.pass ?? "" } : undefined,
      connectionTimeout: TIMEOUT_MS,
      greetingTimeout: TIMEOUT_MS,
      socketTimeout: TIMEOUT_MS,
    });
    try {
      const unsubscribe = listUnsubscribeUrl(message);
      const info = await transport.sendMail({
        from: String(config.from),
        to: message.to.name ? { name: message.to.name, address: message.to.email } : message.to.email,
        subject: message.subject ?? message.title ?? "",
        text: emailText(message),
        html: emailHtml(message, publicUrl),
        headers: unsubscribe ? { "List-Unsubscribe": `<${unsubscribe}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } : undefined,
        // Receivers drop a retried duplicate by Message-ID.
        messageId: `<${message.id}@cue>`,
      });
      return { ok: true, providerMessageId: info.messageId };
    } catch (error) {
      const code = String((error as { responseCode?: number }).responseCode ?? "");
      if (PERMANENT_SMTP.test(code)) return { ok: false, retryable: false, error: (error as Error).message.slice(0, 300), statusCode: Number(code) };
      return networkFailure(error);
    } finally {
      transport.close();
    }
  },
};
