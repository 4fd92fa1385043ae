import { apiRoute } from "@/lib/server/api/handler";
import { connectorIdSchema } from "@/lib/server/engine/connector-input";
import { setPaused } from "@/lib/server/engine/connectors";

export const dynamic = "force-dynamic";

// POST /api/v1/connectors/{id}/resume - start again; due steps catch up
export const POST = apiRoute({ access: "master" }, async ({ prisma, caller, params, now }) =>
  setPaused(prisma, caller.app.id, connectorIdSchema.parse(params.id), false, now),
);
