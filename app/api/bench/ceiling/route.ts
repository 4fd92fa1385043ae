// The framework's ceiling for the benchmarks (bench/ingest.ts): parses and validates an
// events body exactly as POST /api/v1/events does, then answers 202 without touching the
// database, so `ingest_single_rps / route_ceiling_rps` isolates what storing costs.
// Inert (404) unless the server was started with CUE_BENCH_ROUTES=1.
import { readJsonBody } from "@/lib/server/api/body";
import { ApiError, errorResponse } from "@/lib/server/api/errors";
import { MAX_BODY_BYTES, parseEventsBody } from "@/lib/server/ingest/event-input";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  try {
    if (process.env.CUE_BENCH_ROUTES !== "1") throw new ApiError("not_found", "Not found");
    const events = parseEventsBody(await readJsonBody(request, MAX_BODY_BYTES), new Date());
    return Response.json({ accepted: events.length, duplicates: 0 }, { status: 202 });
  } catch (error) {
    return errorResponse(error);
  }
}
