// The campaign form's live preview: the message rendered on the server, exactly as the
// fan-out will render it, for a real member of the chosen segment (the first by user
// id, or the one asked for). Templates that do not parse come back as problems rather
// than an error, because the marketer is still typing.
import type { Channel, Content } from "@/lib/engine/nodes/fields";
import { audienceScope, renderTemplate } from "@/lib/engine/templates";
import type { UserRecord } from "@/lib/engine/types";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { ApiError, type ErrorDetail } from "../api/errors";
import { unreachableReason } from "../engine/addresses";
import { userRecord } from "../engine/records";
import { TEMPLATE_FIELDS, templateProblems, type CampaignPreviewInput } from "./campaign-input";
import { findSegment } from "./segment-lookup";

// Used only while the segment has no members, so the marketer still sees the layout.
const SAMPLE_USER: UserRecord = { id: "u_sample", email: "ada@example.com", phone: "+15550100", name: "Ada", attributes: {} };

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

  const problems: ErrorDetail[] = templateProblems(input);
  const content: Partial<Content> = {};
  const scope = audienceScope(user, app);
  for (const field of TEMPLATE_FIELDS) {
    const src = input[field];
    if (src === undefined || problems.some((p) => p.path === field)) continue;
    try {
      content[field] = renderTemplate(src, scope);
    } catch (error) {
      problems.push({ path: field, message: `The template does not render: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}` });
    }
  }
  return {
    segment: { id: segment.id, name: segment.name, members },
    member: member ? { userId: user.id, name: user.name, email: user.email, phone: user.phone } : null,
    content,
    // Why this member would get a skipped message on this channel, if they would.
    unreachable: member ? unreachableReason(input.channel as Channel, user, hasDevice) : null,
    problems,
  };
}
