"use client";

import { useQueryClient } from "@tanstack/react-query";
import { usePathname, useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { apiFetch } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/query-keys";
import type { CreateAppResponse } from "@/lib/client/types";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { CopyField } from "../ui/copy-button";
import { Dialog } from "../ui/dialog";
import { Field, Input } from "../ui/input";
import { sectionRoot } from "./nav-items";

/** Creates an application; its secrets are shown here once and never again. */
export function NewAppDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const router = useRouter();
  const pathname = usePathname();
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreateAppResponse | null>(null);

  function reset() {
    setName("");
    setError(null);
    setCreated(null);
    setPending(false);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setError(null);
    try {
      setCreated(await apiFetch<CreateAppResponse>("/api/dashboard/apps", { body: { name } }));
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : "Could not create the application");
    } finally {
      setPending(false);
    }
  }

  function finish() {
    // The server already switched this session to the new application.
    void queryClient.resetQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.apps[0] });
    void queryClient.invalidateQueries({ queryKey: queryKeys.apps });
    reset();
    onClose();
    const root = sectionRoot(pathname);
    if (root !== pathname) router.push(root);
    router.refresh();
  }

  if (created) {
    const { app, credentials } = created;
    return (
      <Dialog
        open={open}
        onClose={finish}
        dismissible={false}
        title={`${app.name} is ready`}
        description="Copy these credentials now. The secrets are stored hashed, so Cue cannot show them again."
        footer={<Button onClick={finish}>I’ve saved them, continue</Button>}
      >
        <div className="space-y-4">
          <Alert tone="warning">Keep the master secret on your servers. It can read and change everything in this application.</Alert>
          <div className="space-y-1.5">
            <p className="text-sm font-medium text-slate-700">Application key</p>
            <CopyField value={credentials.key} label="application key" />
          </div>
          <div className="space-y-1.5">
            <p className="text-sm font-medium text-slate-700">Application secret</p>
            <CopyField value={credentials.secret} label="application secret" />
            <p className="text-xs text-slate-500">For apps and the browser SDK: events, users and devices.</p>
          </div>
          <div className="space-y-1.5">
            <p className="text-sm font-medium text-slate-700">Master secret</p>
            <CopyField value={credentials.masterSecret} label="master secret" />
            <p className="text-xs text-slate-500">For your back end: every API endpoint, management included.</p>
          </div>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog
      open={open}
      onClose={() => {
        reset();
        onClose();
      }}
      dismissible={!pending}
      title="New application"
      description="An application is a separate workspace with its own users, events, connectors and credentials. Use one per product or environment."
    >
      <form onSubmit={submit} className="space-y-4">
        {error ? <Alert>{error}</Alert> : null}
        <Field id="new-app-name" label="Name">
          <Input
            id="new-app-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="e.g. Shop (production)"
            maxLength={100}
            autoFocus
            required
          />
        </Field>
        <div className="flex justify-end gap-2 pt-1">
          <Button
            variant="secondary"
            onClick={() => {
              reset();
              onClose();
            }}
            disabled={pending}
          >
            Cancel
          </Button>
          <Button type="submit" loading={pending} disabled={!name.trim()}>
            Create application
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
