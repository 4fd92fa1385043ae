import { apiRoute } from "@/lib/server/api/handler";
import { deleteSegment, getSegment, segmentUpdateSchema, updateSegment } from "@/lib/server/segments/segments";

export const dynamic = "force-dynamic";

// GET /api/v1/segments/{id} - one segment with its member count
export const GET = apiRoute({ access: "master" }, async ({ prisma, caller, params }) => getSegment(prisma, caller.app.id, params.id!));

// PUT /api/v1/segments/{id} - rename; for a dynamic segment, replace the rule and recompute
export const PUT = apiRoute({ access: "master", body: segmentUpdateSchema }, async ({ prisma, caller, params, body, now }) =>
  updateSegment(prisma, caller.app.id, params.id!, body, now),
);

// DELETE /api/v1/segments/{id} - delete the segment and its memberships
export const DELETE = apiRoute({ access: "master" }, async ({ prisma, caller, params }) => deleteSegment(prisma, caller.app.id, params.id!));
