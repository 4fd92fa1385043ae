// The message log: every message Cue recorded, newest first, with keyset paging.
import { z } from "zod";
import { DEFAULT_TOPIC } from "@/lib/delivery/policy";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { ApiError } from "./api/errors";

export const messageQuerySchema = z.object({
  userId: z.string().max(200).optional(),
  connectorId: z.string().max(100).optional(),
  campaignId: z.string().max(100).optional(),
  channel: z.enum(["push", "email", "sms", "webhook"]).optional(),
  status: z.enum(["held", "queued", "sent", "failed", "skipped"]).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type MessageQuery = z.infer<typeof messageQuerySchema>;

function encodeCursor(createdAt: Date, id: string): string {
  return Buffer.from(`${createdAt.toISOString()}|${id}`).toString("base64url");
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const createdAt = new Date(at ?? "");
  if (!id || Number.isNaN(createdAt.getTime())) {
    throw new ApiError("invalid_request", "cursor is not valid", [{ path: "cursor", message: "Use nextCursor from a previous page" }]);
  }
  return { createdAt, id };
}

export function serializeMessage(m: {
  id: string; userId: string; channel: string; status: string; title: string | null; subject: string | null; body: string;
  url: string | null; connectorId: string | null; nodeId: string | null; enrollmentId: string | null; campaignId: string | null; error: string | null; createdAt: Date; sentAt: Date | null;
  topic: string | null; reason: string | null; nextAttemptAt: Date | null;
}) {
  return {
    id: m.id, userId: m.userId, channel: m.channel, status: m.status, title: m.title, subject: m.subject, body: m.body, url: m.url,
    topic: m.topic ?? DEFAULT_TOPIC,
    connectorId: m.connectorId, nodeId: m.nodeId, enrollmentId: m.enrollmentId, campaignId: m.campaignId, error: m.error,
    // Skipped messages recorded before reasons had their own column kept them in error.
    reason: m.reason ?? (m.status === "skipped" ? m.error : null),
    // When a held or queued message is due to go out.
    sendAt: m.status === "held" || m.status === "queued" ? (m.nextAttemptAt?.toISOString() ?? null) : null,
    createdAt: m.createdAt.toISOString(), sentAt: m.sentAt?.toISOString() ?? null,
  };
}

export async function listMessages(prisma: PrismaClient, appId: string, query: MessageQuery) {
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const where: Prisma.MessageWhereInput = {
    appId,
    ...(query.userId ? { userId: query.userId } : {}),
    ...(query.connectorId ? { connectorId: query.connectorId } : {}),
    ...(query.campaignId ? { campaignId: query.campaignId } : {}),
    ...(query.channel ? { channel: query.channel } : {}),
    ...(query.status ? { status: query.status } : {}),
    ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {}),
  };
  // An email's HTML (tens of kilobytes from an MJML template) is read only for one message.
  const rows = await prisma.message.findMany({ where, omit: { html: true }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { messages: page.map(serializeMessage), nextCursor: rows.length > query.limit && last ? encodeCursor(last.createdAt, last.id) : null };
}

/** One message with its delivery attempts and the lifecycle events it caused. */
export async function getMessage(prisma: PrismaClient, appId: string, id: string) {
  const message = await prisma.message.findFirst({ where: { id, appId }, include: { deliveries: { orderBy: { at: "asc" } } } });
  if (!message) throw new ApiError("not_found", "Message not found");
  const events = await prisma.event.findMany({
    where: { appId, userId: message.userId, name: { startsWith: "message." }, timestamp: { gte: message.createdAt }, data: { path: ["messageId"], equals: id } },
    orderBy: { timestamp: "asc" },
    take: 100,
  });
  return {
    ...serializeMessage(message),
    html: message.html,
    attempts: message.attempts,
    providerMessageId: message.providerMessageId,
    openedAt: message.openedAt?.toISOString() ?? null,
    clickedAt: message.clickedAt?.toISOString() ?? null,
    deliveries: message.deliveries.map((d) => ({ at: d.at.toISOString(), outcome: d.outcome, statusCode: d.statusCode, providerMessageId: d.providerMessageId, error: d.error })),
    events: events.map((e) => ({ id: e.eventId, event: e.name, data: e.data, timestamp: e.timestamp.toISOString() })),
  };
}
