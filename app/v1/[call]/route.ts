import { kickMatching } from "@/lib/server/engine/background";
import { bodyLimit, segmentCall } from "@/lib/server/segment/calls";
import { readAuthenticated, segmentPreflight, segmentRoute } from "@/lib/server/segment/http";
import { ingestSegmentMessages } from "@/lib/server/segment/ingest";
import { parseSegmentBody } from "@/lib/server/segment/messages";

export const dynamic = "force-dynamic";

// POST /v1/{track|identify|page|screen|group|alias|batch|import} (and analytics.js's
// /v1/t, /v1/i, …, /v1/b) - Segment's Tracking API, authenticated by the write key
export const POST = segmentRoute(async ({ request, prisma, params, now }) => {
  const call = segmentCall(params.call);
  const { app, body } = await readAuthenticated(prisma, request, bodyLimit(call));
  const messages = parseSegmentBody(call, body, now);
  const { accepted } = await ingestSegmentMessages(prisma, app.id, messages, now);
  // Committed: matching runs in the background, exactly as after POST /api/v1/events.
  if (accepted > 0) kickMatching();
  return { success: true };
});

// OPTIONS /v1/... - CORS preflight for analytics.js on other origins
export const OPTIONS = segmentPreflight;
