// What the API answers, as zod schemas written from the server's serializers
// (lib/server/users.ts serializeUser, messages.ts serializeMessage, engine/connectors.ts
// serialize, …). Requests are documented from the routes' own schemas; responses have
// no runtime schema on the server, so these are the documentation of record for them.
import { z } from "zod";
import { draftGraphSchema } from "@/lib/engine/graph";
import { JOURNEY_STATUSES, JOURNEY_STEP_KINDS } from "@/lib/engine/journey";
import { NODE_COUNTS, NODE_TYPES, type NodeCount } from "@/lib/engine/nodes/definition";
import { CHANNELS } from "@/lib/engine/nodes/fields";
import { segmentRuleSchema } from "@/lib/engine/segment-rule";
import { connectorGoalSchema } from "@/lib/server/analytics/connector-goal";

const at = (description?: string) => z.string().meta({ format: "date-time", ...(description ? { description } : {}) });
const json = z.record(z.string(), z.unknown());

export const errorSchema = z
  .object({
    error: z.object({
      code: z.enum([
        "invalid_request", "unauthorized", "forbidden", "not_found", "method_not_allowed", "conflict",
        "payload_too_large", "unsupported_media_type", "invalid_graph", "rate_limited", "internal_error", "unavailable",
      ]),
      message: z.string().meta({ description: "Human readable; safe to show" }),
      details: z
        .array(z.object({ path: z.string().meta({ example: "events.3.event" }), message: z.string(), nodeId: z.string().optional() }))
        .optional()
        .meta({ description: "One entry per problem: the field path (a batch names the index) and, for graphs, the node id" }),
    }),
  })
  .meta({ description: "Every error has this one shape" });

export const acceptedSchema = z.object({
  accepted: z.number().int().meta({ description: "Events stored now" }),
  duplicates: z.number().int().meta({ description: "Events whose id was already stored: counted, not stored again" }),
});

export const eventSchema = z
  .object({
    id: z.string().meta({ description: "The client id sent with the event, or one Cue assigned" }),
    userId: z.string(),
    event: z.string(),
    data: json,
    timestamp: at("When it happened"),
    receivedAt: at("When Cue stored it"),
  })
  ;

export const eventListSchema = z.object({ events: z.array(eventSchema) });
export const eventPageSchema = z.object({
  events: z.array(eventSchema),
  nextCursor: z.string().nullable().meta({ description: "Pass as cursor for the next (older) page; null on the last page" }),
});
export const eventSeriesSchema = z.object({
  series: z.array(
    z.object({
      event: z.string(),
      points: z.array(z.object({ t: at("Bucket start, UTC"), count: z.number().int() })).meta({ description: "One per bucket of the range, zero-filled" }),
    }),
  ),
});

export const eventNamesSchema = z.object({
  names: z.array(z.object({ event: z.string(), count: z.number().int(), lastSeenAt: at().nullable() })),
});

export const userSchema = z
  .object({
    id: z.string().meta({ description: "Same as userId" }),
    userId: z.string().meta({ description: "The app's own id for the person" }),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    name: z.string().nullable(),
    timezone: z.string().nullable().meta({ description: "IANA time zone (Europe/Lisbon); null: the delivery policy's zone applies" }),
    attributes: json,
    createdAt: at(),
    updatedAt: at(),
    lastSeenAt: at("The latest event's timestamp"),
  })
  ;

// Written from lib/server/journeys.ts userJourneys and lib/engine/journey.ts describeJourney.
export const journeySchema = z.object({
  id: z.string().meta({ description: "The enrollment id; messages it sent carry it as enrollmentId" }),
  connectorId: z.string(),
  connectorName: z.string(),
  connectorDeleted: z.boolean(),
  version: z.number().int().meta({ description: "The connector version the user entered; it keeps running that version" }),
  status: z.enum(JOURNEY_STATUSES),
  enteredAt: at("The trigger event's timestamp; delays count from it"),
  endedAt: at("When Cue ended the journey").nullable(),
  steps: z
    .array(
      z.object({
        at: at(),
        nodeId: z.string().meta({ description: "The graph node the step happened at" }),
        kind: z.enum(JOURNEY_STEP_KINDS),
        text: z.string().meta({ example: "Cancelled by PURCHASE" }),
        messageId: z.string().nullable().meta({ description: "The message a send step recorded" }),
      }),
    )
    .meta({ description: "What happened, oldest first" }),
  summary: z.string().meta({
    example: "Entered Cart abandonment v3 at Nov 26, 10:02 UTC from ADDTOCART · started waiting 24 hours · cancelled by PURCHASE at Nov 26, 13:40 UTC",
  }),
  waiting: z
    .object({
      nodeId: z.string().nullable(),
      until: at().nullable(),
      delay: z.string().nullable().meta({ description: "The delay as drawn, e.g. \"24 hours\"" }),
      cancelEvents: z.array(z.string()).meta({ description: "Events that end the wait early" }),
      text: z.string(),
    })
    .nullable()
    .meta({ description: "For a journey in progress: what it waits for and until when" }),
  messageIds: z.array(z.string()),
});

export const userProfileSchema = userSchema.extend({
  segments: z.array(z.object({ id: z.string(), name: z.string(), addedAt: at() })),
  events: z.array(eventSchema).meta({ description: "The latest 50 events, newest first" }),
  journeys: z.array(journeySchema).meta({ description: "The latest 50 enrollments in connectors, newest first, each told step by step" }),
});

export const userSearchSchema = z.object({ total: z.number().int(), users: z.array(userSchema) });

export const deviceSchema = z.object({
  id: z.string(),
  userId: z.string(),
  platform: z.enum(["web", "ios", "android"]),
  createdAt: at(),
});

export const graphSchema = draftGraphSchema.meta({
  description:
    `React Flow's shape: nodes (${NODE_TYPES.join(", ")}) and edges. Each node's data is described by its type's schema (${NODE_TYPES.map((type) => `${type.charAt(0).toUpperCase()}${type.slice(1)}Data`).join(", ")}).`,
});

const counts = Object.fromEntries(NODE_COUNTS.map((count) => [count, z.number().int()])) as Record<NodeCount, z.ZodNumber>;
export const nodeStatsSchema = z.object({
  ...counts,
  branches: z
    .record(z.string(), z.number().int())
    .optional()
    .meta({ description: "For a node that branches (condition, wait): how many walks left by each output (yes, no)" }),
});

export const connectorSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    status: z.enum(["draft", "active", "paused"]),
    version: z.number().int().nullable().meta({ description: "The published version that runs; null while never published" }),
    graph: graphSchema,
    goal: connectorGoalSchema.nullable().meta({ description: "The event that counts as conversion; null when none is set" }),
    publishedAt: at().nullable(),
    hasUnpublishedChanges: z.boolean(),
    graphError: z.string().nullable().meta({
      description: "Set when the stored draft graph cannot be read: graph is then returned exactly as stored, publish refuses it, and saving a valid graph replaces it",
    }),
    createdAt: at(),
    updatedAt: at(),
  })
  ;

export const connectorWithStatsSchema = connectorSchema.extend({
  stats: z.record(z.string(), nodeStatsSchema).meta({ description: "Per node id" }),
});
export const connectorListSchema = z.object({
  connectors: z.array(connectorSchema.extend({ entered: z.number().int(), sent: z.number().int() })),
});
export const connectorStatsSchema = z.object({
  connectorId: z.string(),
  nodes: z.record(z.string(), nodeStatsSchema),
  goal: connectorGoalSchema.nullable(),
  conversion: z
    .object({
      entered: z.number().int(),
      converted: z.number().int().meta({ description: "Entered users who logged the goal event after entering, within the window" }),
      rate: z.number().nullable().meta({ description: "converted / entered, 0–1; null when nobody entered" }),
    })
    .nullable()
    .meta({ description: "Over every enrollment; null when the connector has no goal" }),
  splits: z
    .record(
      z.string(),
      z.object({
        branches: z.array(
          z.object({
            key: z.string(),
            entered: z.number().int().meta({ description: "Walks that took this branch" }),
            converted: z.number().int().meta({ description: "Of those, the ones that reached the goal (0 without a goal)" }),
            rate: z.number().nullable().meta({ description: "converted / entered; null without a goal or before anyone entered" }),
          }),
        ),
        best: z.string().nullable().meta({ description: "The branch that converts best, once it leads with confidence ≥ 0.95; null until then" }),
        confidence: z.number().nullable().meta({ description: "1 − p of a two-sided two-proportion z-test of the best branch against the holdout (or the worst branch)" }),
        holdout: z.string().nullable().meta({ description: "The branch with nothing connected, if any: its users get nothing and count for conversion" }),
        summary: z.string().meta({ example: "b converts 12.1% vs a 9.8% — 97% confidence" }),
      }),
    )
    .meta({ description: "Per split node of the published version" }),
});
export const connectorVersionsSchema = z.object({
  versions: z.array(z.object({ version: z.number().int(), publishedAt: at(), publishedBy: z.string().nullable(), graph: graphSchema, graphError: z.string().nullable() })),
});
export const deletedSchema = z.object({ deleted: z.literal(true) });

export const messageSchema = z
  .object({
    id: z.string(),
    userId: z.string(),
    channel: z.enum(CHANNELS),
    status: z.enum(["held", "queued", "sent", "failed", "skipped"]).meta({ description: "held: kept back by the delivery policy until sendAt" }),
    title: z.string().nullable(),
    subject: z.string().nullable(),
    body: z.string(),
    url: z.string().nullable(),
    topic: z.string().meta({ description: "The topic a person can unsubscribe from; marketing unless the send chose another" }),
    connectorId: z.string().nullable(),
    nodeId: z.string().nullable(),
    enrollmentId: z.string().nullable(),
    campaignId: z.string().nullable().meta({ description: "The campaign that sent it, if a campaign did" }),
    error: z.string().nullable().meta({ description: "Why it failed (and, for compatibility, why it had no address)" }),
    reason: z.string().nullable().meta({ description: "Why it is held or was skipped, in words: no address, unsubscribed, quiet hours, a cap" }),
    sendAt: at("When a held or queued message goes out").nullable(),
    createdAt: at(),
    sentAt: at().nullable(),
  })
  ;

export const messagePageSchema = z.object({ messages: z.array(messageSchema), nextCursor: z.string().nullable() });

export const messageDetailSchema = messageSchema.extend({
  html: z
    .string()
    .nullable()
    .meta({ description: "An email from a markdown or MJML template: its HTML as recorded (body is its plain-text part); delivery adds link tracking, the open pixel and the unsubscribe link. null otherwise" }),
  attempts: z.number().int(),
  providerMessageId: z.string().nullable(),
  openedAt: at().nullable(),
  clickedAt: at().nullable(),
  deliveries: z.array(
    z.object({ at: at(), outcome: z.string(), statusCode: z.number().int().nullable(), providerMessageId: z.string().nullable(), error: z.string().nullable() }),
  ),
  events: z.array(z.object({ id: z.string(), event: z.string(), data: z.unknown(), timestamp: at() })).meta({
    description: "The message.* lifecycle events it caused",
  }),
});

export const openedSchema = z.object({ opened: z.literal(true) });

export const segmentSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(["manual", "dynamic"]),
  rule: segmentRuleSchema.nullable().meta({ description: "A dynamic segment's rule; null for manual segments" }),
  description: z.string().nullable().meta({ description: "The rule in words, for dynamic segments" }),
  members: z.number().int(),
  createdAt: at(),
  refreshedAt: at().nullable().meta({ description: "When a dynamic segment's members were last recomputed" }),
});
export const segmentListSchema = z.object({ segments: z.array(segmentSchema) });
export const memberPageSchema = z.object({
  total: z.number().int(),
  members: z.array(z.object({ userId: z.string(), name: z.string().nullable(), email: z.string().nullable(), addedAt: at() })),
});
export const segmentPreviewSchema = z.object({
  count: z.number().int(),
  description: z.string(),
  sample: z.array(z.object({ userId: z.string(), name: z.string().nullable(), email: z.string().nullable() })),
});
export const segmentDeletedSchema = z.object({ deleted: z.literal(true) });
export const segmentRefreshSchema = z.object({ added: z.number().int(), removed: z.number().int(), segment: segmentSchema });
export const membersCsvSchema = z.string().meta({ description: "text/csv: userId,name,email,addedAt" });
export const addedSchema = z.object({ added: z.number().int().meta({ description: "Users that were not members yet" }) });
export const removedSchema = z.object({ removed: z.number().int() });

export const channelSettingsSchema = z
  .object({
    channel: z.enum(CHANNELS),
    provider: z.string(),
    providers: z.array(z.string()).meta({ description: "Providers this channel can use" }),
    config: json.meta({ description: "The provider's settings; secrets are masked as ••••••••" }),
  })
  ;
export const channelListSchema = z.object({ channels: z.array(channelSettingsSchema) });

export const tickSchema = z.object({
  events: z.number().int().meta({ description: "Events matched against triggers" }),
  enrolled: z.number().int(),
  cancelled: z.number().int(),
  steps: z.number().int().meta({ description: "Enrollments moved forward" }),
  completed: z.number().int(),
  stepErrors: z.number().int(),
  queued: z.number().int().meta({ description: "Messages recorded for delivery" }),
  skipped: z.number().int(),
  held: z.number().int().meta({ description: "Messages kept back by the delivery policy (quiet hours, a deferring cap)" }),
  released: z.number().int().meta({ description: "Held messages that came due and were queued" }),
  sent: z.number().int(),
  failed: z.number().int(),
  retrying: z.number().int(),
  deferred: z.number().int().meta({ description: "Postponed by the send rate limit" }),
});

export const healthSchema = z.object({ status: z.literal("ok"), database: z.enum(["pglite", "postgresql"]) });

// Shared shapes, referenced from operations as #/components/schemas/{name}.
export const COMPONENT_SCHEMAS = {
  Error: errorSchema,
  Event: eventSchema,
  User: userSchema,
  Graph: graphSchema,
  NodeStats: nodeStatsSchema,
  Connector: connectorSchema,
  Message: messageSchema,
  Segment: segmentSchema,
  ChannelSettings: channelSettingsSchema,
} as const;

// Written from lib/server/engine/connector-simulate.ts.
export const simulationSchema = z.object({
  userId: z.string(),
  startedAt: at("The virtual clock's start: the first event's time"),
  events: z.array(z.object({ id: z.string(), event: z.string(), data: json, at: at("When it happens on the virtual clock") })),
  journeys: z
    .array(journeySchema.pick({ status: true, steps: true, summary: true, waiting: true }))
    .meta({ description: "Each walk the events started, told step by step; a send step's messageId names one of messages" }),
  messages: z
    .array(
      z.object({
        id: z.string(), nodeId: z.string(), channel: z.enum(CHANNELS),
        title: z.string().nullable(), subject: z.string().nullable(), body: z.string().meta({ description: "A markdown or MJML email's plain-text part" }),
        html: z.string().nullable().meta({ description: "A markdown or MJML email's HTML" }), url: z.string().nullable(),
        at: at("When it would go out on the virtual clock"),
      }),
    )
    .meta({ description: "Every message the walks would send, rendered for the user" }),
});

// Written from lib/server/engine/connector-backtest.ts.
const backtestCounts = z.object({
  entered: z.number().int(), passed: z.number().int(), waiting: z.number().int().meta({ description: "Still waiting at `to`" }),
  cancelled: z.number().int(), sent: z.number().int(), skipped: z.number().int().meta({ description: "No address, unsubscribed, or dropped by today's delivery policy" }),
});
export const backtestSchema = z.object({
  from: at(), to: at(),
  eventsScanned: z.number().int().meta({ description: "Stored events read: the trigger's and those its cancel and wait steps listen for" }),
  entered: z.number().int().meta({ description: "Walks started" }),
  users: z.number().int().meta({ description: "Users who entered" }),
  nodes: z.record(z.string(), backtestCounts).meta({ description: "Per node id, counted as the live stats count" }),
  messages: z.object({
    total: z.number().int().meta({ description: "Messages that would have been sent" }),
    byChannel: z.record(z.string(), z.number().int()),
    byDay: z.array(z.object({ day: z.string().meta({ example: "2026-11-02" }), count: z.number().int() })),
    samples: z.array(z.object({ userId: z.string(), channel: z.enum(CHANNELS), title: z.string().nullable(), subject: z.string().nullable(), body: z.string(), html: z.string().nullable(), at: at() })).meta({ description: "The five earliest messages sent, by time then user, rendered" }),
  }),
  overlaps: z
    .array(z.object({ connectorId: z.string(), name: z.string(), users: z.number().int() }))
    .meta({ description: "Live connectors that messaged the same users within 24 hours of a backtest message" }),
});
