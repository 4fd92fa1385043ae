import { apiRoute } from "@/lib/server/api/handler";
import { connectorIdSchema } from "@/lib/server/engine/connector-input";
import { connectorSimulateSchema, simulateConnector } from "@/lib/server/engine/connector-simulate";

export const dynamic = "force-dynamic";

// POST /api/v1/connectors/{id}/simulate - one user's scripted events through the draft on a virtual clock, in words; writes nothing
export const POST = apiRoute({ access: "master", body: connectorSimulateSchema }, async ({ prisma, caller, params, body, now }) =>
  simulateConnector(prisma, caller.app.id, connectorIdSchema.parse(params.id), body, now),
);
