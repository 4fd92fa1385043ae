// Topics a user can subscribe to: the two built in (API.md: marketing, subscribed by
// default; transactional, which nobody can leave) and the application's own.
import { z } from "zod";
import { BUILT_IN_TOPICS, topicKeySchema } from "@/lib/delivery/policy";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { ApiError, type ErrorDetail } from "../api/errors";
import type { Sql } from "../sql";

export const topicCreateSchema = z.object({
  key: topicKeySchema,
  name: z.string({ error: "Name the topic" }).trim().min(1, { error: "Name the topic" }).max(100, { error: "At most 100 characters" }),
  default: z.enum(["subscribed", "unsubscribed"], { error: "Choose subscribed (opt-out) or unsubscribed (opt-in)" }).default("subscribed"),
});

export type TopicRecord = { key: string; name: string; default: "subscribed" | "unsubscribed"; builtIn: boolean };

const builtIns = (): TopicRecord[] => BUILT_IN_TOPICS.map((t) => ({ ...t, builtIn: true }));
const isBuiltIn = (key: string) => BUILT_IN_TOPICS.some((t) => t.key === key);

const record = (t: { key: string; name: string; default: string }): TopicRecord => ({
  key: t.key, name: t.name, default: t.default === "unsubscribed" ? "unsubscribed" : "subscribed", builtIn: false,
});

export async function listTopics(prisma: PrismaClient, appId: string): Promise<{ topics: TopicRecord[] }> {
  const own = await prisma.topic.findMany({ where: { appId }, orderBy: { createdAt: "asc" } });
  return { topics: [...builtIns(), ...own.map(record)] };
}

export async function createTopic(prisma: PrismaClient, appId: string, input: z.infer<typeof topicCreateSchema>): Promise<TopicRecord> {
  if (isBuiltIn(input.key)) throw new ApiError("conflict", `"${input.key}" is a built-in topic`);
  const created = await prisma.topic.createMany({ data: [{ appId, key: input.key, name: input.name, default: input.default }], skipDuplicates: true });
  if (created.count === 0) throw new ApiError("conflict", `A topic "${input.key}" already exists`);
  return record(input);
}

/** The named topics of an application with their defaults; keys it does not have are absent. */
export async function topicsByKey(sql: Sql, appId: string, keys: string[]): Promise<Map<string, TopicRecord>> {
  const found = new Map(builtIns().filter((t) => keys.includes(t.key)).map((t) => [t.key, t]));
  const own = keys.filter((k) => !isBuiltIn(k));
  if (own.length > 0) {
    const rows = await sql.query<{ key: string; name: string; default: string }>(
      `SELECT key, name, "default" FROM "Topic" WHERE "appId" = $1 AND key = ANY($2::text[])`, [appId, [...new Set(own)]],
    );
    for (const r of rows) found.set(r.key, record(r));
  }
  return found;
}

/** A detail for each use of a topic the application does not have, at the path (and node) it was used. */
export async function unknownTopics(sql: Sql, appId: string, used: { topic: string; path: string; nodeId?: string }[]): Promise<ErrorDetail[]> {
  if (used.length === 0) return [];
  const known = await topicsByKey(sql, appId, used.map((u) => u.topic));
  return used
    .filter((u) => !known.has(u.topic))
    .map((u) => ({ path: u.path, message: `No topic "${u.topic}": create it under Settings → Topics first`, ...(u.nodeId ? { nodeId: u.nodeId } : {}) }));
}

/** Refuses topics the application does not have, naming where each was used. */
export async function assertTopicsExist(sql: Sql, appId: string, used: { topic: string; path: string }[]) {
  const unknown = await unknownTopics(sql, appId, used);
  if (unknown.length > 0) throw new ApiError("invalid_request", "Unknown topic", unknown);
}
