import { apiRoute } from "@/lib/server/api/handler";
import { listMessages, messageQuerySchema } from "@/lib/server/messages";

export const dynamic = "force-dynamic";

// GET /api/v1/messages?userId=&connectorId=&campaignId=&channel=&status=&limit=&cursor= - the message log, newest first
export const GET = apiRoute({ access: "master", query: messageQuerySchema }, async ({ prisma, caller, query }) =>
  listMessages(prisma, caller.app.id, query),
);
