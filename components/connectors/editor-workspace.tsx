"use client";

// The connector editor: toolbar, palette, canvas and inspector (or a side panel: version
// history, a backtest, a test user). validateGraph — the same executable schema publish
// uses — runs on every change.
import { useEdgesState, useNodesState, useReactFlow } from "@xyflow/react";
import { useQuery } from "@tanstack/react-query";
import { useDeferredValue, useEffect, useEffectEvent, useMemo, useState } from "react";
import { apiFetch } from "@/lib/client/api";
import { connectorsApi, eventsApi, type ConnectorDetail, type ConnectorVersion, type NodeStatsMap } from "@/lib/client/connectors";
import { connectorKeys, eventKeys, queryKeys } from "@/lib/client/query-keys";
import type { AppsResponse } from "@/lib/client/types";
import { validateGraph, type Graph, type Problem } from "@/lib/engine/graph";
import { Alert } from "../ui/alert";
import { BacktestPanel } from "./backtest-panel";
import { CanvasContext } from "./canvas-context";
import { EditorToolbar } from "./editor-toolbar";
import { FlowCanvas } from "./flow-canvas";
import { executionKey, graphKey, graphToFlow, sameGraph, type CanvasEdge, type CanvasNode } from "./graph-convert";
import { Inspector } from "./inspector/inspector";
import { LeaveDialog } from "./leave-dialog";
import { Palette } from "./palette";
import { ProblemPanel } from "./problem-panel";
import { PublishDialog } from "./publish-dialog";
import { groupByNode } from "./problems";
import { litPath, pathOutcome } from "./simulate-path";
import { TestPanel } from "./test-panel";
import { TryBanner } from "./try-banner";
import { useConnectorActions } from "./use-connector-actions";
import { useEditorGraph } from "./use-editor-graph";
import { useLeaveGuard } from "./use-leave-guard";
import { useBacktest, useSimulation } from "./use-try-runs";
import { VersionBanner } from "./version-banner";
import { VersionHistory } from "./version-history";

const STATS_REFRESH_MS = 5000;
const NO_PROBLEMS: Problem[] = [];

type SidePanelKind = "history" | "backtest" | "test";
// Room at the top for the problem pill and the dry runs' banners, which float over the canvas.
const FRAME_BESIDE_PANEL = { padding: { top: "150px", bottom: "48px", x: "48px" }, maxZoom: 1, duration: 250 } as const;

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

  // One side panel at a time; the inspector covers it while a step is selected. The test
  // panel stays mounted once opened, so its script survives a look at a step.
  const [panel, setPanel] = useState<SidePanelKind | null>(null);
  const [testMounted, setTestMounted] = useState(false);
  const backtest = useBacktest(connector.id);
  const simulation = useSimulation(connector.id);
  const runKey = useMemo(() => executionKey(checked), [checked]);
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

  // The test path shows for as long as the test panel is open.
  function openPanel(next: SidePanelKind | null) {
    if (panel === "test" && next !== "test") simulation.clear();
    if (next === "test") setTestMounted(true);
    if (next !== null && next !== panel) clearSelection();
    setPanel(next);
    // A dry run is about the whole graph: frame it again in the width the panel leaves.
    const dryRun = (kind: SidePanelKind | null) => kind === "backtest" || kind === "test";
    if (next !== panel && (dryRun(next) || dryRun(panel))) requestAnimationFrame(() => void fitView(FRAME_BESIDE_PANEL));
  }

  // A panel under the inspector is shown by its button, not closed.
  function togglePanel(kind: SidePanelKind) {
    if (panel === kind && selectedNode) return clearSelection();
    openPanel(panel === kind ? null : kind);
  }

  function toggleBacktest() {
    if (panel === "backtest") return togglePanel("backtest");
    openPanel("backtest");
    if (!backtest.shown || backtest.shown.key !== runKey) backtest.run(draft.graph, dirty);
  }

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
  const triggerEvent = trigger?.kind === "event" && typeof trigger.event === "string" ? trigger.event : null;
  const simulated = simulation.shown?.result ?? null;
  const path = useMemo(() => (simulated && panel === "test" ? litPath(simulated.journeys, draft.edges) : null), [simulated, panel, draft.edges]);
  const context = useMemo(
    () => ({
      problemsByNode: viewing ? new Map() : problemsByNode,
      stats: published ? stats.data?.nodes ?? null : null,
      splits: published ? stats.data?.splits ?? null : null,
      readOnly: viewing !== null,
      backtest: viewing ? null : backtest.shown?.result.nodes ?? null,
      path: viewing ? null : path,
    }),
    [viewing, problemsByNode, published, stats.data, backtest.shown, path],
  );

  return (
    <div className="fixed inset-x-0 top-[6.5rem] bottom-0 z-20 flex flex-col bg-slate-50 md:top-0 md:left-64">
      <EditorToolbar
        connector={connector}
        dirty={dirty}
        problemCount={problems.length}
        viewing={viewing !== null}
        historyOpen={panel === "history"}
        tryPanel={panel === "backtest" || panel === "test" ? panel : null}
        backtestRunning={backtest.running}
        busy={actions.busy}
        flash={actions.flash}
        onRename={(name) => void actions.rename(name)}
        onSave={save}
        onPublish={() => void actions.reviewPublish(draft.graph, dirty)}
        onPause={() => void actions.setPaused(true)}
        onResume={() => void actions.setPaused(false)}
        // A panel shows where the inspector does, so opening one lets go of the selected step.
        onToggleHistory={() => togglePanel("history")}
        onBacktest={toggleBacktest}
        onToggleTest={() => togglePanel("test")}
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
                  <div className="flex flex-col items-start gap-2">
                    <ProblemPanel
                      problems={problems}
                      nodes={draft.nodes}
                      onFocus={draft.focus}
                      fromServer={validation.ok && problems.length > 0}
                      okLabel={published && !dirty && !connector.hasUnpublishedChanges ? "No problems · live version is up to date" : "No problems · ready to publish"}
                    />
                    <TryBanner
                      backtest={backtest.shown ? { days: backtest.shown.days, stale: backtest.shown.key !== runKey, panelOpen: panel === "backtest" } : null}
                      path={path && simulated ? { userId: simulated.userId, outcome: pathOutcome(simulated.journeys) } : null}
                      onShowBacktest={() => openPanel("backtest")}
                      onClearBacktest={backtest.clear}
                      onClearPath={simulation.clear}
                    />
                  </div>
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
        ) : panel === "history" ? (
          <VersionHistory
            connectorId={connector.id}
            liveVersion={connector.version}
            viewing={viewing?.version ?? null}
            onOpen={openVersion}
            onClose={() => {
              openPanel(null);
              if (viewing) closeVersion(false);
            }}
          />
        ) : null}
        {panel === "backtest" ? (
          <BacktestPanel
            days={backtest.days}
            shown={backtest.shown}
            running={backtest.running}
            error={backtest.error}
            stale={backtest.shown !== null && backtest.shown.key !== runKey}
            hidden={selectedNode !== undefined}
            onRun={(days) => backtest.run(draft.graph, dirty, days)}
            onClear={backtest.clear}
            onClose={() => openPanel(null)}
          />
        ) : null}
        {testMounted ? (
          <TestPanel
            triggerEvent={triggerEvent}
            eventNames={names.data?.names.map((name) => name.event) ?? []}
            simulation={simulated}
            running={simulation.running}
            error={simulation.error}
            stale={simulation.shown !== null && simulation.shown.key !== runKey}
            hidden={selectedNode !== undefined || panel !== "test"}
            onRun={(userId, events) => simulation.run(draft.graph, dirty, userId, events)}
            onClose={() => openPanel(null)}
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
