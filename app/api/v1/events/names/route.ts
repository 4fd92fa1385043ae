import { apiRoute } from "@/lib/server/api/handler";
import { eventNames } from "@/lib/server/events";

export const dynamic = "force-dynamic";

// GET /api/v1/events/names - event names seen in the last 30 days, most frequent first
export const GET = apiRoute({ access: "master" }, async ({ prisma, caller, now }) => eventNames(prisma, caller.app.id, now));
