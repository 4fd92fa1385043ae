"use client";

// The connector editor: toolbar, palette, canvas and inspector (or version history).
// validateGraph — the same executable schema publish uses — runs on every change.
import { useEdgesState, useNodesState, useReactFlow } from "@xyflow/react";
import { useQuery } from "@tanstack/react-query";
import { useDeferredValue, useEffect, useEffectEvent, useMemo, useState } from "react";
import { apiFetch } from "@/lib/client/api";
import { connectorsApi, eventsApi, type ConnectorDetail, type ConnectorVersion, type NodeStatsMap } from "@/lib/client/connectors";
import { connectorKeys, eventKeys, queryKeys } from "@/lib/client/query-keys";
import type { AppsResponse } from "@/lib/client/types";
import { validateGraph, type Graph, type Problem } from "@/lib/engine/graph";
import { Alert } from "../ui/alert";
import { CanvasContext } from "./canvas-context";
import { EditorToolbar } from "./editor-toolbar";
import { FlowCanvas } from "./flow-canvas";
import { graphKey, graphToFlow, sameGraph, type CanvasEdge, type CanvasNode } from "./graph-convert";
import { Inspector } from "./inspector/inspector";
import { LeaveDialog } from "./leave-dialog";
import { Palette } from "./palette";
import { ProblemPanel } from "./problem-panel";
import { PublishDialog } from "./publish-dialog";
import { groupByNode } from "./problems";
import { useConnectorActions } from "./use-connector-actions";
import { useEditorGraph } from "./use-editor-graph";
import { useLeaveGuard } from "./use-leave-guard";
import { VersionBanner } from "./version-banner";
import { VersionHistory } from "./version-history";

const STATS_REFRESH_MS = 5000;
const NO_PROBLEMS: Problem[] = [];

export function EditorWorkspace({ connector, initialStats }: { connector: ConnectorDetail; initialStats: NodeStatsMap }) {
  const draft = useEditorGraph(connector.graph);
  const [saved, setSaved] = useState<Graph>(connector.graph);
  const actions = useConnectorActions(connector.id, setSaved);
  const dirty = !sameGraph(draft.graph, saved);
  const leave = useLeaveGuard(dirty);
  const { fitView } = useReactFlow();

  // Validation trails typing by a frame at most; it never blocks an input.
  const checked = useDeferredValue(draft.graph);
  const validation = useMemo(() => validateGraph(checked), [checked]);
  // The server's 422 shows the same way, for as long as the graph is the one it refused.
  const problems = useMemo(
    () => (!validation.ok ? validation.problems : actions.rejected && actions.rejected.key === graphKey(checked) ? actions.rejected.problems : NO_PROBLEMS),
    [validation, checked, actions.rejected],
  );
  const problemsByNode = useMemo(() => groupByNode(problems), [problems]);

  const [historyOpen, setHistoryOpen] = useState(false);
  const [viewing, setViewing] = useState<ConnectorVersion | null>(null);
  const [viewNodes, setViewNodes, onViewNodesChange] = useNodesState<CanvasNode>([]);
  const [viewEdges, setViewEdges, onViewEdgesChange] = useEdgesState<CanvasEdge>([]);

  const published = connector.version !== null;
  const stats = useQuery({
    queryKey: connectorKeys.stats(connector.id),
    queryFn: ({ signal }) => connectorsApi.stats(connector.id, signal).then(({ nodes, splits }) => ({ nodes, splits })),
    initialData: { nodes: initialStats, splits: {} },
    enabled: published,
    refetchInterval: published ? STATS_REFRESH_MS : false,
  });
  const names = useQuery({ queryKey: eventKeys.names, queryFn: ({ signal }) => eventsApi.names(signal), staleTime: 60_000 });
  const apps = useQuery({ queryKey: queryKeys.apps, queryFn: () => apiFetch<AppsResponse>("/api/dashboard/apps"), staleTime: 60_000 });
  const appName = apps.data?.apps.find((app) => app.id === apps.data.currentAppId)?.name ?? "Your app";

  const save = () => void actions.save(draft.graph);
  // Ctrl/Cmd+S saves, with whatever the draft is at the moment of the key press.
  const onSaveKey = useEffectEvent((event: KeyboardEvent) => {
    if (!(event.metaKey || event.ctrlKey) || event.key.toLowerCase() !== "s") return;
    event.preventDefault();
    if (dirty && !viewing && actions.busy === null) save();
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onSaveKey(event);
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, []);

  function openVersion(version: ConnectorVersion) {
    const flow = graphToFlow(version.graph);
    setViewNodes(flow.nodes);
    setViewEdges(flow.edges);
    setViewing(version);
    requestAnimationFrame(() => void fitView({ padding: 0.25, maxZoom: 1, duration: 250 }));
  }

  function closeVersion(restore: boolean) {
    if (restore && viewing) draft.replace(viewing.graph);
    setViewing(null);
    requestAnimationFrame(() => void fitView({ padding: 0.25, maxZoom: 1, duration: 250 }));
  }

  const nodes = viewing ? viewNodes : draft.nodes;
  const clearSelection = () => (viewing ? setViewNodes((all) => all.map((node) => (node.selected ? { ...node, selected: false } : node))) : draft.select(null));
  const selected = nodes.filter((node) => node.selected);
  const selectedNode = selected.length === 1 ? selected[0] : undefined;
  const trigger = draft.nodes.find((node) => node.type === "trigger")?.data;
  const context = useMemo(
    () => ({
      problemsByNode: viewing ? new Map() : problemsByNode,
      stats: published ? stats.data?.nodes ?? null : null,
      splits: published ? stats.data?.splits ?? null : null,
      readOnly: viewing !== null,
    }),
    [viewing, problemsByNode, published, stats.data],
  );

  return (
    <div className="fixed inset-x-0 top-[6.5rem] bottom-0 z-20 flex flex-col bg-slate-50 md:top-0 md:left-64">
      <EditorToolbar
        connector={connector}
        dirty={dirty}
        problemCount={problems.length}
        viewing={viewing !== null}
        historyOpen={historyOpen}
        busy={actions.busy}
        flash={actions.flash}
        onRename={(name) => void actions.rename(name)}
        onSave={save}
        onPublish={() => void actions.reviewPublish(draft.graph, dirty)}
        onPause={() => void actions.setPaused(true)}
        onResume={() => void actions.setPaused(false)}
        onToggleHistory={() => {
          // The panel shows the inspector while a step is selected, so opening history lets go of it.
          if (!historyOpen) clearSelection();
          setHistoryOpen(!historyOpen);
        }}
      />
      {actions.error ? (
        <div className="border-b border-red-100 bg-white px-4 py-2">
          <Alert className="py-2">
            <span className="flex items-center justify-between gap-4">
              {actions.error}
              <button type="button" onClick={actions.dismissError} className="text-xs font-medium text-red-700 underline">
                Dismiss
              </button>
            </span>
          </Alert>
        </div>
      ) : null}
      <div className="flex min-h-0 flex-1">
        <Palette onAdd={(type) => draft.addNode(type)} disabled={viewing !== null} />
        <div className="relative min-w-0 flex-1">
          <CanvasContext.Provider value={context}>
            <FlowCanvas
              nodes={nodes}
              edges={viewing ? viewEdges : draft.edges}
              onNodesChange={viewing ? onViewNodesChange : draft.onNodesChange}
              onEdgesChange={viewing ? onViewEdgesChange : draft.onEdgesChange}
              onConnect={draft.connect}
              onDropNode={(type, position) => draft.addNode(type, position)}
              readOnly={viewing !== null}
              overlay={
                draft.nodes.length === 0 && !viewing ? null : viewing ? (
                  <VersionBanner version={viewing} onBack={() => closeVersion(false)} onRestore={() => closeVersion(true)} />
                ) : (
                  <ProblemPanel
                    problems={problems}
                    nodes={draft.nodes}
                    onFocus={draft.focus}
                    fromServer={validation.ok && problems.length > 0}
                    okLabel={published && !dirty && !connector.hasUnpublishedChanges ? "No problems · live version is up to date" : "No problems · ready to publish"}
                  />
                )
              }
            />
          </CanvasContext.Provider>
        </div>
        {selectedNode ? (
          <Inspector
            key={`${viewing?.version ?? "draft"}-${selectedNode.id}`}
            node={selectedNode}
            problems={viewing ? [] : problems}
            onChange={(data) => draft.updateData(selectedNode.id, data)}
            onDelete={() => draft.removeNode(selectedNode.id)}
            onClose={clearSelection}
            readOnly={viewing !== null}
            trigger={viewing ? viewNodes.find((node) => node.type === "trigger")?.data : trigger}
            appName={appName}
            eventNames={names.data?.names.map((name) => name.event) ?? []}
          />
        ) : historyOpen ? (
          <VersionHistory
            connectorId={connector.id}
            liveVersion={connector.version}
            viewing={viewing?.version ?? null}
            onOpen={openVersion}
            onClose={() => {
              setHistoryOpen(false);
              if (viewing) closeVersion(false);
            }}
          />
        ) : null}
      </div>
      <PublishDialog
        open={actions.review !== null}
        connectorName={connector.name}
        republish={published}
        result={actions.review?.result ?? null}
        nodes={draft.nodes}
        publishing={actions.busy === "publish"}
        onConfirm={() => void actions.publish()}
        onCancel={actions.cancelPublish}
        onShowStep={(nodeId) => {
          actions.cancelPublish();
          draft.focus(nodeId);
        }}
      />
      <LeaveDialog href={leave.pendingHref} onStay={leave.stay} onLeave={leave.leave} />
    </div>
  );
}
