// Folds one user into another when an anonymous id turns out to be a known person
// (Segment's identify/alias): the history, profile, devices, segment memberships,
// enrollments, messages and active days of `from` become `to`'s, `from` is deleted,
// and an alias row sends anything that still arrives for `from` to `to`. Runs inside
// the caller's transaction, so a merge is all or nothing.
import type { Prisma } from "@/lib/generated/prisma/client";

type Tx = Prisma.TransactionClient;

export async function mergeUsers(tx: Tx, appId: string, from: string, to: string, now: Date): Promise<void> {
  if (from === to) return;
  const at = now.toISOString();

  // Aliases always point at a live user: earlier aliases of `from` follow it to `to`.
  await tx.$executeRaw`
    INSERT INTO "UserAlias" ("appId", "anonymousId", "userId", "createdAt")
    VALUES (${appId}, ${from}, ${to}, ${at}::timestamp(3))
    ON CONFLICT ("appId", "anonymousId") DO UPDATE SET "userId" = EXCLUDED."userId"`;
  await tx.$executeRaw`UPDATE "UserAlias" SET "userId" = ${to} WHERE "appId" = ${appId} AND "userId" = ${from}`;

  // The known profile wins field by field; `from` only fills what `to` lacks.
  await tx.$executeRaw`
    INSERT INTO "User" ("appId", "userId", "email", "phone", "name", "attributes", "createdAt", "updatedAt", "lastSeenAt")
    SELECT "appId", ${to}, "email", "phone", "name", "attributes", "createdAt", ${at}::timestamp(3), "lastSeenAt"
    FROM "User" WHERE "appId" = ${appId} AND "userId" = ${from}
    ON CONFLICT ("appId", "userId") DO UPDATE SET
      "email" = COALESCE("User"."email", EXCLUDED."email"),
      "phone" = COALESCE("User"."phone", EXCLUDED."phone"),
      "name" = COALESCE("User"."name", EXCLUDED."name"),
      "attributes" = EXCLUDED."attributes" || "User"."attributes",
      "createdAt" = LEAST("User"."createdAt", EXCLUDED."createdAt"),
      "lastSeenAt" = GREATEST("User"."lastSeenAt", EXCLUDED."lastSeenAt"),
      "updatedAt" = EXCLUDED."updatedAt"`;

  await tx.$executeRaw`UPDATE "Event" SET "userId" = ${to} WHERE "appId" = ${appId} AND "userId" = ${from}`;
  await tx.$executeRaw`UPDATE "Device" SET "userId" = ${to}, "updatedAt" = ${at}::timestamp(3) WHERE "appId" = ${appId} AND "userId" = ${from}`;

  await tx.$executeRaw`
    INSERT INTO "SegmentMember" ("segmentId", "userId", "addedAt")
    SELECT m."segmentId", ${to}, m."addedAt" FROM "SegmentMember" m JOIN "Segment" s ON s.id = m."segmentId"
    WHERE s."appId" = ${appId} AND m."userId" = ${from}
    ON CONFLICT ("segmentId", "userId") DO NOTHING`;
  await tx.$executeRaw`
    DELETE FROM "SegmentMember" m USING "Segment" s
    WHERE s.id = m."segmentId" AND s."appId" = ${appId} AND m."userId" = ${from}`;

  // An enrollment of `from` whose re-entry slot ("active", "once") `to` already holds
  // cannot move as it is: it becomes history, and ends if it was still running.
  await tx.$executeRaw`
    UPDATE "Enrollment" e SET
      "entryKey" = e.id,
      "status" = CASE WHEN e.status IN ('entered', 'active') THEN 'exited' ELSE e.status END,
      "endReason" = CASE WHEN e.status IN ('entered', 'active') THEN ${`Merged into user ${to}, who was already enrolled`} ELSE e."endReason" END,
      "endedAt" = COALESCE(e."endedAt", ${at}::timestamp(3)),
      "dueAt" = CASE WHEN e.status IN ('entered', 'active') THEN NULL ELSE e."dueAt" END,
      "updatedAt" = ${at}::timestamp(3)
    WHERE e."appId" = ${appId} AND e."userId" = ${from} AND EXISTS (
      SELECT 1 FROM "Enrollment" o WHERE o."connectorId" = e."connectorId" AND o."userId" = ${to} AND o."entryKey" = e."entryKey")`;
  await tx.$executeRaw`UPDATE "Enrollment" SET "userId" = ${to} WHERE "appId" = ${appId} AND "userId" = ${from}`;

  // A send-to-segment (one enrollment) or a campaign may have reached both ids; that
  // record of a send to the old id stays as it was.
  await tx.$executeRaw`
    UPDATE "Message" m SET "userId" = ${to} WHERE m."appId" = ${appId} AND m."userId" = ${from} AND NOT EXISTS (
      SELECT 1 FROM "Message" o WHERE o."userId" = ${to}
        AND ((o."enrollmentId" = m."enrollmentId" AND o."nodeId" = m."nodeId") OR o."campaignId" = m."campaignId"))`;

  // Days active count the person once.
  await tx.$executeRaw`
    INSERT INTO "ActiveDay" ("appId", day, "userId")
    SELECT "appId", day, ${to} FROM "ActiveDay" WHERE "appId" = ${appId} AND "userId" = ${from}
    ON CONFLICT DO NOTHING`;
  await tx.$executeRaw`DELETE FROM "ActiveDay" WHERE "appId" = ${appId} AND "userId" = ${from}`;

  await tx.$executeRaw`DELETE FROM "User" WHERE "appId" = ${appId} AND "userId" = ${from}`;
}
