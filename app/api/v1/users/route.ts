import { z } from "zod";
import { apiRoute } from "@/lib/server/api/handler";
import { searchUsers } from "@/lib/server/users";

export const dynamic = "force-dynamic";

const listQuery = z.object({
  q: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

// GET /api/v1/users?q=&limit=&offset= - search users by id, email or name, last seen first
export const GET = apiRoute({ access: "master", query: listQuery }, async ({ prisma, caller, query }) =>
  searchUsers(prisma, caller.app.id, query),
);
