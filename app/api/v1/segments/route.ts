import { apiRoute } from "@/lib/server/api/handler";
import { createSegment, listSegments, segmentCreateSchema } from "@/lib/server/segments/segments";

export const dynamic = "force-dynamic";

// GET /api/v1/segments - segments with member counts
export const GET = apiRoute({ access: "master" }, async ({ prisma, caller }) => ({ segments: await listSegments(prisma, caller.app.id) }));

// POST /api/v1/segments - create a manual segment, or a dynamic one with its members computed
export const POST = apiRoute({ access: "master", body: segmentCreateSchema, status: 201 }, async ({ prisma, caller, body, now }) =>
  createSegment(prisma, caller.app.id, body, now),
);
