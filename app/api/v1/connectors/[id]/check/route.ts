import { apiRoute } from "@/lib/server/api/handler";
import { connectorCheckSchema, connectorIdSchema } from "@/lib/server/engine/connector-input";
import { checkConnector } from "@/lib/server/engine/connectors";

export const dynamic = "force-dynamic";

// POST /api/v1/connectors/{id}/check - problems, warnings and a messages-a-day forecast for the draft (or an unsaved graph); writes nothing
export const POST = apiRoute({ access: "master", body: connectorCheckSchema }, async ({ prisma, caller, params, body, now }) =>
  checkConnector(prisma, caller.app.id, connectorIdSchema.parse(params.id), body?.graph, now),
);
