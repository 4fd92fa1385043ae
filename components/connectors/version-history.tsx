"use client";

// Published versions, newest first: who published when; any of them opens read-only.
import { useQuery } from "@tanstack/react-query";
import { connectorsApi, type ConnectorVersion } from "@/lib/client/connectors";
import { connectorKeys } from "@/lib/client/query-keys";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { cx } from "../ui/cx";
import { CloseIcon } from "../ui/icons";
import { Spinner } from "../ui/spinner";
import { DateTime, RelativeTime } from "../ui/time";
import { HistoryIcon } from "./node-icons";

type Props = {
  connectorId: string;
  liveVersion: number | null;
  viewing: number | null;
  onOpen: (version: ConnectorVersion) => void;
  onClose: () => void;
};

// A version whose stored graph cannot be read is listed, never opened or restored.
const unreadable = (version: ConnectorVersion): string | null => version.graphError;

export function VersionHistory({ connectorId, liveVersion, viewing, onOpen, onClose }: Props) {
  const { data, error, isPending } = useQuery({
    queryKey: connectorKeys.versions(connectorId),
    queryFn: ({ signal }) => connectorsApi.versions(connectorId, signal),
  });

  return (
    <aside className="flex w-[380px] shrink-0 flex-col border-l border-slate-200 bg-white" aria-label="Version history" data-testid="version-history">
      <header className="flex items-center gap-3 border-b border-slate-200 px-5 py-4">
        <span className="flex size-9 items-center justify-center rounded-lg bg-slate-100 text-slate-600 ring-1 ring-slate-200 ring-inset">
          <HistoryIcon className="size-5" />
        </span>
        <div className="flex-1">
          <h2 className="text-sm font-semibold text-slate-900">Version history</h2>
          <p className="text-xs text-slate-500">Every publish keeps the graph it ran.</p>
        </div>
        <button type="button" onClick={onClose} className="rounded-md p-1.5 text-slate-400 hover:bg-slate-100 hover:text-slate-600" aria-label="Close version history">
          <CloseIcon className="size-4.5" />
        </button>
      </header>
      <div className="flex-1 overflow-y-auto">
        {isPending ? (
          <div className="flex justify-center py-10 text-slate-400">
            <Spinner label="Loading versions" />
          </div>
        ) : error ? (
          <div className="p-5">
            <Alert>{error.message}</Alert>
          </div>
        ) : data.versions.length === 0 ? (
          <p className="px-5 py-10 text-center text-sm leading-6 text-slate-500">Nothing published yet. Each publish adds a version here, with who published it and when.</p>
        ) : (
          <ol className="relative px-5 py-4">
            {data.versions.map((version, index) => (
              <li key={version.version} className="relative flex gap-3 pb-5 last:pb-0" data-testid="version-item">
                <div className="relative flex w-3 shrink-0 justify-center pt-1.5" aria-hidden="true">
                  {index < data.versions.length - 1 ? <span className="absolute top-4 -bottom-1.5 w-px bg-slate-200" /> : null}
                  <span className={cx("relative size-2.5 rounded-full ring-4 ring-white", version.version === liveVersion ? "bg-emerald-500" : "bg-slate-300")} />
                </div>
                <div
                  className={cx(
                    "min-w-0 flex-1 rounded-lg px-3 py-2.5 ring-1",
                    viewing === version.version ? "bg-brand-50/60 ring-brand-200" : "ring-slate-200",
                  )}
                >
                  <div className="flex items-center gap-2">
                    <span className="text-sm font-semibold text-slate-900">Version {version.version}</span>
                    {version.version === liveVersion ? <Badge tone="success">Current</Badge> : null}
                    <Button
                      size="sm"
                      variant={viewing === version.version ? "primary" : "secondary"}
                      className="ml-auto h-7 px-2.5"
                      disabled={unreadable(version) !== null}
                      onClick={() => onOpen(version)}
                    >
                      {viewing === version.version ? "Viewing" : "View"}
                    </Button>
                  </div>
                  <p className="mt-1 text-xs text-slate-500">
                    <RelativeTime value={version.publishedAt} /> · <DateTime value={version.publishedAt} />
                  </p>
                  <p className="mt-0.5 truncate text-xs text-slate-500">by {version.publishedBy ?? "the API (master key)"}</p>
                  <p className={cx("mt-1 text-xs", unreadable(version) ? "text-red-700" : "text-slate-400")}>
                    {unreadable(version) ?? `${version.graph.nodes.length} steps`}
                  </p>
                </div>
              </li>
            ))}
          </ol>
        )}
      </div>
    </aside>
  );
}
