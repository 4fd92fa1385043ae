import { z } from "zod";
import { apiRoute } from "@/lib/server/api/handler";
import { addMembers, listMembers, memberIdsSchema, removeMembers } from "@/lib/server/segments";

export const dynamic = "force-dynamic";

const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
  q: z.string().max(200).optional(),
});

// GET /api/v1/segments/{id}/members?limit=&offset=&q= - members, by user id
export const GET = apiRoute({ access: "master", query: pageQuery }, async ({ prisma, caller, params, query }) =>
  listMembers(prisma, caller.app.id, params.id!, query),
);

// POST /api/v1/segments/{id}/members - add users { userIds }
export const POST = apiRoute({ access: "master", body: memberIdsSchema }, async ({ prisma, caller, params, body }) =>
  addMembers(prisma, caller.app.id, params.id!, body.userIds),
);

// DELETE /api/v1/segments/{id}/members - remove users { userIds }
export const DELETE = apiRoute({ access: "master", body: memberIdsSchema }, async ({ prisma, caller, params, body }) =>
  removeMembers(prisma, caller.app.id, params.id!, body.userIds),
);
