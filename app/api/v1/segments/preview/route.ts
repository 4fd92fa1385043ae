import { apiRoute } from "@/lib/server/api/handler";
import { previewSegment, segmentPreviewSchema } from "@/lib/server/segments/segments";

export const dynamic = "force-dynamic";

// POST /api/v1/segments/preview - how many users a rule matches now, and a sample; stores nothing
export const POST = apiRoute({ access: "master", body: segmentPreviewSchema }, async ({ prisma, caller, body, now }) =>
  previewSegment(prisma, caller.app.id, body.rule, now),
);
