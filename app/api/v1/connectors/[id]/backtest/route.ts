import { apiRoute } from "@/lib/server/api/handler";
import { sqlDb } from "@/lib/server/db";
import { backtestConnector, connectorBacktestSchema } from "@/lib/server/engine/connector-backtest";
import { connectorIdSchema } from "@/lib/server/engine/connector-input";

export const dynamic = "force-dynamic";

// POST /api/v1/connectors/{id}/backtest - the draft over stored events on a virtual clock: per-node counts, messages, overlaps; writes nothing
export const POST = apiRoute({ access: "master", body: connectorBacktestSchema }, async ({ prisma, caller, params, body, now }) =>
  backtestConnector(prisma, await sqlDb(), caller.app.id, connectorIdSchema.parse(params.id), body, now),
);
