import { apiRoute } from "@/lib/server/api/handler";
import { membersCsvResponse } from "@/lib/server/segments/members-csv";

export const dynamic = "force-dynamic";

// GET /api/v1/segments/{id}/members.csv - every member as CSV (userId,name,email,addedAt), streamed
export const GET = apiRoute({ access: "master" }, async ({ prisma, caller, params }) => membersCsvResponse(prisma, caller.app.id, params.id!));
