import { z } from "zod";
import { corsPreflight } from "@/lib/server/api/cors";
import { apiRoute } from "@/lib/server/api/handler";
import { recentEvents, recentEventsQuery } from "@/lib/server/events";
import { MAX_BODY_BYTES, parseEventsBody } from "@/lib/server/ingest/event-input";
import { sqlDb } from "@/lib/server/db";
import { kickMatching } from "@/lib/server/engine/background";
import { ingestEvents } from "@/lib/server/ingest/ingest";

export const dynamic = "force-dynamic";

// POST /api/v1/events - log one event or a batch of up to 500 (all or nothing)
export const POST = apiRoute(
  { access: "app", body: z.unknown(), maxBodyBytes: MAX_BODY_BYTES, status: 202 },
  async ({ caller, body, now }) => {
    const events = parseEventsBody(body, now);
    const { accepted, duplicates, matched } = await ingestEvents(await sqlDb(), caller.app.id, events);
    // Stored and matched in one transaction; what that queued is delivered in the background.
    if (matched.queued > 0 || matched.fanOuts > 0 || matched.woken > 0) kickMatching({ walks: matched.woken > 0 });
    return { accepted, duplicates };
  },
);

// GET /api/v1/events?event=&userId=&limit= - recent events, newest first
export const GET = apiRoute({ access: "master", query: recentEventsQuery }, async ({ prisma, caller, query }) =>
  recentEvents(prisma, caller.app.id, query),
);

// OPTIONS - CORS preflight for the browser SDK on other origins
export const OPTIONS = corsPreflight;
