// Carries out what the engine decided, inside the caller's transaction, through one
// handler per effect kind. Messages are recorded once per (enrollment, node,
// recipient): the unique index turns a retry into a no-op. Single sends are collected
// and recorded for a whole batch of steps at once (recordSends); a send to a segment is
// handed to the campaign fan-out, so a large segment never sits in one transaction.
import type { Effect } from "@/lib/engine/execute";
import { DEFAULT_TOPIC } from "@/lib/delivery/policy";
import type { Channel, RenderedContent, SendOptions } from "@/lib/engine/nodes/fields";
import type { AppRecord, EventRecord, UserRecord } from "@/lib/engine/types";
import { newId } from "../ids";
import { gate } from "../delivery/gate";
import { messageParts, type EmailParts } from "../templates/email-body";
import type { Sql } from "../sql";
import { unreachableReason } from "./addresses";
import { storedEventJson } from "./records";

export type EffectContext = {
  tx: Sql;
  now: Date;
  // When the step was due: deliveries queue in this order, so a late tick sends in due order.
  dueAt: Date;
  app: AppRecord;
  user: UserRecord;
  trigger: EventRecord;
  enrollment: { id: string; connectorId: string };
  /** Where single sends wait, to be recorded for the whole batch of steps in one insert (recordSends). */
  sends: PendingSend[];
};

// fanOuts: sends to a segment handed to the campaign fan-out (the tick, or a drain, makes their messages).
export type EffectTally = { queued: number; held: number; skipped: number; fanOuts: number };

export type PendingSend = { ctx: EffectContext; nodeId: string; channel: Channel; user: UserRecord; content: RenderedContent; options: SendOptions };

type MessageRow = {
  id: string; appId: string; userId: string; channel: Channel; status: "queued" | "held" | "skipped" | "failed"; title: string | null; subject: string | null; body: string;
  html: string | null; url: string | null; connectorId: string; nodeId: string; enrollmentId: string; error: string | null; reason: string | null; nextAttemptAt: string | null;
  topic: string; ignoreQuietHours: boolean; ignoreCaps: boolean;
};

function messageRow(send: PendingSend, hasDevice: boolean, parts: EmailParts | { error: string } | null): MessageRow {
  const { ctx, nodeId, channel, user, content, options } = send;
  const failed = parts && "error" in parts ? parts.error : null;
  const unreachable = failed ? null : unreachableReason(channel, user, hasDevice);
  const html = parts && "html" in parts ? parts.html : null;
  // Recorded first, delivered by the outbox (lib/server/channels/outbox.ts); the gate may still hold or skip it.
  return {
    id: newId("msg"), appId: ctx.app.id, userId: user.id, channel, status: failed ? "failed" : unreachable ? "skipped" : "queued",
    title: content.title ?? null, subject: content.subject ?? null, body: html !== null ? (parts as EmailParts).text : content.body, html, url: content.url ?? null,
    connectorId: ctx.enrollment.connectorId, nodeId, enrollmentId: ctx.enrollment.id, error: failed ?? unreachable, reason: unreachable,
    nextAttemptAt: failed || unreachable ? null : ctx.dueAt.toISOString(),
    topic: options.topic || DEFAULT_TOPIC, ignoreQuietHours: options.ignoreQuietHours ?? false, ignoreCaps: options.ignoreCaps ?? false,
  };
}

// Consent, quiet hours and caps (lib/server/delivery/gate.ts) for the rows that could be delivered.
async function applyGate(tx: Sql, rows: MessageRow[]) {
  const open = rows.filter((r) => r.status === "queued");
  const verdicts = await gate(tx, open.map((r) => ({
    appId: r.appId, userId: r.userId, channel: r.channel, topic: r.topic, at: new Date(r.nextAttemptAt!), ignoreQuietHours: r.ignoreQuietHours, ignoreCaps: r.ignoreCaps,
  })));
  open.forEach((row, i) => {
    const { status, reason, sendAt } = verdicts[i]!;
    Object.assign(row, { status, reason, nextAttemptAt: status === "skipped" ? null : sendAt.toISOString() });
  });
}

// One statement for any number of messages; the (enrollment, node, user) index skips repeats.
async function insertMessages(tx: Sql, rows: MessageRow[], now: Date, tally: EffectTally) {
  if (rows.length === 0) return;
  const col = <K extends keyof MessageRow>(k: K) => rows.map((r) => r[k]);
  const created = await tx.query<{ status: string }>(
    `INSERT INTO "Message" (id, "appId", "userId", channel, status, title, subject, body, url, "connectorId", "nodeId", "enrollmentId", error, "nextAttemptAt",
       reason, topic, "ignoreQuietHours", "ignoreCaps", html, "createdAt")
     SELECT id, a, u, ch, st, ti, su, bo, ur, co, no, en, er, na::timestamp(3), re, tp, iq, ic, ht, $20::timestamp(3)
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[],
                 $15::text[], $16::text[], $17::boolean[], $18::boolean[], $19::text[])
       AS x(id, a, u, ch, st, ti, su, bo, ur, co, no, en, er, na, re, tp, iq, ic, ht)
     ON CONFLICT DO NOTHING
     RETURNING status`,
    [col("id"), col("appId"), col("userId"), col("channel"), col("status"), col("title"), col("subject"), col("body"), col("url"),
     col("connectorId"), col("nodeId"), col("enrollmentId"), col("error"), col("nextAttemptAt"),
     col("reason"), col("topic"), col("ignoreQuietHours"), col("ignoreCaps"), col("html"), now.toISOString()],
  );
  // A message that could not be rendered counts with the skipped: no send was attempted.
  for (const m of created) tally[m.status === "queued" ? "queued" : m.status === "held" ? "held" : "skipped"]++;
}

/** The users among these who have a push device still in use (a disabled one no longer reaches them). */
export async function usersWithDevices(tx: Sql, appId: string, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await tx.query<{ userId: string }>(
    `SELECT DISTINCT "userId" FROM "Device" WHERE "appId" = $1 AND "userId" = ANY($2::text[]) AND "disabledAt" IS NULL`,
    [appId, userIds],
  );
  return new Set(rows.map((r) => r.userId));
}

/** Records the single sends of a batch of steps: one device lookup per app, one insert. */
export async function recordSends(tx: Sql, sends: PendingSend[], now: Date): Promise<EffectTally> {
  const tally: EffectTally = { queued: 0, held: 0, skipped: 0, fanOuts: 0 };
  const pushUsers = new Map<string, Set<string>>();
  for (const s of sends) if (s.channel === "push") pushUsers.set(s.ctx.app.id, (pushUsers.get(s.ctx.app.id) ?? new Set()).add(s.user.id));
  const devices = new Map<string, Set<string>>();
  for (const [appId, userIds] of pushUsers) devices.set(appId, await usersWithDevices(tx, appId, [...userIds]));
  // Converted before the rows are built; a layout converted once serves the rest (email-body.ts).
  const parts = await Promise.all(sends.map((s) => messageParts(s.channel, s.content)));
  const rows = sends.map((s, i) => messageRow(s, devices.get(s.ctx.app.id)?.has(s.user.id) ?? false, parts[i]!));
  await applyGate(tx, rows);
  await insertMessages(tx, rows, now, tally);
  return tally;
}

async function segmentOf(tx: Sql, appId: string, name: string, create: boolean): Promise<{ id: string; kind: string } | null> {
  if (create) {
    await tx.execute(`INSERT INTO "Segment" (id, "appId", name, kind) VALUES ($1, $2, $3, 'manual') ON CONFLICT ("appId", name) DO NOTHING`, [newId("seg"), appId, name]);
  }
  const [found] = await tx.query<{ id: string; kind: string }>(`SELECT id, kind FROM "Segment" WHERE "appId" = $1 AND name = $2`, [appId, name]);
  return found ?? null;
}

// A dynamic segment's members are whoever its rule matches: a connector adding or removing
// someone would be undone silently by the next refresh, so it is refused here, loudly.
async function manualSegmentId(tx: Sql, appId: string, name: string, create: boolean): Promise<string | null> {
  const segment = await segmentOf(tx, appId, name, create);
  if (!segment) return null;
  if (segment.kind === "manual") return segment.id;
  console.warn(`[cue] a connector tried to change the members of dynamic segment "${name}"; its rule decides them`);
  return null;
}

const handlers: { [K in Effect["kind"]]: (ctx: EffectContext, effect: Effect & { kind: K }, tally: EffectTally) => Promise<void> } = {
  async send(ctx, effect) {
    ctx.sends.push({ ctx, nodeId: effect.nodeId, channel: effect.channel, user: ctx.user, content: effect.content, options: effect.options });
  },

  async addToSegment(ctx, effect) {
    const id = await manualSegmentId(ctx.tx, ctx.app.id, effect.segment, true);
    if (id) {
      await ctx.tx.execute(`INSERT INTO "SegmentMember" ("segmentId", "userId", "addedAt") VALUES ($1, $2, $3::timestamp(3)) ON CONFLICT DO NOTHING`, [id, ctx.user.id, ctx.now.toISOString()]);
    }
  },

  async removeFromSegment(ctx, effect) {
    const id = await manualSegmentId(ctx.tx, ctx.app.id, effect.segment, false);
    if (id) await ctx.tx.execute(`DELETE FROM "SegmentMember" WHERE "segmentId" = $1 AND "userId" = $2`, [id, ctx.user.id]);
  },

  // One statement: merge the set values in, take the removed keys out.
  async setAttributes(ctx, effect) {
    const set = Object.fromEntries(Object.entries(effect.attributes).filter(([, value]) => value !== null));
    const removed = Object.keys(effect.attributes).filter((name) => effect.attributes[name] === null);
    await ctx.tx.execute(
      `UPDATE "User" SET attributes = (attributes || $3::jsonb) - $4::text[], "updatedAt" = $5::timestamp(3) WHERE "appId" = $1 AND "userId" = $2`,
      [ctx.app.id, ctx.user.id, JSON.stringify(set), removed, ctx.now.toISOString()],
    );
  },

  // A segment may be large: its members are reached by the campaign fan-out (a cursor and
  // a lease, page by page, a render error costing one member — lib/server/campaigns/fan-out),
  // not inside this step's transaction. The fan-out renders each member with this walk's
  // trigger event and records the messages as this step's; the (enrollment, node) index
  // makes a retried step start it once.
  async sendToSegment(ctx, effect, tally) {
    const segment = await segmentOf(ctx.tx, ctx.app.id, effect.segment, false);
    if (!segment) return;
    const { content, options } = effect;
    const started = await ctx.tx.execute(
      `INSERT INTO "Campaign" (id, "appId", name, "segmentId", "segmentName", channel, title, subject, body, url, "sendAt", status, "createdAt",
         "connectorId", "enrollmentId", "nodeId", "triggerEvent", topic, "ignoreQuietHours", "ignoreCaps", format)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::timestamp(3), 'scheduled', $11::timestamp(3), $12, $13, $14, $15::jsonb, $16, $17, $18, $19)
       ON CONFLICT ("enrollmentId", "nodeId") DO NOTHING`,
      [newId("cmp"), ctx.app.id, `Connector step ${effect.nodeId} to ${effect.segment}`, segment.id, effect.segment, effect.channel,
       content.title ?? null, content.subject ?? null, content.body, content.url ?? null, ctx.now.toISOString(),
       ctx.enrollment.connectorId, ctx.enrollment.id, effect.nodeId, storedEventJson(ctx.trigger),
       options.topic || DEFAULT_TOPIC, options.ignoreQuietHours ?? false, options.ignoreCaps ?? false, content.format ?? null],
    );
    tally.fanOuts += started;
  },
};

export async function applyEffects(ctx: EffectContext, effects: Effect[]): Promise<EffectTally> {
  const tally: EffectTally = { queued: 0, held: 0, skipped: 0, fanOuts: 0 };
  for (const effect of effects) {
    await (handlers[effect.kind] as (c: EffectContext, e: Effect, t: EffectTally) => Promise<void>)(ctx, effect, tally);
  }
  return tally;
}
