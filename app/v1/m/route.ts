import { segmentPreflight, segmentRoute } from "@/lib/server/segment/http";

export const dynamic = "force-dynamic";

// POST /v1/m - analytics.js's own telemetry (sent when the page supplies its own CDN
// settings); accepted and discarded so the library stays quiet.
export const POST = segmentRoute(async () => ({ success: true }));

export const OPTIONS = segmentPreflight;
