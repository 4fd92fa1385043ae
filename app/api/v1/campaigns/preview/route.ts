import { apiRoute } from "@/lib/server/api/handler";
import { campaignPreviewSchema } from "@/lib/server/campaigns/campaign-input";
import { previewCampaign } from "@/lib/server/campaigns/preview";

export const dynamic = "force-dynamic";

// POST /api/v1/campaigns/preview - the message rendered for a real member of the segment
export const POST = apiRoute({ access: "master", body: campaignPreviewSchema }, async ({ prisma, caller, body }) =>
  previewCampaign(prisma, caller.app.id, body),
);
