"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiFetch } from "@/lib/client/api";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Dialog } from "../ui/dialog";
import { RotateIcon } from "../ui/icons";

/**
 * Unlike the secrets, the write key stays visible (it ships inside web pages), so after
 * rotating, the page simply re-renders with the new key and snippets.
 */
export function RotateWriteKey() {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function rotate() {
    setPending(true);
    setError(null);
    try {
      await apiFetch<{ value: string }>("/api/dashboard/apps/rotate", { body: { which: "writeKey" } });
      setOpen(false);
      router.refresh();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : "Rotation failed");
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      <Button variant="secondary" size="sm" onClick={() => setOpen(true)}>
        <RotateIcon /> Rotate
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        dismissible={!pending}
        title="Rotate the write key?"
        description="A new write key is generated and the current one stops working immediately."
        footer={
          <>
            <Button variant="secondary" onClick={() => setOpen(false)} disabled={pending}>
              Cancel
            </Button>
            <Button variant="danger" onClick={rotate} loading={pending}>
              Rotate write key
            </Button>
          </>
        }
      >
        <div className="space-y-3 text-sm leading-6 text-slate-600">
          <p>
            Web pages, apps and servers that send with the current key through Segment&apos;s libraries are refused with 401
            (which the libraries do not retry) until they get the new one.
          </p>
          {error ? <Alert>{error}</Alert> : null}
        </div>
      </Dialog>
    </>
  );
}
