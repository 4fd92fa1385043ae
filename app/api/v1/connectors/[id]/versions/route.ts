import { apiRoute } from "@/lib/server/api/handler";
import { connectorIdSchema } from "@/lib/server/engine/connector-input";
import { listVersions } from "@/lib/server/engine/connectors";

export const dynamic = "force-dynamic";

// GET /api/v1/connectors/{id}/versions - published versions, newest first
export const GET = apiRoute({ access: "master" }, async ({ prisma, caller, params }) => ({
  versions: await listVersions(prisma, caller.app.id, connectorIdSchema.parse(params.id)),
}));
