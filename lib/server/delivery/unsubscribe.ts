// What an email's unsubscribe link does (API.md, "Respectful delivery"), with no login:
// the token is the whole authority, and it reaches only the one user it names. One-click
// leaves the email's topic (RFC 8058); the preferences page shows and saves every topic
// and the email channel. Changes are recorded with source "link".
import { z } from "zod";
import { TRANSACTIONAL } from "@/lib/delivery/policy";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { readBodyText } from "../api/body";
import { ApiError } from "../api/errors";
import type { Sql, SqlDatabase } from "../sql";
import { getSubscriptions, putSubscriptions, userExists, type Subscriptions } from "./subscriptions";
import { listTopics } from "./topics";
import { readUnsubscribeToken, type UnsubscribeClaim } from "./unsubscribe-token";

/** The token's claim; 404 for a token this server did not sign, so a forged one changes nothing. */
export function claimOf(token: string): UnsubscribeClaim {
  const claim = readUnsubscribeToken(token);
  if (!claim) throw new ApiError("not_found", "This unsubscribe link is not valid: it may have been altered or copied incompletely");
  return claim;
}

// A link outlives what it names: an application or user deleted since is not recreated.
async function assertRecipient(sql: Sql, claim: UnsubscribeClaim) {
  if (!(await userExists(sql, claim.appId, claim.userId))) throw new ApiError("not_found", "The recipient of this link no longer exists");
}

/** RFC 8058 one-click: leaves the topic of the email the link came in. */
export async function unsubscribeOneClick(sql: SqlDatabase, claim: UnsubscribeClaim, now: Date): Promise<{ topic: string; subscribed: false }> {
  if (claim.topic === TRANSACTIONAL) throw new ApiError("invalid_request", "Transactional messages cannot be unsubscribed from");
  await sql.transaction(async (tx) => {
    await assertRecipient(tx, claim);
    await putSubscriptions(tx, claim.appId, claim.userId, { topics: { [claim.topic]: false } }, "link", now);
  });
  return { topic: claim.topic, subscribed: false };
}

/** A form body, url-encoded or multipart (RFC 8058 allows either for one-click). */
export async function readForm(request: Request): Promise<URLSearchParams> {
  const type = request.headers.get("content-type") ?? "application/x-www-form-urlencoded";
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(type)) {
    throw new ApiError("unsupported_media_type", "Send a form: List-Unsubscribe=One-Click");
  }
  // Anyone can post here: never buffer more than a form needs.
  const text = await readBodyText(request, 16 * 1024);
  try {
    const form = await new Response(text, { headers: { "content-type": type } }).formData();
    return new URLSearchParams([...form].flatMap(([name, value]) => (typeof value === "string" ? [[name, value] as [string, string]] : [])));
  } catch {
    throw new ApiError("invalid_request", "The request body is not a valid form");
  }
}

// The preferences page's form. Unchecked boxes are not posted, so the form also names the
// topics it showed: a topic added after the page was loaded is left as it is.
const preferencesFormSchema = z.object({
  shown: z.array(z.string().max(64)).max(200),
  topic: z.array(z.string().max(64)).max(200),
  channel: z.array(z.literal("email", { error: "Only the email channel is on this page" })).max(1),
});

export function preferencesFromForm(form: URLSearchParams): { topics: Record<string, boolean>; channels: { email: boolean } } {
  const { shown, topic, channel } = preferencesFormSchema.parse({ shown: form.getAll("shown"), topic: form.getAll("topic"), channel: form.getAll("channel") });
  return { topics: Object.fromEntries(shown.map((key) => [key, topic.includes(key)])), channels: { email: channel.includes("email") } };
}

export async function savePreferences(sql: SqlDatabase, claim: UnsubscribeClaim, form: URLSearchParams, now: Date): Promise<Subscriptions> {
  const changes = preferencesFromForm(form);
  return sql.transaction(async (tx) => {
    await assertRecipient(tx, claim);
    return putSubscriptions(tx, claim.appId, claim.userId, changes, "link", now);
  });
}

export type PreferenceTopic = { key: string; name: string; subscribed: boolean; locked: boolean };
export type Preferences = {
  appName: string;
  /** The address, partly hidden: enough for its owner to recognise, little for anyone else. */
  maskedEmail: string | null;
  /** The topic of the email the link came in. */
  topic: string;
  topics: PreferenceTopic[];
  email: boolean;
};

export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at < 1) return "•••";
  return `${email[0]}•••${email.slice(at)}`;
}

/** What the preferences page shows; null when the link names an application or user that is gone. */
export async function preferencesFor(prisma: PrismaClient, sql: Sql, claim: UnsubscribeClaim): Promise<Preferences | null> {
  const [app, user] = await Promise.all([
    prisma.app.findUnique({ where: { id: claim.appId }, select: { name: true } }),
    prisma.user.findUnique({ where: { appId_userId: { appId: claim.appId, userId: claim.userId } }, select: { email: true } }),
  ]);
  if (!app || !user) return null;
  const [subscriptions, { topics }] = await Promise.all([getSubscriptions(sql, claim.appId, claim.userId), listTopics(prisma, claim.appId)]);
  return {
    appName: app.name,
    maskedEmail: user.email ? maskEmail(user.email) : null,
    topic: claim.topic,
    topics: topics.map((t) => ({ key: t.key, name: t.name, subscribed: subscriptions.topics[t.key] ?? false, locked: t.key === TRANSACTIONAL })),
    email: subscriptions.channels.email,
  };
}
