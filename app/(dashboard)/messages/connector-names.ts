// Connector names for the Messages screens. Deleted connectors are included: their
// messages stay in the log and should still say where they came from.
import type { ConnectorName } from "@/components/messages/connector-names";
import type { currentApp } from "../current-app";

type Prisma = Awaited<ReturnType<typeof currentApp>>["prisma"];

export async function loadConnectorNames(prisma: Prisma, appId: string, ids?: string[]): Promise<ConnectorName[]> {
  const rows = await prisma.connector.findMany({
    where: { appId, ...(ids ? { id: { in: ids } } : {}) },
    orderBy: { name: "asc" },
    select: { id: true, name: true, deletedAt: true },
  });
  // Live connectors first, deleted ones after, each group by name.
  return rows
    .map((row) => ({ id: row.id, name: row.name, deleted: row.deletedAt !== null }))
    .sort((a, b) => Number(a.deleted) - Number(b.deleted) || a.name.localeCompare(b.name));
}
