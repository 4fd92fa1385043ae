"use client";

// Add members to a manual segment by typing or pasting user ids.
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { formatNumber } from "@/lib/client/format";
import { MAX_USER_ID_LENGTH } from "@/lib/segments/csv";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Dialog } from "../ui/dialog";
import { inputClasses } from "../ui/input";
import { addMembersInChunks } from "./import-members";

const idsIn = (text: string) => [...new Set(text.split(/[\s,;]+/).map((id) => id.trim()).filter(Boolean))];

export function AddMembersDialog({ segmentId, open, onClose, onAdded }: { segmentId: string; open: boolean; onClose: () => void; onAdded: () => void }) {
  const [text, setText] = useState("");
  const ids = idsIn(text);
  const tooLong = ids.filter((id) => id.length > MAX_USER_ID_LENGTH);
  const add = useMutation({
    mutationFn: () => addMembersInChunks(segmentId, ids),
    onSuccess: () => {
      setText("");
      onAdded();
      onClose();
    },
  });
  return (
    <Dialog
      open={open}
      onClose={onClose}
      dismissible={!add.isPending}
      title="Add members"
      description="User ids, one per line or separated by commas. Users not seen before are created."
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={add.isPending}>
            Cancel
          </Button>
          <Button onClick={() => add.mutate()} disabled={ids.length === 0 || tooLong.length > 0} loading={add.isPending}>
            {ids.length ? `Add ${formatNumber(ids.length)}` : "Add"}
          </Button>
        </>
      }
    >
      <div className="space-y-3">
        <label htmlFor="add-member-ids" className="sr-only">
          User ids
        </label>
        <textarea
          id="add-member-ids"
          rows={6}
          value={text}
          onChange={(event) => setText(event.target.value)}
          placeholder={"u_42\nu_43"}
          className={`${inputClasses} font-mono text-[13px]`}
        />
        {tooLong.length ? <p className="text-xs text-red-600">User ids are at most {MAX_USER_ID_LENGTH} characters.</p> : null}
        {add.error ? <Alert>{add.error.message}</Alert> : null}
      </div>
    </Dialog>
  );
}
