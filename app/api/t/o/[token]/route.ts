import { recordEngagement } from "@/lib/server/channels/engagement";
import { readTrackingToken } from "@/lib/server/channels/tracking";
import { db } from "@/lib/server/db";

export const dynamic = "force-dynamic";

const PIXEL = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");

// GET /api/t/o/{token} - the email open pixel; records message.opened
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  const claim = readTrackingToken((await params).token);
  // The pixel is served whatever happens: a broken image in an inbox helps nobody.
  if (claim) await recordEngagement(await db(), claim.m, "opened", new Date()).catch((error) => console.error("[cue] open not recorded", error));
  return new Response(PIXEL, { headers: { "content-type": "image/gif", "cache-control": "no-store, private" } });
}
