import { ApiError, errorResponse } from "@/lib/server/api/errors";
import { recordEngagement } from "@/lib/server/channels/engagement";
import { readTrackingToken } from "@/lib/server/channels/tracking";
import { db } from "@/lib/server/db";

export const dynamic = "force-dynamic";

// GET /api/t/c/{token} - a tracked email link: records message.clicked, then redirects
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  const claim = readTrackingToken((await params).token);
  // Only signed links redirect, so this is never an open redirect.
  if (!claim?.u) return errorResponse(new ApiError("not_found", "Unknown link"));
  await recordEngagement(await db(), claim.m, "clicked", new Date(), claim.u).catch((error) => console.error("[cue] click not recorded", error));
  return new Response(null, { status: 302, headers: { location: claim.u, "cache-control": "no-store" } });
}
