// POST /api/v1/connectors/{id}/simulate: one user through the draft (or a given graph)
// on a virtual clock, told as the profile tells a journey, each message rendered.
// Reads the connector, the user's profile and the app; writes nothing.
import { z } from "zod";
import { draftGraphSchema } from "@/lib/engine/graph";
import { describeJourney, type JourneyMessage } from "@/lib/engine/journey";
import { DELAY_UNITS, UNIT_MS } from "@/lib/engine/nodes/fields";
import { simulateUser } from "@/lib/engine/simulate";
import type { EventRecord } from "@/lib/engine/types";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { ApiError, notFound } from "../api/errors";
import { renderedParts } from "../templates/rendered-parts";
import { compileDraft } from "./compile-draft";
import { userRecord } from "./records";

const eventName = z.string({ error: "Name the event" }).trim().min(1, { error: "Name the event" }).max(200);

export const connectorSimulateSchema = z.object({
  userId: z.string({ error: "Name the user to simulate" }).min(1, { error: "Name the user to simulate" }).max(200),
  graph: draftGraphSchema.optional().meta({ description: "An unsaved graph to simulate instead of the stored draft" }),
  events: z
    .array(
      z.object({
        event: eventName,
        data: z.record(z.string(), z.unknown()).optional(),
        after: z
          .object({ amount: z.number().int().min(0).max(100_000), unit: z.enum(DELAY_UNITS, { error: "Choose minutes, hours or days" }) })
          .optional()
          .meta({ description: "The gap since the previous event (the first event happens at the start)" }),
      }),
      { error: "List the events the user logs, in order" },
    )
    .min(1, { error: "List at least one event" })
    .max(100, { error: "At most 100 events" }),
});
export type ConnectorSimulate = z.infer<typeof connectorSimulateSchema>;

export async function simulateConnector(prisma: PrismaClient, appId: string, id: string, input: ConnectorSimulate, now: Date) {
  const [connector, app, profile] = await Promise.all([
    prisma.connector.findFirst({ where: { id, appId, deletedAt: null }, select: { id: true, name: true, graph: true } }),
    prisma.app.findUniqueOrThrow({ where: { id: appId }, select: { id: true, name: true } }),
    prisma.user.findUnique({ where: { appId_userId: { appId, userId: input.userId } } }),
  ]);
  if (!connector) throw notFound("Connector");
  const compiled = await compileDraft(prisma, appId, input.graph ?? connector.graph);
  if (!compiled.ok) throw new ApiError("invalid_graph", compiled.message, compiled.problems);
  const { rule, graph } = compiled;
  if (rule.trigger.kind !== "event") {
    throw new ApiError("invalid_request", "Simulate starts a user with an event; this connector starts from inactivity", [{ path: "graph", message: "Use an event trigger to simulate" }]);
  }

  // The first event at the start, each next one after its gap.
  let at = now.getTime();
  const events: EventRecord[] = input.events.map((e, i) => {
    if (i > 0 && e.after) at += e.after.amount * UNIT_MS[e.after.unit];
    return { id: `sim_evt_${i + 1}`, event: e.event, userId: input.userId, data: e.data ?? {}, timestamp: new Date(at) };
  });
  const user = profile ? userRecord(profile) : { id: input.userId, email: null, phone: null, name: null, attributes: {} };
  const result = simulateUser({ connector: { id: connector.id, rule }, user, app, events });

  let n = 0;
  const messages: (JourneyMessage & { url: string | null; html: string | null; at: string })[] = [];
  const journeys = [];
  for (const walk of result.walks) {
    const own = [];
    for (const m of walk.messages) {
      const message = {
        id: `sim_msg_${++n}`, nodeId: m.nodeId, status: "sent", error: null, channel: m.channel,
        ...(await renderedParts(m.channel, m.content)), url: m.content.url ?? null, at: m.at.toISOString(),
      };
      messages.push(message);
      own.push(message);
    }
    journeys.push(describeJourney({
      connectorName: connector.name, version: null, connectorPaused: false,
      status: walk.status, nodeId: walk.nodeId, dueAt: walk.dueAt, endReason: walk.endReason, endedAt: walk.endedAt,
      createdAt: walk.trigger.timestamp, triggeredAt: walk.trigger.timestamp, trace: walk.trace, rule, graph, messages: own, cancelledBy: null,
    }));
  }
  return {
    userId: input.userId,
    startedAt: now.toISOString(),
    events: events.map((e) => ({ id: e.id, event: e.event, data: e.data, at: e.timestamp.toISOString() })),
    journeys,
    messages: messages.map(({ id, nodeId, channel, title, subject, body, html, url, at }) => ({ id, nodeId, channel, title, subject, body, html, url, at })),
  };
}
