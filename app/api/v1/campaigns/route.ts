import { apiRoute } from "@/lib/server/api/handler";
import { campaignCreateSchema, campaignListQuery, idempotencyKeyFrom } from "@/lib/server/campaigns/campaign-input";
import { createCampaign, listCampaigns } from "@/lib/server/campaigns/campaigns";

export const dynamic = "force-dynamic";

// GET /api/v1/campaigns?limit=&cursor= - campaigns, newest first, with progress
export const GET = apiRoute({ access: "master", query: campaignListQuery }, async ({ prisma, caller, query }) =>
  listCampaigns(prisma, caller.app.id, query),
);

// POST /api/v1/campaigns - schedule a one-off send to a segment (now, or at sendAt);
// with an Idempotency-Key header, sending the request again returns the same campaign
export const POST = apiRoute({ access: "master", body: campaignCreateSchema, status: 201 }, async ({ request, prisma, caller, body, now }) => {
  const { campaign, replayed } = await createCampaign(prisma, caller.app.id, body, now, idempotencyKeyFrom(request));
  return Response.json(campaign, { status: 201, headers: replayed ? { "Idempotent-Replayed": "true" } : {} });
});

