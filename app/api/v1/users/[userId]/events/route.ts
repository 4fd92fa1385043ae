import { z } from "zod";
import { apiRoute } from "@/lib/server/api/handler";
import { getUser, parseEventCursor, userEvents, userIdSchema } from "@/lib/server/users";

export const dynamic = "force-dynamic";

const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(100).optional(),
});

// GET /api/v1/users/{userId}/events?limit=&cursor= - the user's timeline, newest first
export const GET = apiRoute({ access: "master", query: pageQuery }, async ({ prisma, caller, params, query }) => {
  const userId = userIdSchema.parse(params.userId);
  await getUser(prisma, caller.app.id, userId);
  return userEvents(prisma, caller.app.id, userId, { limit: query.limit, before: parseEventCursor(query.cursor) });
});
