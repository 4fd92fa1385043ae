// "Send a test": one message to a chosen user through the channel's current provider,
// delivered at once, so a marketer sees the settings work (or the provider's error).
import type { Channel } from "@/lib/engine/nodes/fields";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { notFound } from "../api/errors";
import { unreachableReason } from "../engine/addresses";
import { userRecord } from "../engine/records";
import { newId } from "../ids";
import { getMessage } from "../messages";
import { sqlDb } from "../db";
import { deliverDue } from "./outbox";

export async function sendTestMessage(
  prisma: PrismaClient,
  appId: string,
  channel: Channel,
  userId: string,
  content: { title?: string; subject?: string; body?: string } | undefined,
  now: Date,
) {
  const user = await prisma.user.findUnique({ where: { appId_userId: { appId, userId } } });
  if (!user) throw notFound("User");
  const hasDevice = channel === "push" && (await prisma.device.count({ where: { appId, userId, disabledAt: null } })) > 0;
  const reason = unreachableReason(channel, userRecord(user), hasDevice);
  const id = newId("msg");
  await prisma.message.create({
    data: {
      id,
      appId,
      userId,
      channel,
      status: reason ? "skipped" : "queued",
      title: content?.title ?? "Test from Cue",
      subject: content?.subject ?? "Test from Cue",
      body: content?.body ?? `This is a test message from Cue. If you can read it, the ${channel} channel works.`,
      error: reason,
      nextAttemptAt: reason ? null : now,
      createdAt: now,
    },
  });
  if (!reason) await deliverDue({ prisma, sql: await sqlDb() }, now, { ids: [id], limit: 1 });
  return getMessage(prisma, appId, id);
}
