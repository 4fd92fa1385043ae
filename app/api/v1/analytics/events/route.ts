import { apiRoute } from "@/lib/server/api/handler";
import { eventsChartQuerySchema, repeatedEventNames, resolveRange } from "@/lib/server/analytics/chart-range";
import { eventSeries } from "@/lib/server/analytics/event-series";

export const dynamic = "force-dynamic";

// GET /api/v1/analytics/events?from=&to=&interval=hour|day&event= - event counts per bucket, zero-filled
export const GET = apiRoute({ access: "master", query: eventsChartQuerySchema }, async ({ prisma, caller, request, query, now }) =>
  eventSeries(prisma, caller.app.id, resolveRange(query, now), repeatedEventNames(new URL(request.url).searchParams)),
);
