// The link in every email that lets its reader leave the email's topic, or change their
// preferences, without signing in (API.md, "Respectful delivery"). The token names the
// application, the user, the topic and the message, and is opaque: base64url JSON and
// an HMAC-SHA256 signature under a key of its own. Whoever holds it may change that
// one user's subscriptions, so a token altered to name anyone else fails its signature.
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { derivedKey } from "../channels/keys";

export type UnsubscribeClaim = { appId: string; userId: string; topic: string; messageId: string };

const claimSchema = z
  .object({ a: z.string().min(1), u: z.string().min(1), t: z.string().min(1), m: z.string().min(1) })
  .strict()
  .transform((c): UnsubscribeClaim => ({ appId: c.a, userId: c.u, topic: c.t, messageId: c.m }));

// Ids are at most a few hundred characters; anything much longer was not made here.
const MAX_TOKEN_LENGTH = 2048;

function sign(payload: string): string {
  return createHmac("sha256", derivedKey("unsubscribe")).update(payload).digest("base64url");
}

export function unsubscribeToken(claim: UnsubscribeClaim): string {
  const payload = Buffer.from(JSON.stringify({ a: claim.appId, u: claim.userId, t: claim.topic, m: claim.messageId })).toString("base64url");
  return `${payload}.${sign(payload)}`;
}

/** The claim of a token this server signed; null for anything else. */
export function readUnsubscribeToken(token: string): UnsubscribeClaim | null {
  if (token.length > MAX_TOKEN_LENGTH) return null;
  const parts = token.split(".");
  if (parts.length !== 2 || !parts[0] || !parts[1]) return null;
  const [payload, signature] = parts as [string, string];
  const expected = Buffer.from(sign(payload));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const parsed = claimSchema.safeParse(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** `{publicUrl}/u/{token}`: List-Unsubscribe's target, the one-click POST and the preferences page. */
export function unsubscribeUrl(publicUrl: string, claim: UnsubscribeClaim): string {
  return `${publicUrl}/u/${unsubscribeToken(claim)}`;
}
