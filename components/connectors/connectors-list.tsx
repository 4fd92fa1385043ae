"use client";

// The connectors list: status, version and counts per connector; create blank or from
// a template, rename, duplicate and delete.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { connectorsApi, type ConnectorSummary } from "@/lib/client/connectors";
import { formatNumber } from "@/lib/client/format";
import { connectorKeys } from "@/lib/client/query-keys";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { EmptyState } from "../ui/empty-state";
import { ConnectorsIcon, PlusIcon } from "../ui/icons";
import { PageHeader } from "../ui/page-header";
import { Spinner } from "../ui/spinner";
import { TBody, THead, Table, Td, Th } from "../ui/table";
import { RelativeTime } from "../ui/time";
import { DeleteDialog, NameDialog } from "./connector-dialogs";
import { DuplicateIcon, PencilIcon, TrashIcon } from "./node-icons";
import { StatusBadge } from "./status-badge";
import { TemplateGallery, type Template } from "./template-gallery";

const iconButton = "rounded-md p-1.5 text-slate-400 hover:bg-slate-100 hover:text-slate-700 focus-visible:outline-2 focus-visible:outline-brand-500";

function Row({ connector, onRename, onDuplicate, onDelete, duplicating }: {
  connector: ConnectorSummary; onRename: () => void; onDuplicate: () => void; onDelete: () => void; duplicating: boolean;
}) {
  return (
    <tr className="group hover:bg-slate-50/70" data-testid="connector-row">
      <Td>
        <Link href={`/connectors/${connector.id}`} className="font-medium text-slate-900 hover:text-brand-700">
          {connector.name}
        </Link>
        {connector.status !== "draft" && connector.hasUnpublishedChanges ? (
          <span className="mt-0.5 block text-xs text-amber-700">Unpublished changes</span>
        ) : null}
      </Td>
      <Td>
        <StatusBadge status={connector.status} />
      </Td>
      <Td align="right" className="text-slate-500">{connector.version ? `v${connector.version}` : "—"}</Td>
      <Td align="right">{formatNumber(connector.entered)}</Td>
      <Td align="right">{formatNumber(connector.sent)}</Td>
      <Td align="right" className="whitespace-nowrap text-slate-500">
        <RelativeTime value={connector.updatedAt} />
      </Td>
      <Td align="right" className="w-32">
        <span className="inline-flex items-center gap-0.5">
          <button type="button" className={iconButton} onClick={onRename} aria-label={`Rename ${connector.name}`} title="Rename">
            <PencilIcon className="size-4" />
          </button>
          <button type="button" className={iconButton} onClick={onDuplicate} disabled={duplicating} aria-label={`Duplicate ${connector.name}`} title="Duplicate">
            {duplicating ? <Spinner /> : <DuplicateIcon className="size-4" />}
          </button>
          <button type="button" className={`${iconButton} hover:bg-red-50 hover:text-red-600`} onClick={onDelete} aria-label={`Delete ${connector.name}`} title="Delete">
            <TrashIcon className="size-4" />
          </button>
        </span>
      </Td>
    </tr>
  );
}

export function ConnectorsList() {
  const router = useRouter();
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: connectorKeys.list, queryFn: ({ signal }) => connectorsApi.list(signal) });
  const [creating, setCreating] = useState(false);
  const [renaming, setRenaming] = useState<ConnectorSummary | null>(null);
  const [deleting, setDeleting] = useState<ConnectorSummary | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: connectorKeys.all });

  const create = useMutation({
    mutationFn: (input: { name: string; template?: Template }) => connectorsApi.create({ name: input.name, graph: input.template?.graph }),
    onSuccess: (connector) => {
      void refresh();
      router.push(`/connectors/${connector.id}`);
    },
  });
  const rename = useMutation({
    mutationFn: (input: { id: string; name: string }) => connectorsApi.update(input.id, { name: input.name }),
    onSuccess: () => (setRenaming(null), void refresh()),
  });
  const duplicate = useMutation({ mutationFn: (id: string) => connectorsApi.duplicate(id), onSuccess: () => void refresh() });
  const remove = useMutation({
    mutationFn: (id: string) => connectorsApi.remove(id),
    onSuccess: () => (setDeleting(null), void refresh()),
  });

  const connectors = list.data?.connectors ?? [];
  const pendingTemplate = create.isPending ? create.variables.template?.key ?? "blank" : null;

  return (
    <>
      <PageHeader
        title="Connectors"
        description="Each connector turns an event into the right message at the right time: a trigger, then delays, cancellations, conditions and actions."
        actions={
          <Button onClick={() => (create.reset(), setCreating(true))}>
            <PlusIcon />
            New connector
          </Button>
        }
      />
      {create.error && !creating ? <Alert className="mb-4">{create.error.message}</Alert> : null}
      {duplicate.error ? <Alert className="mb-4">{duplicate.error.message}</Alert> : null}

      {list.isPending ? (
        <Card className="flex justify-center py-14 text-slate-400">
          <Spinner label="Loading connectors" className="size-5" />
        </Card>
      ) : list.error ? (
        <Alert title="Connectors could not be loaded">{list.error.message}</Alert>
      ) : connectors.length === 0 ? (
        <Card>
          <EmptyState icon={ConnectorsIcon} title="No connectors yet" actions={<Button onClick={() => setCreating(true)}>Start from a blank canvas</Button>}>
            Pick one of the templates below for a ready graph you can publish as is, or draw your own from an event your app already sends.
          </EmptyState>
        </Card>
      ) : (
        <Card className="overflow-hidden">
          <Table>
            <THead>
              <tr>
                <Th>Name</Th>
                <Th>Status</Th>
                <Th align="right">Version</Th>
                <Th align="right">Entered</Th>
                <Th align="right">Sent</Th>
                <Th align="right">Last edited</Th>
                <Th align="right">
                  <span className="sr-only">Actions</span>
                </Th>
              </tr>
            </THead>
            <TBody>
              {connectors.map((connector) => (
                <Row
                  key={connector.id}
                  connector={connector}
                  duplicating={duplicate.isPending && duplicate.variables === connector.id}
                  onRename={() => (rename.reset(), setRenaming(connector))}
                  onDuplicate={() => duplicate.mutate(connector.id)}
                  onDelete={() => (remove.reset(), setDeleting(connector))}
                />
              ))}
            </TBody>
          </Table>
        </Card>
      )}

      <section className="mt-10" aria-labelledby="templates-heading">
        <h2 id="templates-heading" className="text-base font-semibold text-slate-900">
          Start from a template
        </h2>
        <p className="mt-1 mb-4 text-sm text-slate-500">Ready graphs for common journeys. One click creates the connector and opens it on the canvas.</p>
        <TemplateGallery pending={pendingTemplate} onPick={(template) => create.mutate({ name: template.name, template })} />
      </section>

      <NameDialog
        open={creating}
        title="New connector"
        description="Start from a blank canvas. You can rename it any time."
        initialName="Untitled connector"
        submitLabel="Create and open"
        pending={create.isPending}
        error={create.error?.message ?? null}
        onSubmit={(name) => create.mutate({ name })}
        onClose={() => setCreating(false)}
      />
      <NameDialog
        open={renaming !== null}
        title="Rename connector"
        initialName={renaming?.name ?? ""}
        submitLabel="Rename"
        pending={rename.isPending}
        error={rename.error?.message ?? null}
        onSubmit={(name) => renaming && rename.mutate({ id: renaming.id, name })}
        onClose={() => setRenaming(null)}
      />
      <DeleteDialog
        name={deleting?.name ?? null}
        live={deleting?.status === "active"}
        pending={remove.isPending}
        error={remove.error?.message ?? null}
        onConfirm={() => deleting && remove.mutate(deleting.id)}
        onClose={() => setDeleting(null)}
      />
    </>
  );
}
