"use client";

import { Button } from "../ui/button";
import { Dialog } from "../ui/dialog";

// `what` names the thing with unsaved changes: "This connector", "This template".
export function LeaveDialog({ href, onStay, onLeave, what = "This connector" }: { href: string | null; onStay: () => void; onLeave: () => void; what?: string }) {
  return (
    <Dialog
      open={href !== null}
      onClose={onStay}
      title="Leave without saving?"
      description={`${what} has changes that are not saved. If you leave now, they are lost.`}
      footer={
        <>
          <Button variant="secondary" onClick={onStay}>
            Stay and keep editing
          </Button>
          <Button variant="danger" onClick={onLeave}>
            Leave without saving
          </Button>
        </>
      }
    />
  );
}
