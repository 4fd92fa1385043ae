// Push targets of a user: a native token, or a Web Push subscription.
import { createHash } from "node:crypto";
import { z } from "zod";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { newId } from "./ids";

export const deviceSchema = z
  .object({
    platform: z.enum(["web", "ios", "android"]),
    token: z.string().min(1).max(4096).optional(),
    subscription: z
      .object({
        endpoint: z.url().max(2048),
        expirationTime: z.number().nullable().optional(),
        keys: z.object({ p256dh: z.string().min(1).max(512), auth: z.string().min(1).max(512) }),
      })
      .optional(),
  })
  .refine((d) => d.token || d.subscription, { message: "Give a token or a Web Push subscription", path: ["token"] });

export async function registerDevice(prisma: PrismaClient, appId: string, userId: string, input: z.infer<typeof deviceSchema>, now: Date) {
  // A subscription is identified by its endpoint; registering it again refreshes it.
  const token = input.token ?? createHash("sha256").update(input.subscription!.endpoint).digest("hex");
  const subscription = (input.subscription ?? null) as Prisma.InputJsonValue | null;
  return prisma.$transaction(async (tx) => {
    await tx.user.createMany({ data: [{ appId, userId }], skipDuplicates: true });
    const device = await tx.device.upsert({
      where: { appId_platform_token: { appId, platform: input.platform, token } },
      create: { id: newId("dev"), appId, userId, platform: input.platform, token, subscription: subscription ?? undefined, createdAt: now, updatedAt: now },
      update: { userId, subscription: subscription ?? undefined, updatedAt: now },
    });
    return { id: device.id, userId: device.userId, platform: device.platform, createdAt: device.createdAt.toISOString() };
  });
}
