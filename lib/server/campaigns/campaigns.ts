// Campaigns: a one-off message to every member of a segment, now or at a set time.
// Creating one only records it; the tick's fan-out (fan-out.ts) turns it into messages.
import { DEFAULT_TOPIC } from "@/lib/delivery/policy";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { ApiError, notFound } from "../api/errors";
import { assertTopicsExist } from "../delivery/topics";
import { newId } from "../ids";
import { prismaSql } from "../sql";
import { templatesByIds } from "../templates/templates";
import { templateProblems, type CampaignCreate } from "./campaign-input";
import { campaignProgress, progressOf, type Progress } from "./progress";
import { findSegment } from "./segment-lookup";

export type CampaignStatus = "scheduled" | "sending" | "done" | "cancelled";

type CampaignRow = Prisma.CampaignGetPayload<object>;

export function serializeCampaign(c: CampaignRow, progress: Progress) {
  return {
    id: c.id,
    name: c.name,
    segmentId: c.segmentId,
    segmentName: c.segmentName,
    channel: c.channel,
    title: c.title,
    subject: c.subject,
    body: c.body,
    url: c.url,
    format: c.format === "markdown" || c.format === "mjml" ? c.format : "text",
    templateId: c.templateId,
    topic: c.topic ?? DEFAULT_TOPIC,
    ignoreQuietHours: c.ignoreQuietHours,
    ignoreCaps: c.ignoreCaps,
    status: c.status as CampaignStatus,
    sendAt: c.sendAt.toISOString(),
    createdAt: c.createdAt.toISOString(),
    startedAt: c.startedAt?.toISOString() ?? null,
    finishedAt: c.finishedAt?.toISOString() ?? null,
    progress,
  };
}

// What a replay must repeat for its key to mean "the same campaign". sendAt counts only
// when given (it defaults to the time of the request), and was stored as the later of
// itself and the creation time.
function sameRequest(row: CampaignRow, input: CampaignCreate, segmentId: string): boolean {
  const texts = input.template
    ? row.templateId === input.template
    : row.templateId === null && row.body === input.body && row.title === (input.title ?? null) && row.subject === (input.subject ?? null);
  return (
    row.segmentId === segmentId &&
    row.channel === input.channel &&
    texts &&
    row.url === (input.url ?? null) &&
    (row.topic ?? DEFAULT_TOPIC) === (input.topic || DEFAULT_TOPIC) &&
    (input.name === undefined || row.name === input.name) &&
    (input.sendAt === undefined || row.sendAt.getTime() === Math.max(Date.parse(input.sendAt), row.createdAt.getTime()))
  );
}

// POST /api/v1/campaigns. With an Idempotency-Key, as in Stripe's API, a request sent
// again (a client retry after a lost answer, or two at once) returns the campaign the
// first one created instead of sending to the segment a second time.
type Texts = { title: string | null; subject: string | null; body: string; format: string | null; templateId: string | null };

// The campaign's own texts, or a copy of the template it names: a scheduled campaign sends
// what it was created with, whatever happens to the template afterwards.
async function textsOf(prisma: PrismaClient, appId: string, input: CampaignCreate): Promise<Texts> {
  if (!input.template) {
    const problems = templateProblems(input);
    if (problems.length) throw new ApiError("invalid_request", "A template does not parse", problems);
    return { title: input.title ?? null, subject: input.subject ?? null, body: input.body ?? "", format: null, templateId: null };
  }
  const template = (await templatesByIds(prisma, appId, [input.template])).get(input.template);
  if (!template) {
    throw new ApiError("invalid_request", `No template ${input.template} exists`, [{ path: "template", message: "No template has this id" }]);
  }
  if (template.channel !== input.channel) {
    throw new ApiError("invalid_request", `The template "${template.name}" is for ${template.channel}, not ${input.channel}`, [
      { path: "template", message: `The template "${template.name}" is for ${template.channel}; this campaign sends ${input.channel}` },
    ]);
  }
  return { title: template.title, subject: template.subject, body: template.body, format: template.format === "text" ? null : template.format, templateId: template.id };
}

export async function createCampaign(prisma: PrismaClient, appId: string, input: CampaignCreate, now: Date, idempotencyKey?: string) {
  const texts = await textsOf(prisma, appId, input);
  if (input.topic) await assertTopicsExist(prismaSql(prisma), appId, [{ topic: input.topic, path: "topic" }]);
  const segment = await findSegment(prisma, appId, input.segment);
  // As Stripe answers a body that names a missing object: 404, with the field in details.
  if (!segment) {
    throw new ApiError("not_found", `No segment "${input.segment}" exists`, [{ path: "segment", message: "No segment has this id or name" }]);
  }
  const requested = input.sendAt ? new Date(input.sendAt) : now;
  const id = newId("cmp");
  // createMany skips a row whose key is taken, so concurrent replays race safely.
  await prisma.campaign.createMany({
    data: [
      {
        id,
        appId,
        name: input.name ?? segment.name,
        segmentId: segment.id,
        segmentName: segment.name,
        channel: input.channel,
        ...texts,
        url: input.url ?? null,
        topic: input.topic || DEFAULT_TOPIC,
        ignoreQuietHours: input.ignoreQuietHours ?? false,
        ignoreCaps: input.ignoreCaps ?? false,
        // A time in the past means now: the next tick starts it.
        sendAt: requested < now ? now : requested,
        createdAt: now,
        idempotencyKey: idempotencyKey ?? null,
      },
    ],
    skipDuplicates: true,
  });
  const row = idempotencyKey
    ? await prisma.campaign.findUniqueOrThrow({ where: { appId_idempotencyKey: { appId, idempotencyKey } } })
    : await prisma.campaign.findUniqueOrThrow({ where: { id } });
  const replayed = row.id !== id;
  if (replayed && !sameRequest(row, input, segment.id)) {
    throw new ApiError("conflict", "This Idempotency-Key was already used for a different campaign", [{ path: "Idempotency-Key", message: `Used by campaign ${row.id}` }]);
  }
  return { campaign: serializeCampaign(row, await campaignProgress(prisma, row)), replayed };
}

async function campaignOf(prisma: PrismaClient, appId: string, id: string): Promise<CampaignRow> {
  const row = await prisma.campaign.findFirst({ where: { id, appId } });
  if (!row) throw notFound("Campaign");
  return row;
}

// GET /api/v1/campaigns/{id}
export async function getCampaign(prisma: PrismaClient, appId: string, id: string) {
  const row = await campaignOf(prisma, appId, id);
  return serializeCampaign(row, await campaignProgress(prisma, row));
}

function encodeCursor(c: { createdAt: Date; id: string }): string {
  return Buffer.from(`${c.createdAt.toISOString()}|${c.id}`).toString("base64url");
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const createdAt = new Date(at ?? "");
  if (!id || Number.isNaN(createdAt.getTime())) {
    throw new ApiError("invalid_request", "cursor is not valid", [{ path: "cursor", message: "Use nextCursor from a previous page" }]);
  }
  return { createdAt, id };
}

// GET /api/v1/campaigns - newest first, keyset paged
export async function listCampaigns(prisma: PrismaClient, appId: string, query: { limit: number; cursor?: string }) {
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const rows = await prisma.campaign.findMany({
    // A connector's sends to a segment use the same fan-out, but are not campaigns a marketer made.
    where: { appId, connectorId: null, ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const progress = await progressOf(prisma, page);
  const campaigns = page.map((row) => serializeCampaign(row, progress.get(row.id)!));
  const last = page.at(-1);
  return { campaigns, nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null };
}

// POST /api/v1/campaigns/{id}/cancel - stops the fan-out and withdraws the messages
// that are still waiting in the outbox. A message a delivery is handing to its
// provider right now (leased) is left to finish, so no message is reported as
// withdrawn that in fact went out.
export async function cancelCampaign(prisma: PrismaClient, appId: string, id: string, now: Date) {
  const cancelled = await prisma.$transaction(async (tx) => {
    // Waits for a fan-out page in progress (it holds the row), so its messages are
    // visible to the withdrawal below and no page is written after it.
    const { count } = await tx.campaign.updateMany({
      where: { id, appId, status: { in: ["scheduled", "sending"] } },
      data: { status: "cancelled", finishedAt: now, leasedUntil: null },
    });
    if (count === 0) return false;
    await tx.message.updateMany({
      where: { appId, campaignId: id, status: "queued", OR: [{ leasedUntil: null }, { leasedUntil: { lt: now } }] },
      data: { status: "skipped", error: "The campaign was cancelled before this message was sent", nextAttemptAt: null },
    });
    return true;
  });
  const row = await campaignOf(prisma, appId, id);
  if (!cancelled) throw new ApiError("conflict", `The campaign is ${row.status}; only a scheduled or sending campaign can be cancelled`);
  return serializeCampaign(row, await campaignProgress(prisma, row));
}
