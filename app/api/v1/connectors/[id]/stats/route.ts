import { apiRoute } from "@/lib/server/api/handler";
import { nodeStats } from "@/lib/server/engine/connector-stats";
import { connectorIdSchema } from "@/lib/server/engine/connector-input";
import { getConnector } from "@/lib/server/engine/connectors";

export const dynamic = "force-dynamic";

// GET /api/v1/connectors/{id}/stats - per node: entered, waiting, passed, cancelled, sent, skipped, failed
export const GET = apiRoute({ access: "master" }, async ({ prisma, caller, params }) => {
  const connector = await getConnector(prisma, caller.app.id, connectorIdSchema.parse(params.id));
  return { connectorId: connector.id, nodes: await nodeStats(prisma, connector.id) };
});
