import { ApiError } from "@/lib/server/api/errors";
import { appForWriteKey } from "@/lib/server/apps";
import { segmentPreflight, segmentRoute, CORS_HEADERS } from "@/lib/server/segment/http";
import { publicOrigin } from "@/lib/server/public-url";
import { cdnSettings } from "@/lib/server/segment/settings";

export const dynamic = "force-dynamic";

// GET /v1/projects/{writeKey}/settings - what analytics.js loads from `cdnURL`, pointing it at this server
export const GET = segmentRoute(async ({ request, prisma, params }) => {
  const app = await appForWriteKey(prisma, params.writeKey ?? "");
  if (!app) throw new ApiError("not_found", "No application has this write key");
  const settings = cdnSettings(params.writeKey!, publicOrigin(request.headers, request.url));
  return Response.json(settings, { headers: { ...CORS_HEADERS, "Cache-Control": "public, max-age=60" } });
});

export const OPTIONS = segmentPreflight;
