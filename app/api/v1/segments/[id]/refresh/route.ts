import { apiRoute } from "@/lib/server/api/handler";
import { refreshSegment } from "@/lib/server/segments/segments";

export const dynamic = "force-dynamic";

// POST /api/v1/segments/{id}/refresh - recompute a dynamic segment's members now
export const POST = apiRoute({ access: "master" }, async ({ prisma, caller, params, now }) => refreshSegment(prisma, caller.app.id, params.id!, now));
