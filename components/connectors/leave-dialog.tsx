"use client";

import { Button } from "../ui/button";
import { Dialog } from "../ui/dialog";

export function LeaveDialog({ href, onStay, onLeave }: { href: string | null; onStay: () => void; onLeave: () => void }) {
  return (
    <Dialog
      open={href !== null}
      onClose={onStay}
      title="Leave without saving?"
      description="This connector has changes that are not saved. If you leave now, they are lost."
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
