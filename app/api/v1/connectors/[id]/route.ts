import { apiRoute } from "@/lib/server/api/handler";
import { nodeStats } from "@/lib/server/engine/connector-stats";
import { connectorIdSchema, connectorUpdateSchema } from "@/lib/server/engine/connector-input";
import { deleteConnector, getConnector, updateConnector } from "@/lib/server/engine/connectors";

export const dynamic = "force-dynamic";

// GET /api/v1/connectors/{id} - the connector, its draft graph and per-node counts
export const GET = apiRoute({ access: "master" }, async ({ prisma, caller, params }) => {
  const connector = await getConnector(prisma, caller.app.id, connectorIdSchema.parse(params.id));
  return { ...connector, stats: await nodeStats(prisma, connector.id) };
});

// PUT /api/v1/connectors/{id} - rename and/or replace the draft graph
export const PUT = apiRoute({ access: "master", body: connectorUpdateSchema }, async ({ prisma, caller, params, body, now }) =>
  updateConnector(prisma, caller.app.id, connectorIdSchema.parse(params.id), body, now),
);

// DELETE /api/v1/connectors/{id} - delete; waiting users leave, nothing more is sent
export const DELETE = apiRoute({ access: "master" }, async ({ prisma, caller, params, now }) => {
  await deleteConnector(prisma, caller.app.id, connectorIdSchema.parse(params.id), now);
  return { deleted: true };
});
