import { apiRoute } from "@/lib/server/api/handler";
import { connectorCreateSchema } from "@/lib/server/engine/connector-input";
import { createConnector, listConnectors } from "@/lib/server/engine/connectors";

export const dynamic = "force-dynamic";

// GET /api/v1/connectors - every connector with entered and sent counts
export const GET = apiRoute({ access: "master" }, async ({ prisma, caller }) => ({
  connectors: await listConnectors(prisma, caller.app.id),
}));

// POST /api/v1/connectors - create a draft connector from a graph
export const POST = apiRoute({ access: "master", body: connectorCreateSchema, status: 201 }, async ({ prisma, caller, body, now }) =>
  createConnector(prisma, caller.app.id, body, now),
);
