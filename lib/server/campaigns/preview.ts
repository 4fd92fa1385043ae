// The campaign form's live preview: the message rendered on the server, exactly as the
// fan-out will render it, for a real member of the chosen segment (the first by user
// id, or the one asked for). Templates that do not parse come back as problems rather
// than an error, because the marketer is still typing.
import { isMarkup, type Channel, type Content } from "@/lib/engine/nodes/fields";
import { audienceScope, renderContent, renderTemplate, type AudienceScope } from "@/lib/engine/templates";
import type { UserRecord } from "@/lib/engine/types";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { ApiError, type ErrorDetail } from "../api/errors";
import { unreachableReason } from "../engine/addresses";
import { messageParts } from "../templates/email-body";
import { templatesByIds } from "../templates/templates";
import { userRecord } from "../engine/records";
import { TEMPLATE_FIELDS, templateProblems, type CampaignPreviewInput } from "./campaign-input";
import { findSegment } from "./segment-lookup";

// Used only while the segment has no members, so the marketer still sees the layout.
const SAMPLE_USER: UserRecord = { id: "u_sample", email: "ada@example.com", phone: "+15550100", name: "Ada", attributes: {} };

type Preview = { content: Partial<Content> & { html?: string }; problems: ErrorDetail[] };

// The campaign's own texts, field by field: one that does not parse is a problem, the others still render.
function renderOwnTexts(input: CampaignPreviewInput, scope: AudienceScope): Preview {
  const problems: ErrorDetail[] = templateProblems(input);
  const content: Partial<Content> = {};
  for (const field of TEMPLATE_FIELDS) {
    const src = input[field];
    if (src === undefined || problems.some((p) => p.path === field)) continue;
    try {
      content[field] = renderTemplate(src, scope);
    } catch (error) {
      problems.push({ path: field, message: `The template does not render: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}` });
    }
  }
  return { content, problems };
}

// A saved template (which compiled when saved), as the fan-out renders it: a markdown or
// MJML email comes with its HTML, and its text part as the body.
async function renderTemplateFor(prisma: PrismaClient, appId: string, input: CampaignPreviewInput, scope: AudienceScope): Promise<Preview> {
  const template = (await templatesByIds(prisma, appId, [input.template!])).get(input.template!);
  if (!template) return { content: {}, problems: [{ path: "template", message: "No template has this id" }] };
  if (template.channel !== input.channel) return { content: {}, problems: [{ path: "template", message: `The template "${template.name}" is for ${template.channel}; this campaign sends ${input.channel}` }] };
  try {
    const rendered = renderContent(
      {
        body: template.body,
        ...(template.title ? { title: template.title } : {}),
        ...(template.subject ? { subject: template.subject } : {}),
        ...(input.url ? { url: input.url } : {}),
        ...(isMarkup(template.format) ? { format: template.format } : {}),
      },
      scope,
    );
    const { values: _values, format: _format, ...texts } = rendered;
    const parts = await messageParts(input.channel as Channel, rendered);
    if (parts && "error" in parts) return { content: {}, problems: [{ path: "template", message: parts.error }] };
    return { content: parts ? { ...texts, body: parts.text, html: parts.html } : texts, problems: [] };
  } catch (error) {
    return { content: {}, problems: [{ path: "template", message: `The template does not render: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}` }] };
  }
}

export async function previewCampaign(prisma: PrismaClient, appId: string, input: CampaignPreviewInput) {
  const segment = await findSegment(prisma, appId, input.segment);
  if (!segment) {
    throw new ApiError("not_found", `No segment "${input.segment}" exists`, [{ path: "segment", message: "No segment has this id or name" }]);
  }
  const [members, app] = await Promise.all([
    prisma.segmentMember.count({ where: { segmentId: segment.id } }),
    prisma.app.findUniqueOrThrow({ where: { id: appId }, select: { id: true, name: true } }),
  ]);
  const member = await prisma.segmentMember.findFirst({
    where: { segmentId: segment.id, ...(input.userId ? { userId: input.userId } : {}) },
    orderBy: { userId: "asc" },
    select: { userId: true },
  });
  if (input.userId && !member) {
    throw new ApiError("invalid_request", `${input.userId} is not a member of ${segment.name}`, [{ path: "userId", message: "Not a member of the segment" }]);
  }
  const profile = member
    ? await prisma.user.findUnique({ where: { appId_userId: { appId, userId: member.userId } }, select: { userId: true, email: true, phone: true, name: true, attributes: true } })
    : null;
  const user = profile ? userRecord(profile) : member ? { ...SAMPLE_USER, id: member.userId, email: null, phone: null, name: null } : SAMPLE_USER;
  const hasDevice = member !== null && input.channel === "push" && (await prisma.device.count({ where: { appId, userId: member.userId, disabledAt: null } })) > 0;

  const scope = audienceScope(user, app);
  const { content, problems } = input.template ? await renderTemplateFor(prisma, appId, input, scope) : renderOwnTexts(input, scope);
  return {
    segment: { id: segment.id, name: segment.name, members },
    member: member ? { userId: user.id, name: user.name, email: user.email, phone: user.phone } : null,
    content,
    // Why this member would get a skipped message on this channel, if they would.
    unreachable: member ? unreachableReason(input.channel as Channel, user, hasDevice) : null,
    problems,
  };
}
