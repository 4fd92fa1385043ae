"use client";

// Save, publish, pause, resume and rename, with what the toolbar shows about them:
// which one is running, a short confirmation, an error, and a 422's problems. Publishing
// takes two steps: the canvas is checked first (problems, warnings, a forecast) and the
// publish dialog asks before anything is saved or goes live.
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useState } from "react";
import type { CheckResult } from "@/lib/checks/check-result";
import { ApiRequestError } from "@/lib/client/api";
import { connectorsApi, type ConnectorDetail } from "@/lib/client/connectors";
import { connectorKeys } from "@/lib/client/query-keys";
import type { Graph, Problem } from "@/lib/engine/graph";
import { graphKey } from "./graph-convert";
import { problemsFromDetails } from "./problems";

export type Busy = null | "save" | "check" | "publish" | "pause" | "resume" | "rename";

/** The graph the publish dialog is about, whether it still needs saving, and what its check found. */
export type PublishReview = { graph: Graph; dirty: boolean; result: CheckResult };

export function useConnectorActions(connectorId: string, onSaved: (graph: Graph) => void) {
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState<Busy>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The server's problems, remembered with (the key of) the graph they were about.
  const [rejected, setRejected] = useState<{ key: string; problems: Problem[] } | null>(null);
  const [review, setReview] = useState<PublishReview | null>(null);

  useEffect(() => {
    if (!flash) return;
    const timer = setTimeout(() => setFlash(null), 2500);
    return () => clearTimeout(timer);
  }, [flash]);

  const store = useCallback(
    (connector: ConnectorDetail) => {
      queryClient.setQueryData<ConnectorDetail>(connectorKeys.detail(connectorId), (old) => ({ ...old, ...connector }));
      void queryClient.invalidateQueries({ queryKey: connectorKeys.list });
    },
    [queryClient, connectorId],
  );

  async function run<T>(kind: Exclude<Busy, null>, action: () => Promise<T>): Promise<T | undefined> {
    setBusy(kind);
    setError(null);
    try {
      return await action();
    } catch (caught) {
      if (caught instanceof ApiRequestError && caught.code === "invalid_graph") throw caught;
      setError(caught instanceof Error ? caught.message : "Something went wrong");
      return undefined;
    } finally {
      setBusy(null);
    }
  }

  async function saveGraph(graph: Graph): Promise<boolean> {
    const connector = await connectorsApi.update(connectorId, { graph });
    store(connector);
    onSaved(graph);
    return true;
  }

  const save = (graph: Graph) =>
    run("save", async () => {
      await saveGraph(graph);
      setFlash("Saved");
      return true;
    });

  // Step one: check what would go live — the unsaved canvas, or else the stored draft
  // (someone may have changed it since this canvas loaded). Problems show like a 422's;
  // anything else opens the dialog with the warnings and the forecast.
  async function reviewPublish(graph: Graph, dirty: boolean) {
    setRejected(null);
    const result = await run("check", () => connectorsApi.check(connectorId, dirty ? graph : undefined));
    if (!result) return;
    if (result.problems.length > 0) {
      setRejected({ key: graphKey(graph), problems: problemsFromDetails(result.problems) });
      setError(`The graph does not compile: ${result.problems[0]!.message}`);
      return;
    }
    setReview({ graph, dirty, result });
  }

  // Step two, confirmed in the dialog: save what was checked if it is not yet, then publish.
  async function publish() {
    if (!review) return;
    const { graph, dirty } = review;
    try {
      await run("publish", async () => {
        if (dirty) await saveGraph(graph);
        const { warnings: _seen, ...connector } = await connectorsApi.publish(connectorId);
        store(connector);
        setFlash(`Published version ${connector.version}`);
        void queryClient.invalidateQueries({ queryKey: connectorKeys.versions(connectorId) });
        void queryClient.invalidateQueries({ queryKey: connectorKeys.stats(connectorId) });
      });
    } catch (caught) {
      const rejection = caught as ApiRequestError;
      setRejected({ key: graphKey(graph), problems: problemsFromDetails(rejection.details) });
      setError(rejection.message);
    } finally {
      setReview(null);
    }
  }

  const setPaused = (paused: boolean) =>
    run(paused ? "pause" : "resume", async () => {
      store(await (paused ? connectorsApi.pause(connectorId) : connectorsApi.resume(connectorId)));
      setFlash(paused ? "Paused: nothing enters or sends until you resume" : "Resumed");
    });

  const rename = (name: string) =>
    run("rename", async () => {
      store(await connectorsApi.update(connectorId, { name }));
      setFlash("Renamed");
    });

  return {
    busy,
    flash,
    error,
    dismissError: () => setError(null),
    save,
    reviewPublish,
    review,
    cancelPublish: () => setReview(null),
    publish,
    setPaused,
    rename,
    rejected,
  };
}
