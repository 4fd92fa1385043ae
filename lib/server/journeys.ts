// A user's journeys: their latest enrollments, each told in words by the engine's
// describer from the stored trace, the version's rule and graph, and the messages the
// enrollment recorded. A few bulk queries, however many enrollments there are.
import { describeJourney, type JourneyDescription } from "@/lib/engine/journey";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { versionRule } from "./engine/records";

export const JOURNEY_LIMIT = 50;

export type UserJourney = JourneyDescription & {
  id: string;
  connectorId: string;
  connectorName: string;
  connectorDeleted: boolean;
  version: number;
  enteredAt: string;
  endedAt: string | null;
  messageIds: string[];
};

// Both writers of a cancel keep the event's id in the end reason.
const CANCELLED_BY = /^Cancelled by event (.+)$/;

// Only enrollments whose trace does not name the cancelling event need it looked up.
async function cancellingEvents(prisma: PrismaClient, appId: string, endReasons: (string | null)[]) {
  const ids = endReasons.flatMap((reason) => reason?.match(CANCELLED_BY)?.[1] ?? []);
  if (ids.length === 0) return new Map<string, { event: string; timestamp: Date }>();
  const rows = await prisma.event.findMany({ where: { appId, eventId: { in: ids } }, select: { eventId: true, name: true, timestamp: true } });
  return new Map(rows.map((r) => [r.eventId, { event: r.name, timestamp: r.timestamp }]));
}

function namesCancel(trace: unknown): boolean {
  return Array.isArray(trace) && trace.some((t) => typeof t === "object" && t !== null && (t as { what?: unknown }).what === "cancelled" && typeof (t as { detail?: unknown }).detail === "string");
}

/** The user's latest enrollments, newest first. */
export async function userJourneys(prisma: PrismaClient, appId: string, userId: string, limit = JOURNEY_LIMIT): Promise<UserJourney[]> {
  const enrollments = await prisma.enrollment.findMany({
    where: { appId, userId },
    // Newest by when the user acted, as the event timeline orders events.
    orderBy: [{ triggerTimestamp: "desc" }, { id: "desc" }],
    take: limit,
    include: {
      connector: { select: { name: true, status: true, deletedAt: true } },
      version: { select: { version: true, graph: true, rule: true } },
    },
  });
  if (enrollments.length === 0) return [];
  const [messages, cancels] = await Promise.all([
    prisma.message.findMany({
      where: { appId, userId, enrollmentId: { in: enrollments.map((e) => e.id) } },
      select: { id: true, enrollmentId: true, nodeId: true, channel: true, status: true, title: true, subject: true, body: true, error: true, reason: true },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    }),
    cancellingEvents(prisma, appId, enrollments.filter((e) => e.status === "cancelled" && !namesCancel(e.trace)).map((e) => e.endReason)),
  ]);

  return enrollments.map((e) => {
    const own = messages.filter((m) => m.enrollmentId === e.id);
    const cancelledById = e.endReason?.match(CANCELLED_BY)?.[1];
    const description = describeJourney({
      connectorName: e.connector.name,
      version: e.version.version,
      connectorPaused: e.connector.status === "paused",
      status: e.status,
      nodeId: e.nodeId,
      dueAt: e.dueAt,
      endReason: e.endReason,
      endedAt: e.endedAt,
      createdAt: e.createdAt,
      triggeredAt: e.triggerTimestamp,
      trace: e.trace,
      rule: versionRule(e.versionId, e.version.rule),
      graph: e.version.graph,
      messages: own,
      cancelledBy: (cancelledById && cancels.get(cancelledById)) || null,
    });
    return {
      id: e.id,
      connectorId: e.connectorId,
      connectorName: e.connector.name,
      connectorDeleted: e.connector.deletedAt !== null,
      version: e.version.version,
      enteredAt: e.triggerTimestamp.toISOString(),
      endedAt: e.endedAt?.toISOString() ?? null,
      ...description,
      messageIds: own.map((m) => m.id),
    };
  });
}
