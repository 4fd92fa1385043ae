import { apiRoute } from "@/lib/server/api/handler";
import { cancelCampaign } from "@/lib/server/campaigns/campaigns";

export const dynamic = "force-dynamic";

// POST /api/v1/campaigns/{id}/cancel - stop a scheduled or sending campaign
export const POST = apiRoute({ access: "master" }, async ({ prisma, caller, params, now }) => cancelCampaign(prisma, caller.app.id, params.id!, now));
