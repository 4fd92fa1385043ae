import { apiRoute } from "@/lib/server/api/handler";
import { createSegment, listSegments, segmentCreateSchema } from "@/lib/server/segments";

export const dynamic = "force-dynamic";

// GET /api/v1/segments - segments with member counts
export const GET = apiRoute({ access: "master" }, async ({ prisma, caller }) => ({ segments: await listSegments(prisma, caller.app.id) }));

// POST /api/v1/segments - create a segment
export const POST = apiRoute({ access: "master", body: segmentCreateSchema, status: 201 }, async ({ prisma, caller, body }) =>
  createSegment(prisma, caller.app.id, body),
);
