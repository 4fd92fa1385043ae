// Templates (API.md "Templates"): reusable texts that send actions and campaigns name
// instead of writing their own. Saving one checks that it compiles (template-check.ts).
// A connector's publish and a campaign's creation copy the texts they name
// (lib/engine/compile.ts, campaigns.ts): a live version or a scheduled campaign sends what
// it was made with, and editing a template changes what is sent only after the next
// publish — the same rule as the graph itself (enrollments keep their version).
import { draftGraphSchema, templateIdsOf } from "@/lib/engine/graph";
import { isMarkup, type Channel, type Format, type TemplateContent } from "@/lib/engine/nodes/fields";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { ApiError, notFound, type ErrorDetail } from "../api/errors";
import { newId } from "../ids";
import { problemSummary, templateProblems } from "./template-check";
import type { TemplateCreate, TemplateUpdate } from "./template-input";

type Db = PrismaClient | Prisma.TransactionClient;
type Row = Prisma.TemplateGetPayload<object>;

export function templateContent(row: Pick<Row, "id" | "name" | "channel" | "format" | "title" | "subject" | "body">): TemplateContent {
  return {
    id: row.id, name: row.name, channel: row.channel as Channel, format: (isMarkup(row.format) ? row.format : "text") as Format,
    title: row.title, subject: row.subject, body: row.body,
  };
}

function serialize(row: Row) {
  return { ...templateContent(row), createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}

// In a list the bodies (an MJML layout is tens of kilobytes) are left out: GET one for it.
function summary(row: Omit<Row, "body">) {
  return {
    id: row.id, name: row.name, channel: row.channel as Channel, format: (isMarkup(row.format) ? row.format : "text") as Format,
    title: row.title, subject: row.subject, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(),
  };
}

const blankToNull = (value: string | null | undefined) => (value?.trim() ? value : null);

type Texts = { name: string; channel: Channel; format: Format; title: string | null; subject: string | null; body: string };

// Rules that need the fields together; then whether the texts compile, line by line.
async function assertCompiles(prisma: Db, appId: string, texts: Texts, now: Date) {
  const details: ErrorDetail[] = [];
  if (texts.format !== "text" && texts.channel !== "email") {
    details.push({ path: "format", message: `${texts.format} is for email templates; a ${texts.channel} template is text` });
  }
  if (texts.channel === "email" && !texts.subject) details.push({ path: "subject", message: "An email needs a subject" });
  if (details.length) throw new ApiError("invalid_request", problemSummary(details), details);
  const app = await prisma.app.findUniqueOrThrow({ where: { id: appId }, select: { id: true, name: true } });
  const problems = await templateProblems(texts, app, now);
  if (problems.length) throw new ApiError("invalid_request", problemSummary(problems), problems);
}

const nameTaken = (name: string) =>
  new ApiError("conflict", `A template named "${name}" already exists`, [{ path: "name", message: "Another template has this name" }]);

// POST /api/v1/templates
export async function createTemplate(prisma: PrismaClient, appId: string, input: TemplateCreate, now: Date) {
  const texts: Texts = {
    name: input.name, channel: input.channel, format: input.format ?? "text",
    title: blankToNull(input.title), subject: blankToNull(input.subject), body: input.body,
  };
  await assertCompiles(prisma, appId, texts, now);
  const id = newId("tpl");
  // createMany skips a taken name instead of throwing, so two creates of one name race safely.
  const created = await prisma.template.createMany({ data: [{ id, appId, ...texts, createdAt: now, updatedAt: now }], skipDuplicates: true });
  if (created.count === 0) throw nameTaken(input.name);
  return serialize(await prisma.template.findUniqueOrThrow({ where: { id } }));
}

// GET /api/v1/templates
export async function listTemplates(prisma: PrismaClient, appId: string, query: { channel?: Channel }) {
  const rows = await prisma.template.findMany({
    where: { appId, ...(query.channel ? { channel: query.channel } : {}) },
    omit: { body: true },
    orderBy: [{ channel: "asc" }, { name: "asc" }],
  });
  return { templates: rows.map(summary) };
}

async function rowOf(prisma: Db, appId: string, id: string): Promise<Row> {
  const row = await prisma.template.findFirst({ where: { id, appId } });
  if (!row) throw notFound("Template");
  return row;
}

export type TemplateUse = { id: string; name: string; status: string };

/** The connectors (not deleted) whose draft or live version has a send that names the template. */
export async function connectorsUsing(prisma: Db, appId: string, templateId: string): Promise<TemplateUse[]> {
  const rows = await prisma.$queryRaw<{ id: string; name: string; status: string; draft: unknown; live: unknown }[]>`
    SELECT c.id, c.name, c.status, c.graph AS draft, v.graph AS live
    FROM "Connector" c LEFT JOIN "ConnectorVersion" v ON v."connectorId" = c.id AND v.version = c.version
    WHERE c."appId" = ${appId} AND c."deletedAt" IS NULL
    ORDER BY c.name, c.id`;
  const names = (json: unknown) => {
    const graph = draftGraphSchema.safeParse(json);
    return graph.success ? templateIdsOf(graph.data) : [];
  };
  return rows.filter((r) => names(r.draft).includes(templateId) || names(r.live).includes(templateId)).map(({ id, name, status }) => ({ id, name, status }));
}

// GET /api/v1/templates/{id} - with the connectors that use it (they keep the texts they were published with)
export async function getTemplate(prisma: PrismaClient, appId: string, id: string) {
  const row = await rowOf(prisma, appId, id);
  return { ...serialize(row), usedBy: await connectorsUsing(prisma, appId, id) };
}

// PUT /api/v1/templates/{id}
export async function updateTemplate(prisma: PrismaClient, appId: string, id: string, input: TemplateUpdate, now: Date) {
  const row = await rowOf(prisma, appId, id);
  const texts: Texts = {
    name: input.name ?? row.name,
    channel: input.channel ?? (row.channel as Channel),
    format: input.format ?? (isMarkup(row.format) ? row.format : "text"),
    title: input.title !== undefined ? blankToNull(input.title) : row.title,
    subject: input.subject !== undefined ? blankToNull(input.subject) : row.subject,
    body: input.body ?? row.body,
  };
  await assertCompiles(prisma, appId, texts, now);
  if (texts.name !== row.name && (await prisma.template.count({ where: { appId, name: texts.name, id: { not: id } } })) > 0) throw nameTaken(texts.name);
  try {
    await prisma.template.update({ where: { id }, data: { ...texts, updatedAt: now } });
  } catch (error) {
    // A concurrent create took the name between the check and the update.
    if ((error as { code?: string }).code === "P2002") throw nameTaken(texts.name);
    throw error;
  }
  return getTemplate(prisma, appId, id);
}

// DELETE /api/v1/templates/{id} - refused while a connector names it: its next publish
// would fail, and the canvas would show a send with no texts. Campaigns keep a copy.
export async function deleteTemplate(prisma: PrismaClient, appId: string, id: string) {
  await prisma.$transaction(async (tx) => {
    const row = await rowOf(tx, appId, id);
    const users = await connectorsUsing(tx, appId, id);
    if (users.length > 0) {
      const list = users.map((c) => `"${c.name}"`).join(", ");
      throw new ApiError(
        "conflict",
        `The template "${row.name}" is used by ${users.length === 1 ? "connector" : "connectors"} ${list}: choose another template there first`,
        users.map((c) => ({ path: "connectors", message: `Used by "${c.name}" (${c.id}, ${c.status})` })),
      );
    }
    await tx.template.delete({ where: { id } });
  });
  return { deleted: true as const };
}

/** The application's templates with these ids (others are absent), for publish and campaigns. */
export async function templatesByIds(db: Db, appId: string, ids: string[]): Promise<Map<string, TemplateContent>> {
  if (ids.length === 0) return new Map();
  const rows = await db.template.findMany({ where: { appId, id: { in: [...new Set(ids)] } } });
  return new Map(rows.map((row) => [row.id, templateContent(row)]));
}
