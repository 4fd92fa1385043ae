// Every public API operation, described once: the request schemas are the ones the
// route passes to apiRoute (imported from lib/server, or copied in route-schemas.ts),
// the responses come from responses.ts. openapi.test.ts holds this list to the route
// files on disk, so a route without an entry here fails the build's tests.
import { z } from "zod";
import { seedGraphs } from "@/lib/engine/seed-graphs";
import { channelPutSchema, channelSchema } from "@/lib/server/channels/channel-config";
import { deviceSchema as deviceInputSchema } from "@/lib/server/devices";
import { checkResultSchema, checkWarningSchema } from "@/lib/checks/check-result";
import { connectorBacktestSchema } from "@/lib/server/engine/connector-backtest";
import { connectorSimulateSchema } from "@/lib/server/engine/connector-simulate";
import { connectorCheckSchema, connectorCreateSchema, connectorIdSchema, connectorUpdateSchema } from "@/lib/server/engine/connector-input";
import { recentEventsQuery } from "@/lib/server/events";
import { MAX_BUCKETS, MAX_SERIES, eventsChartQuerySchema } from "@/lib/server/analytics/chart-range";
import { MAX_BATCH, eventInputSchema } from "@/lib/server/ingest/event-input";
import { messageQuerySchema } from "@/lib/server/messages";
import {
  memberIdsSchema,
  memberPageQuery,
  segmentCreateSchema,
  segmentPreviewSchema,
  segmentUpdateSchema,
} from "@/lib/server/segments/segments";
import { userMergeSchema } from "@/lib/server/user-merge";
import { userIdSchema, userUpsertSchema } from "@/lib/server/users";
import { campaignCreateSchema, campaignIdSchema, campaignListQuery, campaignPreviewSchema } from "@/lib/server/campaigns/campaign-input";
import { deliveryPolicySchema } from "@/lib/delivery/policy";
import { subscriptionsPutSchema } from "@/lib/server/delivery/subscriptions";
import { topicCreateSchema } from "@/lib/server/delivery/topics";
import { templateCreateSchema, templateIdSchema, templateListQuery, templatePreviewSchema, templateRenderSchema, templateUpdateSchema } from "@/lib/server/templates/template-input";
import { STARTER_MARKDOWN } from "@/lib/templates/starter";
import * as campaignRes from "./campaign-responses";
import * as deliveryRes from "./delivery-responses";
import * as res from "./responses";
import * as templateRes from "./template-responses";
import { channelTestBody, userEventsQuery, userSearchQuery } from "./route-schemas";

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";
/** none: public · app: app or master secret · master: master secret only · cron: master secret or Bearer $CRON_SECRET. */
export type Access = "none" | "app" | "master" | "cron";

export const TAGS = [
  { name: "Events", description: "Log what users do. The browser SDK and servers send events here; connectors start from them." },
  { name: "Users", description: "Profiles, their devices and their event timelines. Users are created on first sight." },
  { name: "Connectors", description: "Graphs that turn events into messages: draft, publish, pause, resume, and their counts." },
  { name: "Messages", description: "The message log, one message with its delivery attempts, and push opens." },
  {
    name: "Segments",
    description:
      "Named groups of users. Manual segments: connectors and the API add and remove members. Dynamic segments: a rule " +
      "(event counts in a time window, user attributes) decides, recomputed on every change of the rule and by the scheduler.",
  },
  { name: "Campaigns", description: "One-off sends to every member of a segment, now or at a set time, with their progress." },
  {
    name: "Templates",
    description:
      "Reusable texts for a channel that send actions and campaigns name instead of writing their own. Email bodies may be markdown or MJML, " +
      "rendered to responsive HTML with a plain-text part (Liquid runs first, its outputs HTML-escaped). Publishing a connector or creating a " +
      "campaign copies the texts it names: a live version keeps sending what it was published with until it is published again.",
  },
  { name: "Analytics", description: "Event counts over time, from hourly rollups kept by the matcher." },
  {
    name: "Delivery",
    description:
      "Respect for the people messaged: topics they can leave, their subscriptions, and the application's quiet hours and " +
      "frequency caps. Every message passes these rules when it is recorded; a held one is decided again when it comes due.",
  },
  { name: "Channels", description: "The provider each channel sends with, and test sends." },
  { name: "Scheduler", description: "One pass of the engine: due delays, cancellations, inactivity, queued sends." },
  { name: "Meta", description: "Health and this document." },
] as const;
export type TagName = (typeof TAGS)[number]["name"];

type Param = { schema: z.ZodType; description: string; example: string };

export type OperationSpec = {
  method: HttpMethod;
  /** OpenAPI's template: /api/v1/users/{userId}. */
  path: string;
  tag: TagName;
  summary: string;
  description?: string;
  access: Access;
  params?: Record<string, Param>;
  query?: z.ZodObject;
  queryExample?: Record<string, string>;
  body?: z.ZodType;
  /** Descriptions for request body fields, by field name, where the schema has none. */
  fields?: Record<string, string>;
  /** The route takes any JSON and validates it in its handler with these same schemas. */
  bodyValidatedInHandler?: boolean;
  bodyExample?: unknown;
  /** contentType defaults to application/json (text/csv for exports). */
  success: { status: number; description: string; schema: z.ZodType; example?: unknown; contentType?: string };
  /** Statuses this operation adds to the ones its access, params, query and body imply. */
  errors?: number[];
};

const userParam: Param = { schema: userIdSchema, description: "The app's own id for the person", example: "u_42" };
const connectorParam: Param = { schema: connectorIdSchema, description: "Connector id", example: "con_8f2k3d" };
const messageParam: Param = { schema: z.string().min(1).max(100), description: "Message id", example: "msg_3hx9q2" };
const segmentParam: Param = { schema: z.string().min(1).max(100), description: "Segment id", example: "seg_71mz0c" };
const channelParam: Param = { schema: channelSchema, description: "push, email, sms or webhook", example: "email" };

// One event or a batch: the route reads any JSON and checks it with parseEventsBody,
// which applies eventInputSchema to each event and allows MAX_BATCH of them.
const eventsBody = z
  .union([
    eventInputSchema.meta({ title: "One event" }),
    z.object({ events: z.array(eventInputSchema).min(1).max(MAX_BATCH) }).meta({ title: "A batch" }),
  ])
  .meta({
    description:
      `One event, or { "events": [...] } with up to ${MAX_BATCH}. A batch is all or nothing: one invalid event rejects the request ` +
      "and details name each bad index. data is at most 32 KB serialised, the body at most 512 KB; a timestamp more than 5 minutes " +
      "in the future is rejected. An event whose id this app already stored is counted as a duplicate and triggers nothing again.",
  });

const addToCart = {
  id: "9b2f6c1e-4a0d-4d53-8f3e-0c5e2a7b9d11",
  userId: "u_42",
  event: "ADDTOCART",
  data: { product: "espresso-roast", qty: "2", amount: "24.00", currency: "EUR" },
  timestamp: "2026-11-26T10:00:00Z",
};

export const OPERATIONS: OperationSpec[] = [
  // ── Events ──
  {
    method: "POST",
    path: "/api/v1/events",
    tag: "Events",
    summary: "Log events",
    description: "Log one event or a batch. After a 202 the events are durable and connectors match them.",
    access: "app",
    body: eventsBody,
    bodyValidatedInHandler: true,
    fields: {
      id: "Your id for this event, e.g. a UUID: sending it again is counted as a duplicate, never stored twice",
      userId: "Your id for the person; the user is created on first sight",
      event: "The event's name, e.g. ADDTOCART. Names starting with app. and message. are lifecycle events",
      data: "Any JSON object, at most 32 KB serialised; connectors filter and template on it",
      timestamp: "When it happened (defaults to when Cue receives it); at most 5 minutes in the future",
      events: "The events, stored all or nothing",
    },
    bodyExample: { events: [addToCart] },
    success: { status: 202, description: "Stored (or recognised as duplicates)", schema: res.acceptedSchema, example: { accepted: 1, duplicates: 0 } },
    errors: [415],
  },
  {
    method: "GET",
    path: "/api/v1/events",
    tag: "Events",
    summary: "List recent events",
    description: "Newest first, optionally for one event name and/or one user.",
    access: "master",
    query: recentEventsQuery,
    queryExample: { userId: "u_42", event: "PURCHASE", limit: "20" },
    success: { status: 200, description: "Recent events", schema: res.eventListSchema },
  },
  {
    method: "GET",
    path: "/api/v1/events/names",
    tag: "Events",
    summary: "List event names",
    description: "Event names seen in the last 30 days, most frequent first (what the canvas suggests).",
    access: "master",
    success: { status: 200, description: "Event names with counts", schema: res.eventNamesSchema },
  },

  // ── Analytics ──
  {
    method: "GET",
    path: "/api/v1/analytics/events",
    tag: "Analytics",
    summary: "Event counts over time",
    description:
      "One series per event name, one point per hour or UTC day, zero-filled. `from` is rounded down and `to` up to whole buckets; " +
      `at most ${MAX_BUCKETS} buckets. Name events with \`event\` (repeat it or separate names with commas, up to ${MAX_SERIES}); ` +
      `without it, the ${MAX_SERIES} most frequent names of the range, most frequent first. Exact right after ingest: ` +
      "counts include events the engine has not processed yet.",
    access: "master",
    query: eventsChartQuerySchema,
    queryExample: { from: "2026-11-01T00:00:00Z", to: "2026-11-08T00:00:00Z", interval: "day", event: "ADDTOCART,PURCHASE" },
    success: {
      status: 200,
      description: "Series",
      schema: res.eventSeriesSchema,
      example: { series: [{ event: "PURCHASE", points: [{ t: "2026-11-01T00:00:00.000Z", count: 12 }, { t: "2026-11-02T00:00:00.000Z", count: 0 }] }] },
    },
  },

  // ── Users ──
  {
    method: "GET",
    path: "/api/v1/users",
    tag: "Users",
    summary: "Search users",
    description: "By id, email or name (contains, case-insensitive), most recently seen first.",
    access: "master",
    query: userSearchQuery,
    queryExample: { q: "ada", limit: "20" },
    success: { status: 200, description: "A page of users and the total", schema: res.userSearchSchema },
  },
  {
    method: "PUT",
    path: "/api/v1/users/{userId}",
    tag: "Users",
    summary: "Create or update a user",
    description: "Fields given replace the stored ones; attributes merge, and an attribute set to null is removed.",
    access: "app",
    params: { userId: userParam },
    body: userUpsertSchema,
    fields: {
      email: "Used by the email channel; null clears it",
      phone: "Used by the SMS channel, in international format; null clears it",
      name: "Shown in the dashboard and available to templates as {{ user.name }}",
      attributes: "Merged into the stored attributes; a key set to null is removed",
    },
    bodyExample: { email: "ada@example.com", phone: "+31612345678", name: "Ada", attributes: { plan: "pro", city: "Utrecht" } },
    success: { status: 200, description: "The user after the update", schema: res.userSchema },
  },
  {
    method: "GET",
    path: "/api/v1/users/{userId}",
    tag: "Users",
    summary: "Get a user's profile",
    description:
      "The profile, its segments, its latest 50 events and its latest 50 journeys (enrollments in connectors, newest first), " +
      "each with its steps in words, a one-line summary, and for one in progress what it waits for and until when.",
    access: "master",
    params: { userId: userParam },
    success: { status: 200, description: "The profile", schema: res.userProfileSchema },
  },
  {
    method: "DELETE",
    path: "/api/v1/users/{userId}",
    tag: "Users",
    summary: "Erase a user",
    description:
      "Erasure (GDPR art. 17). In one transaction the profile, its events, devices, segment memberships, enrollments, " +
      "subscriptions, active days and messages (with their delivery attempts) are deleted, under this id and every anonymous id " +
      "merged into it. Aggregate counts stay: the event counts of analytics, and the user's part of every connector's counts. " +
      "Afterwards GET answers 404; an event for the same id later creates a new, empty user.",
    access: "master",
    params: { userId: userParam },
    success: { status: 200, description: "Erased", schema: res.deletedSchema, example: { deleted: true } },
  },
  {
    method: "GET",
    path: "/api/v1/users/{userId}/events",
    tag: "Users",
    summary: "Page through a user's timeline",
    access: "master",
    params: { userId: userParam },
    query: userEventsQuery,
    queryExample: { limit: "50" },
    success: { status: 200, description: "Events, newest first", schema: res.eventPageSchema },
  },
  {
    method: "POST",
    path: "/api/v1/users/{userId}/devices",
    tag: "Users",
    summary: "Register a push target",
    description: "A native token, or a Web Push subscription (what PushSubscription.toJSON() gives). Registering the same one again refreshes it.",
    access: "app",
    params: { userId: userParam },
    body: deviceInputSchema,
    fields: {
      platform: "web for browsers (Web Push), ios or android for native tokens",
      token: "A native push token (APNs or FCM)",
      subscription: "PushSubscription.toJSON() from the browser",
    },
    bodyExample: {
      platform: "web",
      subscription: {
        endpoint: "https://fcm.googleapis.com/fcm/send/dXJ…",
        expirationTime: null,
        keys: { p256dh: "BNcRd…", auth: "tBHI…" },
      },
    },
    success: { status: 201, description: "The device", schema: res.deviceSchema },
  },

  {
    method: "POST",
    path: "/api/v1/users/{userId}/merge",
    tag: "Users",
    summary: "Merge an anonymous user into this user",
    description:
      "What the anonymous id did (events, profile fields the user lacks, devices, segment memberships, enrollments, messages) " +
      "becomes the user's, the anonymous user is removed, and later events sent for the anonymous id are stored for the user. " +
      "Idempotent: merging an id that already points at this user changes nothing. With the application secret only an anonymous " +
      "user can be merged — one without email or phone that is not already an alias of another user (else 409); the master secret may merge any two users.",
    access: "app",
    params: { userId: { schema: userIdSchema, description: "The identified user", example: "u_42" } },
    body: userMergeSchema,
    bodyExample: { anonymousId: "anon_6f1c2a4e-93b1-4d6e-a0c2-1f7e5b9d3a80" },
    success: {
      status: 200,
      description: "Merged (merged: false when there was nothing left to merge)",
      schema: z.object({ userId: z.string(), anonymousId: z.string(), merged: z.boolean() }),
      example: { userId: "u_42", anonymousId: "anon_6f1c2a4e-93b1-4d6e-a0c2-1f7e5b9d3a80", merged: true },
    },
    errors: [409],
  },
  {
    method: "GET",
    path: "/api/v1/push/vapid-key",
    tag: "Users",
    summary: "The Web Push public key",
    description:
      "The VAPID public key browsers subscribe with (PushManager.subscribe's applicationServerKey). 404 while the push channel's provider is not webpush.",
    access: "app",
    success: {
      status: 200,
      description: "The key, base64url",
      schema: z.object({ publicKey: z.string() }),
      example: { publicKey: "BEl62iUYgUivxIkv69yViEuiBIa-Ib9-SkvMeAtA3LFgDzkrxZJjSgSnfckjBJuBkr3qBUYIHBQFLXYp5Nksh8U" },
    },
    errors: [404],
  },

  // ── Connectors ──
  {
    method: "GET",
    path: "/api/v1/connectors",
    tag: "Connectors",
    summary: "List connectors",
    description: "Every connector with how many users entered it and how many messages it sent.",
    access: "master",
    success: { status: 200, description: "Connectors", schema: res.connectorListSchema },
  },
  {
    method: "POST",
    path: "/api/v1/connectors",
    tag: "Connectors",
    summary: "Create a connector",
    description: "Saved as a draft: any structurally sound graph is accepted; publishing checks that it can run.",
    access: "master",
    body: connectorCreateSchema,
    bodyExample: { name: "Cart abandonment", graph: seedGraphs.cartAbandonment },
    success: { status: 201, description: "The draft connector", schema: res.connectorSchema },
  },
  {
    method: "GET",
    path: "/api/v1/connectors/{id}",
    tag: "Connectors",
    summary: "Get a connector",
    description: "The connector, its draft graph and per-node counts.",
    access: "master",
    params: { id: connectorParam },
    success: { status: 200, description: "The connector", schema: res.connectorWithStatsSchema },
  },
  {
    method: "PUT",
    path: "/api/v1/connectors/{id}",
    tag: "Connectors",
    summary: "Edit a connector's draft",
    description: "Renames it, replaces the draft graph and/or sets its goal (null removes it). What runs changes only when you publish; the goal applies at once.",
    access: "master",
    params: { id: connectorParam },
    body: connectorUpdateSchema,
    bodyExample: { name: "Cart abandonment (48 h)", goal: { event: "PURCHASE", withinHours: 168 } },
    success: { status: 200, description: "The connector", schema: res.connectorSchema },
  },
  {
    method: "DELETE",
    path: "/api/v1/connectors/{id}",
    tag: "Connectors",
    summary: "Delete a connector",
    description: "Waiting users leave it and nothing more is sent from it.",
    access: "master",
    params: { id: connectorParam },
    success: { status: 200, description: "Deleted", schema: res.deletedSchema, example: { deleted: true } },
  },
  {
    method: "POST",
    path: "/api/v1/connectors/{id}/publish",
    tag: "Connectors",
    summary: "Publish",
    description:
      "Compiles the draft and makes it live as a new version. Users already in an older version stay on it. A graph that does not compile answers 422 with one detail per problem, naming the node. " +
      "The answer carries the same `warnings` as `check`; they never stop a publish.",
    access: "master",
    params: { id: connectorParam },
    success: {
      status: 200,
      description: "Live: status active, the version now running, and what to look at",
      schema: res.connectorSchema.extend({ warnings: z.array(checkWarningSchema).meta({ description: "As `check` answers them; empty when there is nothing to look at" }) }),
    },
    errors: [422],
  },
  {
    method: "POST",
    path: "/api/v1/connectors/{id}/check",
    tag: "Connectors",
    summary: "Check before publishing",
    description:
      "What publishing the draft (or `graph`, an unsaved canvas) would meet, without writing anything. `problems` are the details a publish would answer 422 with. " +
      "`warnings`: `unseen_event` (a trigger, cancel or wait event not logged in the last 30 days, with close spellings in `suggestions`; names Cue records itself, " +
      "such as message.opened, are never flagged), `overlap` (another live connector starts on the same event and sends on a shared channel), `volume` (the forecast " +
      "is above 10% of the application's users a day). `forecast`: messages a day if it were live, from the hourly event rollup of the last 30 days — each entry " +
      "follows a split's weights, and the busier branch of a condition or wait; trigger filters and cancels are not applied, so it is an upper bound (`notes` say what " +
      "was left out). Inactivity triggers on app.open are estimated from the daily active-user rollup. The body is optional.",
    access: "master",
    params: { id: connectorParam },
    body: connectorCheckSchema,
    bodyExample: { graph: seedGraphs.cartAbandonment },
    success: {
      status: 200,
      description: "Problems, warnings and the forecast",
      schema: checkResultSchema,
      example: {
        problems: [],
        warnings: [
          { code: "unseen_event", nodeId: "cancel", message: "PURCHSE has not been logged in the last 30 days. Did you mean PURCHASE?", suggestions: ["PURCHASE"] },
          { code: "overlap", nodeId: "trigger", connectorId: "con_8f2k3d", message: "“Cart reminder” is live, also starts on ADDTOCART and sends by push: the same users may get both messages." },
        ],
        forecast: {
          messagesPerDay: 120,
          byChannel: { push: 120 },
          notes: ["ADDTOCART was logged about 120 times a day over the last 30 days.", "Users a cancel step would stop are not subtracted."],
        },
      },
    },
  },
  {
    method: "POST",
    path: "/api/v1/connectors/{id}/backtest",
    tag: "Connectors",
    summary: "Backtest on past events",
    description:
      "What the draft (or `graph`, an unsaved canvas) would have done with the events stored in [from, to) (default: the last 30 days), on a " +
      "virtual clock: the engine's own matching and steps run each user's events in time order, so delays, waits, cancels, occurrences and " +
      "splits play out in event time; walks still waiting at `to` count as waiting. Each message meets the user's address and today's " +
      "subscriptions and delivery policy (stopped ones count as skipped, held ones as sent). A send to a segment counts a message for each member " +
      "the segment has at backtest time, under that member's address, consent and policy. An inactivity trigger enters each user the moment " +
      "their silence begins (one that began before `from` enters at `from`), once per silence; live, the check runs each tick, so up to a tick " +
      "later. Events are read a page at a time in time order. Writes nothing.",
    access: "master",
    params: { id: connectorParam },
    body: connectorBacktestSchema,
    bodyExample: { from: "2026-11-01T00:00:00Z", to: "2026-12-01T00:00:00Z" },
    success: { status: 200, description: "Counts, messages and overlaps", schema: res.backtestSchema },
    errors: [404, 422],
  },
  {
    method: "POST",
    path: "/api/v1/connectors/{id}/simulate",
    tag: "Connectors",
    summary: "Simulate one user",
    description:
      "One user's scripted events through the draft (or `graph`, an unsaved canvas) on a virtual clock: the first event happens now, each next one " +
      "`after` its gap. Delays, waits, cancels, occurrences and splits play out in that time, and the clock runs on after the last event until " +
      "nothing waits (at most a year). Answers each journey in words, as the profile tells them, with every message rendered for the user's real " +
      "profile (or a bare one). Consent and the delivery policy are not applied, goal exits neither. Writes nothing.",
    access: "master",
    params: { id: connectorParam },
    body: connectorSimulateSchema,
    bodyExample: {
      userId: "u_42",
      events: [
        { event: "ADDTOCART", data: { qty: "2", amount: "120.00", currency: "EUR" } },
        { event: "PURCHASE", after: { amount: 2, unit: "hours" } },
      ],
    },
    success: { status: 200, description: "The journeys and the messages", schema: res.simulationSchema },
    errors: [404, 422],
  },
  {
    method: "POST",
    path: "/api/v1/connectors/{id}/pause",
    tag: "Connectors",
    summary: "Pause",
    description: "No new entries and no sends; waiting users stay where they are.",
    access: "master",
    params: { id: connectorParam },
    success: { status: 200, description: "Paused", schema: res.connectorSchema },
  },
  {
    method: "POST",
    path: "/api/v1/connectors/{id}/resume",
    tag: "Connectors",
    summary: "Resume",
    description: "Runs again; steps that fell due while paused catch up.",
    access: "master",
    params: { id: connectorParam },
    success: { status: 200, description: "Active again", schema: res.connectorSchema },
  },
  {
    method: "GET",
    path: "/api/v1/connectors/{id}/stats",
    tag: "Connectors",
    summary: "Per-node counts",
    description:
      "For each node: entered, waiting, passed, cancelled, sent, skipped, failed. With a goal set (PUT the connector with " +
      "`goal`), `conversion` counts entered users who logged the goal event after entering and within `withinHours`; " +
      "`splits` gives each split node's branches with their conversion and the confidence of the difference.",
    access: "master",
    params: { id: connectorParam },
    success: { status: 200, description: "Counts by node id", schema: res.connectorStatsSchema },
  },
  {
    method: "GET",
    path: "/api/v1/connectors/{id}/versions",
    tag: "Connectors",
    summary: "Published versions",
    description: "Newest first, each with the graph it published.",
    access: "master",
    params: { id: connectorParam },
    success: { status: 200, description: "Versions", schema: res.connectorVersionsSchema },
  },

  // ── Messages ──
  {
    method: "GET",
    path: "/api/v1/messages",
    tag: "Messages",
    summary: "List messages",
    description: "Every message Cue recorded, newest first. Page with nextCursor.",
    access: "master",
    query: messageQuerySchema,
    queryExample: { userId: "u_42", channel: "email", limit: "20" },
    success: { status: 200, description: "A page of messages", schema: res.messagePageSchema },
  },
  {
    method: "GET",
    path: "/api/v1/messages/{id}",
    tag: "Messages",
    summary: "Get a message",
    description: "The message, each delivery attempt, and the message.* events it caused.",
    access: "master",
    params: { id: messageParam },
    success: { status: 200, description: "The message", schema: res.messageDetailSchema },
  },
  {
    method: "POST",
    path: "/api/v1/messages/{id}/opened",
    tag: "Messages",
    summary: "Report a push open",
    description: "An app reports that the user opened a push; Cue records message.opened for the user. The browser SDK's service worker calls this.",
    access: "app",
    params: { id: messageParam },
    success: { status: 200, description: "Recorded", schema: res.openedSchema, example: { opened: true } },
  },

  // ── Segments ──
  {
    method: "GET",
    path: "/api/v1/segments",
    tag: "Segments",
    summary: "List segments",
    access: "master",
    success: { status: 200, description: "Segments with member counts", schema: res.segmentListSchema },
  },
  {
    method: "POST",
    path: "/api/v1/segments",
    tag: "Segments",
    summary: "Create a segment",
    description:
      "A manual segment, or a dynamic one whose members the `rule` decides; those are computed before the answer and " +
      "recomputed by the scheduler every CUE_SEGMENT_REFRESH_SECONDS (default 60).",
    access: "master",
    body: segmentCreateSchema,
    bodyExample: {
      name: "Buyers this month",
      kind: "dynamic",
      rule: {
        match: "all",
        conditions: [
          { kind: "event", event: "PURCHASE", atLeast: 1, withinDays: 30, where: [{ path: "amount", op: "gte", value: 100 }] },
          { kind: "attribute", path: "attributes.plan", op: "neq", value: "free" },
        ],
      },
    },
    success: { status: 201, description: "The segment", schema: res.segmentSchema },
    errors: [409],
  },
  {
    method: "POST",
    path: "/api/v1/segments/preview",
    tag: "Segments",
    summary: "Preview a rule",
    description: "How many users a dynamic segment's rule matches right now, with a sample of them. Stores nothing.",
    access: "master",
    body: segmentPreviewSchema,
    bodyExample: { rule: { match: "all", conditions: [{ kind: "event", event: "PURCHASE", atMost: 0, withinDays: 90 }] } },
    success: { status: 200, description: "The count and up to 10 matching users", schema: res.segmentPreviewSchema },
  },
  {
    method: "GET",
    path: "/api/v1/segments/{id}",
    tag: "Segments",
    summary: "Get a segment",
    access: "master",
    params: { id: segmentParam },
    success: { status: 200, description: "The segment", schema: res.segmentSchema },
  },
  {
    method: "PUT",
    path: "/api/v1/segments/{id}",
    tag: "Segments",
    summary: "Update a segment",
    description: "Renames it; for a dynamic segment a new `rule` replaces the old one and the members are recomputed at once.",
    access: "master",
    params: { id: segmentParam },
    body: segmentUpdateSchema,
    bodyExample: { name: "Buyers (30 days)" },
    success: { status: 200, description: "The segment", schema: res.segmentSchema },
    errors: [409],
  },
  {
    method: "DELETE",
    path: "/api/v1/segments/{id}",
    tag: "Segments",
    summary: "Delete a segment",
    description: "Deletes the segment and its memberships. Campaigns already sent to it keep its name.",
    access: "master",
    params: { id: segmentParam },
    success: { status: 200, description: "Deleted", schema: res.segmentDeletedSchema, example: { deleted: true } },
  },
  {
    method: "POST",
    path: "/api/v1/segments/{id}/refresh",
    tag: "Segments",
    summary: "Refresh a dynamic segment",
    description: "Recomputes the members from the rule now instead of at the next scheduled refresh. 409 for a manual segment.",
    access: "master",
    params: { id: segmentParam },
    success: { status: 200, description: "Members added and removed, and the segment", schema: res.segmentRefreshSchema },
    errors: [409],
  },
  {
    method: "GET",
    path: "/api/v1/segments/{id}/members.csv",
    tag: "Segments",
    summary: "Export members as CSV",
    description:
      "Every member, one row each, in user id order: `userId,name,email,addedAt` (RFC 4180 quoting; cells starting with " +
      "= + - @ get a leading apostrophe so spreadsheets do not run them). Streamed, so large segments work.",
    access: "master",
    params: { id: segmentParam },
    success: {
      status: 200,
      description: "CSV with a header row",
      schema: res.membersCsvSchema,
      contentType: "text/csv",
      example: "userId,name,email,addedAt\r\nu_42,Ada,ada@example.com,2026-11-26T10:00:00.000Z\r\n",
    },
  },
  {
    method: "GET",
    path: "/api/v1/segments/{id}/members",
    tag: "Segments",
    summary: "List members",
    access: "master",
    params: { id: segmentParam },
    description: "Members in user id order, with name and email; `q` matches the user id, email or name.",
    query: memberPageQuery,
    queryExample: { limit: "100" },
    success: { status: 200, description: "Members", schema: res.memberPageSchema },
  },
  {
    method: "POST",
    path: "/api/v1/segments/{id}/members",
    tag: "Segments",
    summary: "Add members",
    description: "Manual segments only (409 for a dynamic one). Users not seen before are created, as events do.",
    access: "master",
    params: { id: segmentParam },
    body: memberIdsSchema,
    bodyExample: { userIds: ["u_42", "u_43"] },
    success: { status: 200, description: "How many were added", schema: res.addedSchema },
  },
  {
    method: "DELETE",
    path: "/api/v1/segments/{id}/members",
    tag: "Segments",
    summary: "Remove members",
    description: "Manual segments only (409 for a dynamic one).",
    access: "master",
    params: { id: segmentParam },
    body: memberIdsSchema,
    bodyExample: { userIds: ["u_43"] },
    success: { status: 200, description: "How many were removed", schema: res.removedSchema },
  },

  // ── Campaigns ──
  {
    method: "GET",
    path: "/api/v1/campaigns",
    tag: "Campaigns",
    summary: "List campaigns",
    description: "Newest first, each with its status and progress. Page with nextCursor.",
    access: "master",
    query: campaignListQuery,
    queryExample: { limit: "20" },
    success: { status: 200, description: "A page of campaigns", schema: campaignRes.campaignPageSchema },
  },
  {
    method: "POST",
    path: "/api/v1/campaigns",
    tag: "Campaigns",
    summary: "Create a campaign",
    description:
      "Sends one message to every member of the segment (named by id or name), each rendered with that member as user. " +
      "Text fields are Liquid templates over user and app; or name a template (its channel must match), whose texts and format the campaign copies. " +
      "An unknown template, or one for another channel, answers 400. Without sendAt, or with one in the past, it starts on the next tick. " +
      "A member with no address for the channel gets a skipped message with the reason. Each member gets at most one message, however often the fan-out is retried. " +
      "Send an Idempotency-Key header (1–255 characters) to make the create safe to retry: the same key with the same body returns the first campaign (201, with Idempotent-Replayed: true) instead of creating another; with a different body it answers 409.",
    access: "master",
    body: campaignCreateSchema,
    bodyExample: { segment: "Waitlist kettle", channel: "push", title: "Back in stock", body: "Hi {{ user.name | default: 'there' }}, the kettle is back!", sendAt: "2026-12-01T09:00:00Z" },
    success: { status: 201, description: "The campaign, scheduled", schema: campaignRes.campaignSchema },
    errors: [404],
  },
  {
    method: "POST",
    path: "/api/v1/campaigns/preview",
    tag: "Campaigns",
    summary: "Preview a campaign's message",
    description: "Renders the templates for a real member of the segment (the first by user id, or userId) as the send will. Templates that do not parse are listed in problems, not rejected.",
    access: "master",
    body: campaignPreviewSchema,
    bodyExample: { segment: "Waitlist kettle", channel: "email", subject: "Hi {{ user.name }}", body: "It is back." },
    success: { status: 200, description: "The rendered message", schema: campaignRes.campaignPreviewResultSchema },
    errors: [404],
  },
  {
    method: "GET",
    path: "/api/v1/campaigns/{id}",
    tag: "Campaigns",
    summary: "Get a campaign",
    description: "Status (scheduled, sending, done, cancelled) and progress: recipients and messages queued, sent, skipped and failed.",
    access: "master",
    params: { id: { schema: campaignIdSchema, description: "Campaign id", example: "cmp_5k2m9x" } },
    success: { status: 200, description: "The campaign", schema: campaignRes.campaignSchema },
  },
  {
    method: "POST",
    path: "/api/v1/campaigns/{id}/cancel",
    tag: "Campaigns",
    summary: "Cancel a campaign",
    description:
      "Only while scheduled or sending. Stops the fan-out; messages still waiting in the outbox are withdrawn (status skipped), " +
      "a message being handed to its provider at that moment finishes. 409 once the campaign is done or cancelled.",
    access: "master",
    params: { id: { schema: campaignIdSchema, description: "Campaign id", example: "cmp_5k2m9x" } },
    success: { status: 200, description: "The cancelled campaign", schema: campaignRes.campaignSchema },
    errors: [409],
  },

  // ── Templates ──
  {
    method: "GET",
    path: "/api/v1/templates",
    tag: "Templates",
    summary: "List templates",
    description: "By channel, then name, without their bodies (GET one for it).",
    access: "master",
    query: templateListQuery,
    queryExample: { channel: "email" },
    success: { status: 200, description: "The templates", schema: templateRes.templateListSchema },
  },
  {
    method: "POST",
    path: "/api/v1/templates",
    tag: "Templates",
    summary: "Create a template",
    description:
      "A template that does not compile is refused with 400, one detail per problem naming the field and the line: a Liquid parse error in any field " +
      "(`body: line 12: tag \"foo\" not found`), and for `mjml` anything MJML's validator reports once Liquid has rendered the body for a sample user " +
      "(its strict level; sends render at the soft level). `mj-include` is refused: a template cannot read files. markdown and mjml are for email only; " +
      "an email needs a subject. Names are unique (409).",
    access: "master",
    body: templateCreateSchema,
    bodyExample: { name: "Welcome", channel: "email", format: "markdown", subject: "Welcome, {{ user.name | default: 'friend' }}", body: STARTER_MARKDOWN },
    success: { status: 201, description: "The template", schema: templateRes.templateSchema },
    errors: [409],
  },
  {
    method: "POST",
    path: "/api/v1/templates/preview",
    tag: "Templates",
    summary: "Preview unsaved texts",
    description:
      "Renders texts that are not saved (the editor's live preview) as `render` does, and lists in `problems` what would refuse them on save. " +
      "A field that does not parse is left out of the render.",
    access: "master",
    body: templatePreviewSchema,
    bodyExample: { channel: "email", format: "markdown", subject: "Hi {{ user.name }}", body: "# Hello {{ user.name }}\n\nIt is back.", userId: "u_42" },
    success: { status: 200, description: "The rendered texts and their problems", schema: templateRes.templatePreviewResultSchema },
    errors: [404],
  },
  {
    method: "GET",
    path: "/api/v1/templates/{id}",
    tag: "Templates",
    summary: "Get a template",
    description: "With its body, and the connectors that use it.",
    access: "master",
    params: { id: { schema: templateIdSchema, description: "Template id", example: "tpl_4m8q2z" } },
    success: { status: 200, description: "The template", schema: templateRes.templateDetailSchema },
  },
  {
    method: "PUT",
    path: "/api/v1/templates/{id}",
    tag: "Templates",
    summary: "Update a template",
    description:
      "Replaces the fields given (null or an empty string clears title or subject) and checks the result as create does. " +
      "Connectors that use it keep sending the texts they were published with until they are published again; scheduled campaigns keep their copy.",
    access: "master",
    params: { id: { schema: templateIdSchema, description: "Template id", example: "tpl_4m8q2z" } },
    body: templateUpdateSchema,
    bodyExample: { subject: "Welcome back, {{ user.name }}" },
    success: { status: 200, description: "The template", schema: templateRes.templateDetailSchema },
    errors: [409],
  },
  {
    method: "DELETE",
    path: "/api/v1/templates/{id}",
    tag: "Templates",
    summary: "Delete a template",
    description: "Refused with 409 while a connector's draft or live version uses it; the details name each connector. Campaigns keep their own copy.",
    access: "master",
    params: { id: { schema: templateIdSchema, description: "Template id", example: "tpl_4m8q2z" } },
    success: { status: 200, description: "Deleted", schema: res.deletedSchema, example: { deleted: true } },
    errors: [409],
  },
  {
    method: "POST",
    path: "/api/v1/templates/{id}/render",
    tag: "Templates",
    summary: "Render a template",
    description:
      "Renders the template for a stored user (userId; default a sample user) and, as a connector's send would, an event; without one, as a campaign " +
      "does (event fields empty). Markdown and MJML come back as HTML with their plain-text part. `{{ unsubscribe_url }}` stays as written: delivery " +
      "puts each recipient's signed link there, and adds link tracking, the open pixel and (when the template has no unsubscribe link) a footer.",
    access: "master",
    params: { id: { schema: templateIdSchema, description: "Template id", example: "tpl_4m8q2z" } },
    body: templateRenderSchema,
    bodyExample: { userId: "u_42", event: { event: "ADDTOCART", data: { product: "espresso-roast" } } },
    success: { status: 200, description: "The rendered texts", schema: templateRes.templateRenderedSchema },
    errors: [404],
  },

  // ── Channels ──
  {
    method: "GET",
    path: "/api/v1/channels",
    tag: "Channels",
    summary: "List channel providers",
    description: "Each channel's provider and settings, secrets masked.",
    access: "master",
    success: { status: 200, description: "Channels", schema: res.channelListSchema },
  },
  {
    method: "GET",
    path: "/api/v1/channels/{channel}",
    tag: "Channels",
    summary: "Get one channel's provider",
    access: "master",
    params: { channel: channelParam },
    success: { status: 200, description: "The channel", schema: res.channelSettingsSchema },
  },
  {
    method: "PUT",
    path: "/api/v1/channels/{channel}",
    tag: "Channels",
    summary: "Set a channel's provider",
    description:
      "provider is one the channel allows (log everywhere; smtp for email, twilio for sms, webpush for push, http for webhook); " +
      "config is checked against that provider's settings (see the *Config schemas). Secrets are stored encrypted; sending a masked value back keeps the stored one. " +
      "Web Push VAPID keys are generated when absent.",
    access: "master",
    params: { channel: channelParam },
    body: channelPutSchema,
    bodyExample: { provider: "smtp", config: { host: "smtp.example.com", port: 587, user: "cue", pass: "s3cret", from: "Shop <shop@example.com>" } },
    success: { status: 200, description: "The channel, secrets masked", schema: res.channelSettingsSchema },
  },
  {
    method: "POST",
    path: "/api/v1/channels/{channel}/test",
    tag: "Channels",
    summary: "Send a test message",
    description: "Sends now through the channel's provider to the user's address and returns the message with its delivery attempts.",
    access: "master",
    params: { channel: channelParam },
    body: channelTestBody,
    bodyExample: { userId: "u_42", subject: "Hello from Cue", body: "It works." },
    success: { status: 200, description: "The message and its attempts", schema: res.messageDetailSchema },
  },

  // ── Scheduler ──
  {
    method: "POST",
    path: "/api/v1/cron/tick",
    tag: "Scheduler",
    summary: "Run one scheduler pass",
    description:
      "Due delays, cancellations, inactivity triggers and queued sends. Safe to call from several processes at once. " +
      "For deployments that turn the built-in ticker off (CUE_TICK_SECONDS=0) and call this from an external cron.",
    access: "cron",
    success: { status: 200, description: "What the pass did", schema: res.tickSchema },
  },

  // ── Delivery ──
  {
    method: "GET",
    path: "/api/v1/topics",
    tag: "Delivery",
    summary: "List topics",
    description: "The built-in marketing (subscribed by default) and transactional (cannot be left), then the application's own.",
    access: "master",
    success: { status: 200, description: "Topics", schema: deliveryRes.topicListSchema },
  },
  {
    method: "POST",
    path: "/api/v1/topics",
    tag: "Delivery",
    summary: "Create a topic",
    description: "Sends and campaigns name it in their topic option. default unsubscribed makes it opt-in. A key that exists answers 409.",
    access: "master",
    body: topicCreateSchema,
    bodyExample: { key: "weekly-deals", name: "Weekly deals", default: "subscribed" },
    success: { status: 201, description: "The topic", schema: deliveryRes.topicSchema },
    errors: [409],
  },
  {
    method: "GET",
    path: "/api/v1/users/{userId}/subscriptions",
    tag: "Delivery",
    summary: "Get a user's subscriptions",
    description: "Every topic and channel, true when subscribed: the user's own choice, else the topic's default (channels default to subscribed).",
    access: "master",
    params: { userId: userParam },
    success: { status: 200, description: "The subscriptions", schema: deliveryRes.subscriptionsSchema },
  },
  {
    method: "PUT",
    path: "/api/v1/users/{userId}/subscriptions",
    tag: "Delivery",
    summary: "Change a user's subscriptions",
    description:
      "Merges the topics and channels given. Each real change is recorded as a user.subscribed or user.unsubscribed event " +
      "({ topic | channel, source }) that connectors can start from. Unknown topics and leaving transactional answer 400.",
    access: "app",
    params: { userId: userParam },
    body: subscriptionsPutSchema,
    bodyExample: { topics: { marketing: false }, channels: { sms: true } },
    success: { status: 200, description: "The subscriptions after the change", schema: deliveryRes.subscriptionsSchema },
  },
  {
    method: "GET",
    path: "/api/v1/delivery-policy",
    tag: "Delivery",
    summary: "Get the delivery policy",
    description: "Without a stored policy: UTC, no quiet hours, no caps.",
    access: "master",
    success: { status: 200, description: "The policy", schema: deliveryRes.deliveryPolicyResponseSchema },
  },
  {
    method: "PUT",
    path: "/api/v1/delivery-policy",
    tag: "Delivery",
    summary: "Set the delivery policy",
    description:
      "Quiet hours hold (or drop) messages on the listed channels while the user's local time is in [start, end), in the user's " +
      "time zone, else the policy's. Caps are rolling windows per user; over one, a message is dropped or deferred (capMode). " +
      "transactional messages and sends with ignoreQuietHours / ignoreCaps are exempt.",
    access: "master",
    body: deliveryPolicySchema,
    bodyExample: {
      timezone: "Europe/Lisbon",
      quietHours: { start: "21:00", end: "08:00", channels: ["push", "sms"], mode: "hold" },
      caps: [{ channel: "push", max: 3, per: { amount: 1, unit: "days" } }],
      capMode: "drop",
    },
    success: { status: 200, description: "The policy as stored", schema: deliveryRes.deliveryPolicyResponseSchema },
  },

  // ── Meta ──
  {
    method: "GET",
    path: "/api/v1/openapi.json",
    tag: "Meta",
    summary: "This API description",
    description: "OpenAPI 3.1, generated from the same schemas the routes validate with.",
    access: "none",
    success: { status: 200, description: "The OpenAPI document", schema: z.record(z.string(), z.unknown()) },
  },
  {
    method: "GET",
    path: "/api/health",
    tag: "Meta",
    summary: "Health",
    description: "503 when the database cannot be reached.",
    access: "none",
    success: { status: 200, description: "Up", schema: res.healthSchema, example: { status: "ok", database: "pglite" } },
  },
];
