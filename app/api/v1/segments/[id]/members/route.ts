import { apiRoute } from "@/lib/server/api/handler";
import { addMembers, listMembers, memberIdsSchema, memberPageQuery, removeMembers } from "@/lib/server/segments/segments";

export const dynamic = "force-dynamic";

// GET /api/v1/segments/{id}/members?limit=&offset=&q= - members by user id, with name and email
export const GET = apiRoute({ access: "master", query: memberPageQuery }, async ({ prisma, caller, params, query }) =>
  listMembers(prisma, caller.app.id, params.id!, query),
);

// POST /api/v1/segments/{id}/members - add users { userIds } (manual segments only)
export const POST = apiRoute({ access: "master", body: memberIdsSchema }, async ({ prisma, caller, params, body }) =>
  addMembers(prisma, caller.app.id, params.id!, body.userIds),
);

// DELETE /api/v1/segments/{id}/members - remove users { userIds } (manual segments only)
export const DELETE = apiRoute({ access: "master", body: memberIdsSchema }, async ({ prisma, caller, params, body }) =>
  removeMembers(prisma, caller.app.id, params.id!, body.userIds),
);
