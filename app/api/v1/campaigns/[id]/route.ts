import { apiRoute } from "@/lib/server/api/handler";
import { getCampaign } from "@/lib/server/campaigns/campaigns";

export const dynamic = "force-dynamic";

// GET /api/v1/campaigns/{id} - a campaign with its status and progress
export const GET = apiRoute({ access: "master" }, async ({ prisma, caller, params }) => getCampaign(prisma, caller.app.id, params.id!));
