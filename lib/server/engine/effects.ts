// Carries out what the engine decided, inside the caller's transaction, through one
// handler per effect kind. Messages are recorded once per (enrollment, node,
// recipient): the unique index turns a retry into a no-op. Single sends are collected
// and recorded for a whole batch of steps at once (recordSends); a segment's are
// recorded page by page, so a large segment never sits in memory.
import type { Effect } from "@/lib/engine/execute";
import type { Channel, Content } from "@/lib/engine/rule";
import { renderContent, templateScope } from "@/lib/engine/templates";
import type { AppRecord, EventRecord, UserRecord } from "@/lib/engine/types";
import type { Prisma } from "@/lib/generated/prisma/client";
import { newId } from "../ids";
import { unreachableReason } from "./addresses";
import { userRecord } from "./records";

type Tx = Prisma.TransactionClient;

export type EffectContext = {
  tx: Tx;
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

export type EffectTally = { queued: number; skipped: number };

type Recipient = { user: UserRecord; content: Content; hasDevice: boolean };
export type PendingSend = { ctx: EffectContext; nodeId: string; channel: Channel; user: UserRecord; content: Content };

function messageRow(ctx: EffectContext, nodeId: string, channel: Channel, { user, content, hasDevice }: Recipient) {
  const reason = unreachableReason(channel, user, hasDevice);
  // Recorded first, delivered by the outbox (lib/server/channels/outbox.ts).
  return {
    id: newId("msg"),
    appId: ctx.app.id,
    userId: user.id,
    channel,
    status: reason ? "skipped" : "queued",
    title: content.title ?? null,
    subject: content.subject ?? null,
    body: content.body,
    url: content.url ?? null,
    connectorId: ctx.enrollment.connectorId,
    nodeId,
    enrollmentId: ctx.enrollment.id,
    error: reason,
    createdAt: ctx.now,
    nextAttemptAt: reason ? null : ctx.dueAt,
  };
}

async function insertMessages(tx: Tx, rows: ReturnType<typeof messageRow>[], tally: EffectTally) {
  if (rows.length === 0) return;
  const created = await tx.message.createManyAndReturn({ data: rows, skipDuplicates: true, select: { status: true } });
  for (const m of created) tally[m.status === "queued" ? "queued" : "skipped"]++;
}

/** Records the single sends of a batch of steps: one device lookup per app, one insert. */
export async function recordSends(tx: Tx, sends: PendingSend[]): Promise<EffectTally> {
  const tally: EffectTally = { queued: 0, skipped: 0 };
  const pushUsers = new Map<string, string[]>();
  for (const s of sends) if (s.channel === "push") pushUsers.set(s.ctx.app.id, [...(pushUsers.get(s.ctx.app.id) ?? []), s.user.id]);
  const devices = new Map<string, Set<string>>();
  for (const [appId, userIds] of pushUsers) devices.set(appId, await usersWithDevices(tx, appId, [...new Set(userIds)]));
  const rows = sends.map((s) =>
    messageRow(s.ctx, s.nodeId, s.channel, { user: s.user, content: s.content, hasDevice: devices.get(s.ctx.app.id)?.has(s.user.id) ?? false }),
  );
  await insertMessages(tx, rows, tally);
  return tally;
}

async function usersWithDevices(tx: Tx, appId: string, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await tx.device.findMany({ where: { appId, userId: { in: userIds } }, select: { userId: true }, distinct: ["userId"] });
  return new Set(rows.map((r) => r.userId));
}

async function segmentId(tx: Tx, appId: string, name: string, create: boolean): Promise<string | null> {
  const found = await tx.segment.findUnique({ where: { appId_name: { appId, name } }, select: { id: true } });
  if (found || !create) return found?.id ?? null;
  await tx.segment.createMany({ data: [{ id: newId("seg"), appId, name, kind: "manual" }], skipDuplicates: true });
  return (await tx.segment.findUniqueOrThrow({ where: { appId_name: { appId, name } }, select: { id: true } })).id;
}

// A dynamic segment's members are whoever its rule matches: a connector adding or removing
// someone would be undone silently by the next refresh, so it is refused here, loudly.
async function manualSegmentId(tx: Tx, appId: string, name: string, create: boolean): Promise<string | null> {
  const id = await segmentId(tx, appId, name, create);
  if (!id) return null;
  const { kind } = await tx.segment.findUniqueOrThrow({ where: { id }, select: { kind: true } });
  if (kind === "manual") return id;
  console.warn(`[cue] a connector tried to change the members of dynamic segment "${name}"; its rule decides them`);
  return null;
}

const SEGMENT_PAGE = 1000;

const handlers: { [K in Effect["kind"]]: (ctx: EffectContext, effect: Effect & { kind: K }, tally: EffectTally) => Promise<void> } = {
  async send(ctx, effect) {
    ctx.sends.push({ ctx, nodeId: effect.nodeId, channel: effect.channel, user: ctx.user, content: effect.content });
  },

  async addToSegment(ctx, effect) {
    const id = await manualSegmentId(ctx.tx, ctx.app.id, effect.segment, true);
    if (id) await ctx.tx.segmentMember.createMany({ data: [{ segmentId: id, userId: ctx.user.id, addedAt: ctx.now }], skipDuplicates: true });
  },

  async removeFromSegment(ctx, effect) {
    const id = await manualSegmentId(ctx.tx, ctx.app.id, effect.segment, false);
    if (id) await ctx.tx.segmentMember.deleteMany({ where: { segmentId: id, userId: ctx.user.id } });
  },

  // Every member gets the message rendered with themselves as `user` and the
  // triggering event as `event`, paged so a large segment never loads at once.
  async sendToSegment(ctx, effect, tally) {
    const id = await segmentId(ctx.tx, ctx.app.id, effect.segment, false);
    if (!id) return;
    let after: string | undefined;
    for (;;) {
      const members = await ctx.tx.segmentMember.findMany({
        where: { segmentId: id, ...(after ? { userId: { gt: after } } : {}) },
        orderBy: { userId: "asc" },
        take: SEGMENT_PAGE,
        select: { userId: true },
      });
      if (members.length === 0) return;
      after = members.at(-1)!.userId;
      const ids = members.map((m) => m.userId);
      const users = await ctx.tx.user.findMany({ where: { appId: ctx.app.id, userId: { in: ids } } });
      const devices = effect.channel === "push" ? await usersWithDevices(ctx.tx, ctx.app.id, ids) : new Set<string>();
      const rows = users.map((row) => {
        const user = userRecord(row);
        const content = renderContent(effect.content, templateScope(ctx.trigger, user, ctx.app));
        return messageRow(ctx, effect.nodeId, effect.channel, { user, hasDevice: devices.has(user.id), content });
      });
      await insertMessages(ctx.tx, rows, tally);
      if (members.length < SEGMENT_PAGE) return;
    }
  },
};

export async function applyEffects(ctx: EffectContext, effects: Effect[]): Promise<EffectTally> {
  const tally: EffectTally = { queued: 0, skipped: 0 };
  for (const effect of effects) {
    await (handlers[effect.kind] as (c: EffectContext, e: Effect, t: EffectTally) => Promise<void>)(ctx, effect, tally);
  }
  return tally;
}
