import { apiRoute } from "@/lib/server/api/handler";
import { connectorIdSchema } from "@/lib/server/engine/connector-input";
import { publishConnector } from "@/lib/server/engine/connectors";

export const dynamic = "force-dynamic";

// POST /api/v1/connectors/{id}/publish - compile the draft and make it live (422 with node-keyed problems)
export const POST = apiRoute({ access: "master" }, async ({ prisma, caller, params, now }) =>
  publishConnector(prisma, caller.app.id, connectorIdSchema.parse(params.id), caller.session?.email ?? null, now),
);
