import { apiRoute } from "@/lib/server/api/handler";
import { createTopic, listTopics, topicCreateSchema } from "@/lib/server/delivery/topics";

export const dynamic = "force-dynamic";

// GET /api/v1/topics - the built-in topics and the application's own
export const GET = apiRoute({ access: "master" }, async ({ prisma, caller }) => listTopics(prisma, caller.app.id));

// POST /api/v1/topics - a topic people can subscribe to or leave
export const POST = apiRoute({ access: "master", body: topicCreateSchema, status: 201 }, async ({ prisma, caller, body }) =>
  createTopic(prisma, caller.app.id, body),
);
