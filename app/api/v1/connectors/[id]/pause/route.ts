import { apiRoute } from "@/lib/server/api/handler";
import { connectorIdSchema } from "@/lib/server/engine/connector-input";
import { setPaused } from "@/lib/server/engine/connectors";

export const dynamic = "force-dynamic";

// POST /api/v1/connectors/{id}/pause - stop new entries and sends; waiting users stay
export const POST = apiRoute({ access: "master" }, async ({ prisma, caller, params, now }) =>
  setPaused(prisma, caller.app.id, connectorIdSchema.parse(params.id), true, now),
);
