"use client";

import { useState } from "react";
import { apiFetch } from "@/lib/client/api";
import type { RotateResponse, SecretKind } from "@/lib/client/types";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { CopyField } from "../ui/copy-button";
import { Dialog } from "../ui/dialog";
import { RotateIcon } from "../ui/icons";

const LABELS: Record<SecretKind, { name: string; usedBy: string }> = {
  secret: { name: "application secret", usedBy: "apps, browsers and servers that send events or update users" },
  masterSecret: { name: "master secret", usedBy: "back-end integrations that call the management API" },
};

/** Confirm, rotate, then show the new value once. */
export function RotateSecret({ which }: { which: SecretKind }) {
  const { name, usedBy } = LABELS[which];
  const [step, setStep] = useState<"idle" | "confirm" | "done">("idle");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [value, setValue] = useState<string | null>(null);

  function close() {
    setStep("idle");
    setValue(null);
    setError(null);
  }

  async function rotate() {
    setPending(true);
    setError(null);
    try {
      const result = await apiFetch<RotateResponse>("/api/dashboard/apps/rotate", { body: { which } });
      setValue(result.value);
      setStep("done");
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : "Rotation failed");
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      <Button variant="secondary" size="sm" onClick={() => setStep("confirm")}>
        <RotateIcon /> Rotate
      </Button>

      {step === "done" && value ? (
        <Dialog
          open
          onClose={close}
          dismissible={false}
          title={`New ${name}`}
          description="Copy it now. Cue stores only a hash, so this is the only time it is shown."
          footer={<Button onClick={close}>I’ve saved it</Button>}
        >
          <div className="space-y-4">
            <CopyField value={value} label={`new ${name}`} />
            <Alert tone="warning">
              The old {name} has stopped working. Update {usedBy} now, or their requests will be refused with 401.
            </Alert>
          </div>
        </Dialog>
      ) : (
        <Dialog
          open={step === "confirm"}
          onClose={close}
          dismissible={!pending}
          title={`Rotate the ${name}?`}
          description={`A new ${name} is generated and the current one stops working immediately.`}
          footer={
            <>
              <Button variant="secondary" onClick={close} disabled={pending}>
                Cancel
              </Button>
              <Button variant="danger" onClick={rotate} loading={pending}>
                Rotate {name}
              </Button>
            </>
          }
        >
          <div className="space-y-3 text-sm leading-6 text-slate-600">
            <p>Everything that still uses the current one ({usedBy}) is refused until you give it the new value.</p>
            {error ? <Alert>{error}</Alert> : null}
          </div>
        </Dialog>
      )}
    </>
  );
}
