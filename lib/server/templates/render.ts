// A template rendered as a message would be: for a stored user (or a sample one) and,
// as a connector's send sees it, a trigger event — without one, as a campaign does (event
// fields render empty). Markdown and MJML bodies come back as HTML and their plain-text
// part. {{ unsubscribe_url }} stays as written: delivery puts each recipient's signed
// link there (and adds the footer to an email that has none).
import { isMarkup, type Content, type Format } from "@/lib/engine/nodes/fields";
import { audienceScope, renderContent, templateErrorAt, templateScope } from "@/lib/engine/templates";
import type { AppRecord, UserRecord } from "@/lib/engine/types";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { ApiError, type ErrorDetail } from "../api/errors";
import { userRecord } from "../engine/records";
import { emailParts } from "./email-body";
import { SAMPLE_USER, problemSummary, templateProblems } from "./template-check";
import type { TemplatePreviewInput, TemplateRenderInput } from "./template-input";
import { templatesByIds } from "./templates";

type Texts = { format: Format; title?: string | null; subject?: string | null; body: string };
export type Rendered = { subject?: string; title?: string; text: string; html?: string };

async function scopeOf(prisma: PrismaClient, appId: string, input: TemplateRenderInput, now: Date) {
  const app: AppRecord = await prisma.app.findUniqueOrThrow({ where: { id: appId }, select: { id: true, name: true } });
  let user: UserRecord = SAMPLE_USER;
  if (input.userId) {
    const profile = await prisma.user.findUnique({
      where: { appId_userId: { appId, userId: input.userId } },
      select: { userId: true, email: true, phone: true, name: true, attributes: true },
    });
    if (!profile) throw new ApiError("not_found", `No user "${input.userId}" exists`, [{ path: "userId", message: "No user has this id" }]);
    user = userRecord(profile);
  }
  if (!input.event) return audienceScope(user, app);
  const { event, data, timestamp } = input.event;
  return templateScope({ id: "evt_preview", event: event ?? "preview", userId: user.id, data: data ?? {}, timestamp: timestamp ? new Date(timestamp) : now }, user, app);
}

function contentOf(texts: Texts): Content {
  return {
    body: texts.body,
    ...(texts.title ? { title: texts.title } : {}),
    ...(texts.subject ? { subject: texts.subject } : {}),
    ...(isMarkup(texts.format) ? { format: texts.format } : {}),
  };
}

/** Throws what Liquid or MJML threw; the callers say where. */
async function renderTexts(texts: Texts, scope: Awaited<ReturnType<typeof scopeOf>>): Promise<Rendered> {
  const content = renderContent(contentOf(texts), scope);
  const head = { ...(content.subject !== undefined ? { subject: content.subject } : {}), ...(content.title !== undefined ? { title: content.title } : {}) };
  if (!content.format) return { ...head, text: content.body };
  const { html, text } = await emailParts({ format: content.format, body: content.body, values: content.values });
  return { ...head, text, html };
}

const renderFailure = (error: unknown): ErrorDetail => ({
  path: "body",
  message: `does not render: ${(error instanceof Error ? error.message : String(error)).split("\n")[0]}`,
});

// POST /api/v1/templates/{id}/render
export async function renderSavedTemplate(prisma: PrismaClient, appId: string, id: string, input: TemplateRenderInput, now: Date): Promise<Rendered> {
  const template = (await templatesByIds(prisma, appId, [id])).get(id);
  if (!template) throw new ApiError("not_found", "Template not found");
  const scope = await scopeOf(prisma, appId, input, now);
  try {
    return await renderTexts(template, scope);
  } catch (error) {
    // A saved template compiled; only this user's data can still trip a render limit.
    const detail = renderFailure(error);
    throw new ApiError("invalid_request", problemSummary([detail]), [detail]);
  }
}

// POST /api/v1/templates/preview - the editor's preview of texts not saved yet: what does
// not compile is listed in problems (as a save would answer it) and left out of the render.
export async function previewTemplate(prisma: PrismaClient, appId: string, input: TemplatePreviewInput, now: Date) {
  const format = input.format ?? "text";
  const app = await prisma.app.findUniqueOrThrow({ where: { id: appId }, select: { id: true, name: true } });
  const problems = await templateProblems({ format, title: input.title, subject: input.subject, body: input.body }, app, now);
  if (format !== "text" && input.channel !== "email") problems.push({ path: "format", message: `${format} is for email templates; a ${input.channel} template is text` });
  const scope = await scopeOf(prisma, appId, input, now);
  const parses = (src: string | null | undefined) => (src && templateErrorAt(src) === null ? src : null);
  const body = parses(input.body) ?? "";
  try {
    // An empty body (the editor was just opened) has nothing to convert.
    const rendered = await renderTexts({ format: body.trim() ? format : "text", title: parses(input.title), subject: parses(input.subject), body }, scope);
    return { ...rendered, problems };
  } catch (error) {
    return { text: "", problems: problems.some((p) => p.path === "body") ? problems : [...problems, renderFailure(error)] };
  }
}
