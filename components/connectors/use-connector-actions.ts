"use client";

// Save, publish, pause, resume and rename, with what the toolbar shows about them:
// which one is running, a short confirmation, an error, and a 422's problems.
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useState } from "react";
import { ApiRequestError } from "@/lib/client/api";
import { connectorsApi, type ConnectorDetail } from "@/lib/client/connectors";
import { connectorKeys } from "@/lib/client/query-keys";
import type { Graph, Problem } from "@/lib/engine/graph";
import { graphKey } from "./graph-convert";
import { problemsFromDetails } from "./problems";

type Busy = null | "save" | "publish" | "pause" | "resume" | "rename";

export function useConnectorActions(connectorId: string, onSaved: (graph: Graph) => void) {
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState<Busy>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The server's problems, remembered with (the key of) the graph they were about.
  const [rejected, setRejected] = useState<{ key: string; problems: Problem[] } | null>(null);

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

  async function publish(graph: Graph, dirty: boolean) {
    setRejected(null);
    try {
      await run("publish", async () => {
        if (dirty) await saveGraph(graph);
        const connector = await connectorsApi.publish(connectorId);
        store(connector);
        setFlash(`Published version ${connector.version}`);
        void queryClient.invalidateQueries({ queryKey: connectorKeys.versions(connectorId) });
        void queryClient.invalidateQueries({ queryKey: connectorKeys.stats(connectorId) });
      });
    } catch (caught) {
      const rejection = caught as ApiRequestError;
      setRejected({ key: graphKey(graph), problems: problemsFromDetails(rejection.details) });
      setError(rejection.message);
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

  return { busy, flash, error, dismissError: () => setError(null), save, publish, setPaused, rename, rejected };
}
