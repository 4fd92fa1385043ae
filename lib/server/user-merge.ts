// POST /api/v1/users/{userId}/merge: the browser SDK's identify. What an anonymous id did
// becomes the identified user's (lib/server/ingest/merge-users.ts does the moving).
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { ApiError } from "./api/errors";
import type { Caller } from "./auth/request-auth";
import { mergeUsers } from "./ingest/merge-users";

export const userMergeSchema = z.object({ anonymousId: z.string().min(1).max(200) });

export async function mergeAnonymousUser(prisma: PrismaClient, caller: Caller, userId: string, anonymousId: string, now: Date) {
  const appId = caller.app.id;
  return prisma.$transaction(async (tx) => {
    const alias = await tx.userAlias.findUnique({ where: { appId_anonymousId: { appId, anonymousId } } });
    if (alias?.userId === userId || anonymousId === userId) return { userId, anonymousId, merged: false };
    const from = await tx.user.findUnique({ where: { appId_userId: { appId, userId: anonymousId } } });
    // The app secret ships in web pages: with it, only a truly anonymous profile may be
    // folded in, never someone else's identified one.
    if (caller.via === "appSecret" && (alias || from?.email || from?.phone)) {
      throw new ApiError("conflict", "That id belongs to an identified user; merging it needs the master secret");
    }
    if (!from) return { userId, anonymousId, merged: false };
    await tx.user.createMany({ data: [{ appId, userId }], skipDuplicates: true });
    await mergeUsers(tx, appId, anonymousId, userId, now);
    return { userId, anonymousId, merged: true };
  }, { maxWait: 15_000, timeout: 30_000 });
}
