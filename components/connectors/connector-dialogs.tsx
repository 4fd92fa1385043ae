"use client";

// The list's dialogs: name a new blank connector, rename one, confirm a delete.
import { useState, type FormEvent } from "react";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Dialog } from "../ui/dialog";
import { Field, Input } from "../ui/input";

type NameDialogProps = {
  open: boolean;
  title: string;
  description?: string;
  initialName: string;
  submitLabel: string;
  pending: boolean;
  error: string | null;
  onSubmit: (name: string) => void;
  onClose: () => void;
};

export function NameDialog({ open, title, description, initialName, submitLabel, pending, error, onSubmit, onClose }: NameDialogProps) {
  const [name, setName] = useState(initialName);
  const [shownFor, setShownFor] = useState(open);
  // Start from the given name each time the dialog opens.
  if (open !== shownFor) {
    setShownFor(open);
    if (open) setName(initialName);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (name.trim()) onSubmit(name.trim());
  }

  return (
    <Dialog open={open} onClose={onClose} title={title} description={description} dismissible={!pending}>
      <form onSubmit={submit} className="space-y-4">
        <Field id="connector-name" label="Name">
          <Input id="connector-name" value={name} onChange={(event) => setName(event.target.value)} maxLength={200} autoFocus required />
        </Field>
        {error ? <Alert>{error}</Alert> : null}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" loading={pending} disabled={!name.trim()}>
            {submitLabel}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

export function DeleteDialog({
  name,
  live,
  pending,
  error,
  onConfirm,
  onClose,
}: {
  name: string | null;
  live: boolean;
  pending: boolean;
  error: string | null;
  onConfirm: () => void;
  onClose: () => void;
}) {
  return (
    <Dialog
      open={name !== null}
      onClose={onClose}
      dismissible={!pending}
      title={`Delete “${name ?? ""}”?`}
      description={
        live
          ? "This connector is live. Deleting it stops it at once: users waiting in it leave and nothing more is sent. Its messages stay in the log."
          : "The connector and its draft are removed. Messages it already sent stay in the log."
      }
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button variant="danger" onClick={onConfirm} loading={pending}>
            Delete connector
          </Button>
        </>
      }
    >
      {error ? <Alert>{error}</Alert> : null}
    </Dialog>
  );
}
