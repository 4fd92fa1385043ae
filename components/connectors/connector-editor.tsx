"use client";

// Loads the connector, then hands its draft to the editor once; later refetches only
// refresh the name, status and version shown around the canvas.
import { ReactFlowProvider } from "@xyflow/react";
import { useQuery } from "@tanstack/react-query";
import { ApiRequestError } from "@/lib/client/api";
import { connectorsApi } from "@/lib/client/connectors";
import { connectorKeys } from "@/lib/client/query-keys";
import { Alert } from "../ui/alert";
import { ButtonLink } from "../ui/button";
import { Card } from "../ui/card";
import { EmptyState } from "../ui/empty-state";
import { ConnectorsIcon } from "../ui/icons";
import { Spinner } from "../ui/spinner";
import { EditorWorkspace } from "./editor-workspace";

export function ConnectorEditor({ connectorId }: { connectorId: string }) {
  const query = useQuery({
    queryKey: connectorKeys.detail(connectorId),
    queryFn: ({ signal }) => connectorsApi.get(connectorId, signal),
    refetchOnWindowFocus: false,
  });

  if (query.isPending) {
    return (
      <div className="flex min-h-[60vh] items-center justify-center text-slate-400">
        <Spinner label="Loading connector" className="size-6" />
      </div>
    );
  }
  if (query.error) {
    const missing = query.error instanceof ApiRequestError && query.error.status === 404;
    return (
      <Card>
        {missing ? (
          <EmptyState icon={ConnectorsIcon} title="Connector not found" actions={<ButtonLink href="/connectors">Back to connectors</ButtonLink>}>
            It may have been deleted, or it belongs to another application.
          </EmptyState>
        ) : (
          <div className="p-5">
            <Alert title="The connector could not be loaded">{query.error.message}</Alert>
          </div>
        )}
      </Card>
    );
  }
  // A stored draft the server cannot read opens no canvas: an empty one would be saved over it.
  const { graphError } = query.data;
  if (graphError) {
    return (
      <Card>
        <div className="space-y-4 p-5">
          <Alert title={`“${query.data.name}” cannot be opened`}>
            {graphError}. Nothing was changed: the draft is kept as stored, and the live version (if any) keeps running. Replace the
            draft through the API (PUT /api/v1/connectors/{query.data.id}) or delete the connector.
          </Alert>
          <ButtonLink href="/connectors">Back to connectors</ButtonLink>
        </div>
      </Card>
    );
  }
  return (
    <ReactFlowProvider>
      <EditorWorkspace connector={query.data} initialStats={query.data.stats ?? {}} />
    </ReactFlowProvider>
  );
}
