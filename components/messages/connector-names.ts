// Messages name their connector by id; the page loads the names once (deleted ones
// included, since their messages stay in the log) and passes them down.
export type ConnectorName = { id: string; name: string; deleted: boolean };

export function connectorHref(id: string): string {
  return `/connectors/${encodeURIComponent(id)}`;
}

export function findConnector(connectors: ConnectorName[], id: string | null): ConnectorName | undefined {
  return id ? connectors.find((connector) => connector.id === id) : undefined;
}
