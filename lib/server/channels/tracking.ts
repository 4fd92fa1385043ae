// Email tracking: an open pixel and links rewritten through a signed redirect. The
// token names the message (and the link) and is signed, so nobody can forge opens or
// turn Cue into an open redirect. Also the email's parts around it: every email on a
// topic a person can leave links to its unsubscribe URL (API.md, "Respectful
// delivery"), where the template put {{ unsubscribe_url }} or else in a footer. A plain
// text body becomes simple HTML here; a markdown or MJML template's HTML (rendered when
// the message was recorded) gets the same links, footer and pixel.
import { createHmac, timingSafeEqual } from "node:crypto";
import { TRANSACTIONAL } from "@/lib/delivery/policy";
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

/** The URL for List-Unsubscribe: an email on any topic but transactional has one. */
export function listUnsubscribeUrl(message: OutboundMessage): string | null {
  return message.channel === "email" && message.topic !== TRANSACTIONAL ? message.unsubscribeUrl : null;
}

// The footer goes in only when the template did not place the link itself.
function footerUrl(message: OutboundMessage): string | null {
  const url = listUnsubscribeUrl(message);
  return url && !(message.html ?? message.body).includes(url) && message.url !== url ? url : null;
}

const FOOTER_TEXT = "Don't want these emails? Unsubscribe or change your preferences";

/**
 * The plain-text part: the body, the action's URL, and the unsubscribe footer when needed.
 * A markdown or MJML email's body is the text part made from its HTML; its template
 * places its own links, so the action's URL is not added.
 */
export function emailText(message: OutboundMessage): string {
  const text = message.url && message.html === null ? `${message.body}\n\n${message.url}` : message.body;
  const footer = footerUrl(message);
  return footer ? `${text}\n\n---\n${FOOTER_TEXT}: ${footer}` : text;
}

const footerHtml = (url: string) =>
  `<p style="margin:32px 0 0;padding-top:16px;border-top:1px solid #e2e8f0;font-size:12px;color:#64748b">Don't want these emails? <a href="${escapeHtml(url)}" style="color:#64748b">Unsubscribe or change your preferences</a></p>`;
const pixelHtml = (publicUrl: string, messageId: string) =>
  `<img src="${escapeHtml(openUrl(publicUrl, messageId))}" width="1" height="1" alt="" style="display:block;border:0">`;

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const decodeAttribute = (value: string) =>
  value.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (entity, name: string) => {
    const lower = name.toLowerCase();
    if (lower.startsWith("#x")) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith("#")) return String.fromCodePoint(Number(lower.slice(1)));
    return ENTITIES[lower] ?? entity;
  });

const ANCHOR = /<a\b[^>]*>/gi;
const HREF = /(\shref\s*=\s*)(?:(["'])([\s\S]*?)\2|([^\s"'>]+))/i;

/** A rendered HTML email's web links through the click redirect (not the unsubscribe link), the footer when needed, and the pixel. */
function trackedHtml(message: OutboundMessage, html: string, publicUrl: string): string {
  const tracked = html.replace(ANCHOR, (tag) =>
    tag.replace(HREF, (attribute, before: string, quote: string | undefined, quoted: string | undefined, bare: string | undefined) => {
      const url = decodeAttribute(quoted ?? bare ?? "").trim();
      // mailto:, tel: and #anchors are not visits to count; the unsubscribe link goes straight to its page.
      if (!/^https?:\/\//i.test(url) || url === message.unsubscribeUrl) return attribute;
      return `${before}"${escapeHtml(clickUrl(publicUrl, message.id, url))}"`;
    }),
  );
  const footer = footerUrl(message);
  const tail = `${footer ? footerHtml(footer) : ""}${pixelHtml(publicUrl, message.id)}`;
  const end = tracked.toLowerCase().lastIndexOf("</body");
  return end < 0 ? tracked + tail : tracked.slice(0, end) + tail + tracked.slice(end);
}

/** The HTML part: the text with its links tracked, the action's URL as a button, and a pixel (or the template's HTML, tracked). */
export function emailHtml(message: OutboundMessage, publicUrl: string): string {
  if (message.html !== null) return trackedHtml(message, message.html, publicUrl);
  const unsubscribe = message.unsubscribeUrl;
  // The unsubscribe link goes straight to its page: through the click redirect it would
  // count as a click, and a link checker following it would record engagement nobody had.
  const href = (url: string) => escapeHtml(url === unsubscribe ? url : clickUrl(publicUrl, message.id, url));
  const paragraphs = message.body
    .split(/\n{2,}/)
    .map((p) => {
      let html = "";
      let last = 0;
      for (const match of p.matchAll(URL_PATTERN)) {
        // A sentence's full stop right after the link is not part of it.
        const url = unsubscribe && match[0].startsWith(unsubscribe) ? unsubscribe : match[0];
        html += escapeHtml(p.slice(last, match.index)) + `<a href="${href(url)}">${escapeHtml(url)}</a>`;
        last = match.index + url.length;
      }
      html += escapeHtml(p.slice(last));
      return `<p style="margin:0 0 16px">${html.replace(/\n/g, "<br>")}</p>`;
    })
    .join("");
  const button = message.url
    ? `<p><a href="${href(message.url)}" style="display:inline-block;padding:10px 18px;background:#3b55e6;color:#fff;border-radius:6px;text-decoration:none">Open</a></p>`
    : "";
  const footer = footerUrl(message);
  return `<!doctype html><html><body style="font-family:system-ui,sans-serif;font-size:15px;line-height:1.5;color:#0f172a">${paragraphs}${button}${footer ? footerHtml(footer) : ""}${pixelHtml(publicUrl, message.id)}</body></html>`;
}
