import { apiRoute } from "@/lib/server/api/handler";
import { connectorConversion } from "@/lib/server/analytics/connector-performance";
import { splitStats } from "@/lib/server/analytics/split-stats";
import { nodeStats } from "@/lib/server/engine/connector-stats";
import { connectorIdSchema } from "@/lib/server/engine/connector-input";
import { getConnector } from "@/lib/server/engine/connectors";

export const dynamic = "force-dynamic";

// GET /api/v1/connectors/{id}/stats - per node: entered, waiting, passed, cancelled, sent, skipped, failed; goal conversion; split branches
export const GET = apiRoute({ access: "master" }, async ({ prisma, caller, params }) => {
  const connector = await getConnector(prisma, caller.app.id, connectorIdSchema.parse(params.id));
  const [nodes, conversion, splits] = await Promise.all([
    nodeStats(prisma, connector.id),
    connectorConversion(prisma, caller.app.id, connector.id, connector.goal),
    splitStats(prisma, caller.app.id, connector),
  ]);
  return {
    connectorId: connector.id,
    nodes,
    goal: connector.goal,
    conversion: conversion && { entered: conversion.entered, converted: conversion.converted, rate: conversion.rate },
    splits,
  };
});
