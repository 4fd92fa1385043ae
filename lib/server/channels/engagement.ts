// Opens, clicks and replies: each marks the message and records a lifecycle event of
// its user. Opens and replies count once per message; clicks once per link.
import { createHash } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { kickMatching } from "../engine/background";
import { recordLifecycleEvent } from "./lifecycle";

type Kind = "opened" | "clicked";

export async function recordEngagement(prisma: PrismaClient, messageId: string, kind: Kind, now: Date, url?: string): Promise<boolean> {
  const message = await prisma.message.findUnique({ where: { id: messageId } });
  if (!message) return false;
  const recorded = await prisma.$transaction(async (tx) => {
    if (kind === "opened" && !message.openedAt) await tx.message.update({ where: { id: messageId }, data: { openedAt: now } });
    if (kind === "clicked" && !message.clickedAt) await tx.message.update({ where: { id: messageId }, data: { clickedAt: now } });
    const suffix = kind === "clicked" && url ? `:${createHash("sha256").update(url).digest("hex").slice(0, 12)}` : "";
    return recordLifecycleEvent(tx, message, kind === "opened" ? "message.opened" : "message.clicked", now, url ? { url } : {}, suffix);
  });
  if (recorded) kickMatching();
  return true;
}
