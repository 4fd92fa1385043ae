// Email tracking: an open pixel and links rewritten through a signed redirect. The
// token names the message (and the link) and is signed, so nobody can forge opens or
// turn Cue into an open redirect.
import { createHmac, timingSafeEqual } from "node:crypto";
import { derivedKey } from "./keys";
import type { OutboundMessage } from "./provider";

type Claim = { m: string; u?: string };

function sign(payload: string): string {
  return createHmac("sha256", derivedKey("tracking")).update(payload).digest("base64url").slice(0, 32);
}

export function trackingToken(messageId: string, url?: string): string {
  const payload = Buffer.from(JSON.stringify(url ? { m: messageId, u: url } : { m: messageId })).toString("base64url");
  return `${payload}.${sign(payload)}`;
}

export function readTrackingToken(token: string): Claim | null {
  const [payload, signature] = token.split(".");
  if (!payload || !signature) return null;
  const expected = Buffer.from(sign(payload));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const claim = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Claim;
    return typeof claim.m === "string" && (claim.u === undefined || typeof claim.u === "string") ? claim : null;
  } catch {
    return null;
  }
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export const openUrl = (publicUrl: string, messageId: string) => `${publicUrl}/api/t/o/${trackingToken(messageId)}`;
export const clickUrl = (publicUrl: string, messageId: string, url: string) => `${publicUrl}/api/t/c/${trackingToken(messageId, url)}`;

const URL_PATTERN = /https?:\/\/[^\s<>"']+/g;

/** The HTML part: the text with its links tracked, the action's URL as a button, and a pixel. */
export function emailHtml(message: OutboundMessage, publicUrl: string): string {
  const paragraphs = message.body
    .split(/\n{2,}/)
    .map((p) => {
      let html = "";
      let last = 0;
      for (const match of p.matchAll(URL_PATTERN)) {
        html += escapeHtml(p.slice(last, match.index)) + `<a href="${escapeHtml(clickUrl(publicUrl, message.id, match[0]))}">${escapeHtml(match[0])}</a>`;
        last = match.index + match[0].length;
      }
      html += escapeHtml(p.slice(last));
      return `<p style="margin:0 0 16px">${html.replace(/\n/g, "<br>")}</p>`;
    })
    .join("");
  const button = message.url
    ? `<p><a href="${escapeHtml(clickUrl(publicUrl, message.id, message.url))}" style="display:inline-block;padding:10px 18px;background:#3b55e6;color:#fff;border-radius:6px;text-decoration:none">Open</a></p>`
    : "";
  const pixel = `<img src="${escapeHtml(openUrl(publicUrl, message.id))}" width="1" height="1" alt="" style="display:block;border:0">`;
  return `<!doctype html><html><body style="font-family:system-ui,sans-serif;font-size:15px;line-height:1.5;color:#0f172a">${paragraphs}${button}${pixel}</body></html>`;
}
