// Profile updates that arrive with ingested data (Segment's identify and group): the
// same merge as PUT /api/v1/users/{id} — fields replace, attributes merge, a null
// attribute is removed — folded per user in arrival order and written inside the
// caller's transaction, one statement per user, in user-id order (the lock order ingest uses).
import type { Prisma } from "@/lib/generated/prisma/client";

export type ProfileFields = { email?: string | null; phone?: string | null; name?: string | null; timezone?: string | null };
export type ProfileUpdate = { userId: string; fields: ProfileFields; attributes: Record<string, unknown>; seenAt: Date };

type Folded = { fields: ProfileFields; attributes: Record<string, unknown>; seenAt: Date };

/** Later updates win; exported for its unit test. */
export function foldProfileUpdates(updates: ProfileUpdate[]): Map<string, Folded> {
  const byUser = new Map<string, Folded>();
  for (const u of updates) {
    const folded = byUser.get(u.userId);
    if (!folded) {
      byUser.set(u.userId, { fields: { ...u.fields }, attributes: { ...u.attributes }, seenAt: u.seenAt });
      continue;
    }
    Object.assign(folded.fields, u.fields);
    Object.assign(folded.attributes, u.attributes);
    if (u.seenAt > folded.seenAt) folded.seenAt = u.seenAt;
  }
  return byUser;
}

export async function applyProfileUpdates(tx: Prisma.TransactionClient, appId: string, updates: ProfileUpdate[], now: Date) {
  const folded = foldProfileUpdates(updates);
  for (const userId of [...folded.keys()].sort()) {
    const { fields, attributes, seenAt } = folded.get(userId)!;
    const set = Object.fromEntries(Object.entries(attributes).filter(([, v]) => v !== null));
    const removed = Object.keys(attributes).filter((k) => attributes[k] === null);
    await tx.$executeRaw`
      INSERT INTO "User" ("appId", "userId", "email", "phone", "name", "timezone", "attributes", "updatedAt", "lastSeenAt")
      VALUES (${appId}, ${userId}, ${fields.email ?? null}, ${fields.phone ?? null}, ${fields.name ?? null}, ${fields.timezone ?? null},
              ${JSON.stringify(set)}::jsonb, ${now.toISOString()}::timestamp(3), ${seenAt.toISOString()}::timestamp(3))
      ON CONFLICT ("appId", "userId") DO UPDATE SET
        "email" = CASE WHEN ${"email" in fields} THEN EXCLUDED."email" ELSE "User"."email" END,
        "phone" = CASE WHEN ${"phone" in fields} THEN EXCLUDED."phone" ELSE "User"."phone" END,
        "name" = CASE WHEN ${"name" in fields} THEN EXCLUDED."name" ELSE "User"."name" END,
        "timezone" = CASE WHEN ${"timezone" in fields} THEN EXCLUDED."timezone" ELSE "User"."timezone" END,
        "attributes" = ("User"."attributes" || EXCLUDED."attributes") - ${removed}::text[],
        "updatedAt" = EXCLUDED."updatedAt",
        "lastSeenAt" = GREATEST("User"."lastSeenAt", EXCLUDED."lastSeenAt")`;
  }
}
