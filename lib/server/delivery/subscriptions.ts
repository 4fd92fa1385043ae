// A user's subscriptions: one row per topic or channel they chose (Subscription), the
// topic's default otherwise. Every change is also an event of the user,
// user.subscribed / user.unsubscribed, stored and matched like any other, so a
// connector can start from it ("when someone unsubscribes from marketing, …").
import { z } from "zod";
import { TRANSACTIONAL } from "@/lib/delivery/policy";
import { ApiError } from "../api/errors";
import { storeEvents } from "../ingest/ingest";
import type { Sql } from "../sql";
import { topicsByKey, type TopicRecord } from "./topics";

export const SUBSCRIPTION_CHANNELS = ["email", "sms", "push"] as const;
export type SubscriptionChannel = (typeof SUBSCRIPTION_CHANNELS)[number];
export type SubscriptionSource = "api" | "link" | "sms" | "dashboard";

export const subscriptionsPutSchema = z
  .object({
    topics: z.record(z.string().max(64), z.boolean({ error: "true (subscribed) or false" })).optional(),
    channels: z.partialRecord(z.enum(SUBSCRIPTION_CHANNELS, { error: "Channels are email, sms and push" }), z.boolean({ error: "true (subscribed) or false" })).optional(),
  })
  .strict();
export type SubscriptionsPut = z.infer<typeof subscriptionsPutSchema>;

export type Subscriptions = { topics: Record<string, boolean>; channels: Record<SubscriptionChannel, boolean> };

type Row = { userId: string; kind: string; key: string; subscribed: boolean };

async function rowsOf(sql: Sql, appId: string, userIds: string[]): Promise<Row[]> {
  return sql.query<Row>(`SELECT "userId", kind, key, subscribed FROM "Subscription" WHERE "appId" = $1 AND "userId" = ANY($2::text[])`, [appId, userIds]);
}

async function allTopics(sql: Sql, appId: string): Promise<TopicRecord[]> {
  const own = await sql.query<{ key: string }>(`SELECT key FROM "Topic" WHERE "appId" = $1 ORDER BY "createdAt"`, [appId]);
  return [...(await topicsByKey(sql, appId, ["marketing", TRANSACTIONAL, ...own.map((t) => t.key)])).values()];
}

function resolve(topics: TopicRecord[], rows: Row[]): Subscriptions {
  const chosen = (kind: string, key: string) => rows.find((r) => r.kind === kind && r.key === key)?.subscribed;
  return {
    topics: Object.fromEntries(topics.map((t) => [t.key, t.key === TRANSACTIONAL ? true : (chosen("topic", t.key) ?? t.default === "subscribed")])),
    channels: Object.fromEntries(SUBSCRIPTION_CHANNELS.map((c) => [c, chosen("channel", c) ?? true])) as Subscriptions["channels"],
  };
}

export async function userExists(sql: Sql, appId: string, userId: string): Promise<boolean> {
  const [row] = await sql.query(`SELECT 1 FROM "User" WHERE "appId" = $1 AND "userId" = $2`, [appId, userId]);
  return Boolean(row);
}

export async function getSubscriptions(sql: Sql, appId: string, userId: string): Promise<Subscriptions> {
  if (!(await userExists(sql, appId, userId))) throw new ApiError("not_found", "User not found");
  return resolve(await allTopics(sql, appId), await rowsOf(sql, appId, [userId]));
}

/**
 * Merges the changes in, in the caller's transaction, and records one event per real
 * change. Refuses unknown topics and leaving transactional; creates the user if new
 * (as an event would).
 */
export async function putSubscriptions(tx: Sql, appId: string, userId: string, changes: SubscriptionsPut, source: SubscriptionSource, now: Date): Promise<Subscriptions> {
  const topics = await allTopics(tx, appId);
  const problems = Object.keys(changes.topics ?? {}).flatMap((key) =>
    !topics.some((t) => t.key === key)
      ? [{ path: `topics.${key}`, message: `No topic "${key}"` }]
      : key === TRANSACTIONAL && changes.topics![key] === false
        ? [{ path: `topics.${key}`, message: "Transactional messages cannot be unsubscribed from" }]
        : [],
  );
  if (problems.length > 0) throw new ApiError("invalid_request", "The request has invalid fields", problems);

  await tx.execute(
    `INSERT INTO "User" ("appId", "userId", "createdAt", "updatedAt", "lastSeenAt") VALUES ($1, $2, $3::timestamp(3), $3::timestamp(3), $3::timestamp(3)) ON CONFLICT DO NOTHING`,
    [appId, userId, now.toISOString()],
  );
  const before = resolve(topics, await rowsOf(tx, appId, [userId]));
  const wanted = [
    ...Object.entries(changes.topics ?? {}).filter(([key]) => key !== TRANSACTIONAL).map(([key, on]) => ({ kind: "topic" as const, key, on, was: before.topics[key] })),
    ...Object.entries(changes.channels ?? {}).map(([key, on]) => ({ kind: "channel" as const, key, on: on!, was: before.channels[key as SubscriptionChannel] })),
  ];
  if (wanted.length > 0) {
    await tx.execute(
      `INSERT INTO "Subscription" ("appId", "userId", kind, key, subscribed, source, "updatedAt")
       SELECT $1, $2, k, key, s, $6, $7::timestamp(3) FROM unnest($3::text[], $4::text[], $5::boolean[]) AS x(k, key, s)
       ON CONFLICT ("appId", "userId", kind, key) DO UPDATE SET subscribed = EXCLUDED.subscribed, source = EXCLUDED.source, "updatedAt" = EXCLUDED."updatedAt"`,
      [appId, userId, wanted.map((w) => w.kind), wanted.map((w) => w.key), wanted.map((w) => w.on), source, now.toISOString()],
    );
  }
  const changed = wanted.filter((w) => w.on !== w.was);
  if (changed.length > 0) {
    await storeEvents(
      tx,
      appId,
      changed.map((w, i) => ({
        eventId: null,
        userId,
        name: w.on ? "user.subscribed" : "user.unsubscribed",
        data: { [w.kind]: w.key, source },
        // Distinct, ordered timestamps keep several changes of one request in the order given.
        timestamp: new Date(now.getTime() + i),
      })),
      now,
    );
  }
  return resolve(topics, await rowsOf(tx, appId, [userId]));
}

/** What the gate needs: each user's explicit choices, by app. */
export async function choicesOf(sql: Sql, appId: string, userIds: string[]): Promise<Map<string, Row[]>> {
  const byUser = new Map<string, Row[]>();
  if (userIds.length === 0) return byUser;
  for (const row of await rowsOf(sql, appId, [...new Set(userIds)])) byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), row]);
  return byUser;
}
