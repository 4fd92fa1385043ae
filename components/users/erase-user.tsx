"use client";

// Erasure from the profile (GDPR art. 17): DELETE /api/v1/users/{id} after the admin
// types the user id, since nothing of the person can be brought back afterwards.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { apiFetch } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/query-keys";
import { TrashIcon } from "../connectors/node-icons";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Dialog } from "../ui/dialog";
import { cx } from "../ui/cx";
import { Field, inputClasses } from "../ui/input";

/** Where the profile sends the admin afterwards; the users page shows the notice. */
export const erasedHref = (userId: string) => `/users?erased=${encodeURIComponent(userId)}`;

export function EraseUser({ userId }: { userId: string }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const inputId = useId();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const erase = useMutation({
    mutationFn: () => apiFetch<{ deleted: true }>(`/api/v1/users/${encodeURIComponent(userId)}`, { method: "DELETE" }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.users.all });
      router.push(erasedHref(userId));
      router.refresh();
    },
  });
  const close = () => {
    setOpen(false);
    setTyped("");
    erase.reset();
  };
  const confirmed = typed === userId;
  // After the dialog's own effect has opened it (a parent's effects run after its
  // children's), so the focus lands on the confirmation rather than on Close.
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (open) input.current?.focus();
  }, [open]);

  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        className="inline-flex h-8 shrink-0 items-center gap-1.5 self-start rounded-lg bg-white px-3 text-[13px] font-medium text-red-700 shadow-xs ring-1 ring-red-200 ring-inset hover:bg-red-50 hover:text-red-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-red-600 sm:self-center [&_svg]:size-4"
      >
        <TrashIcon /> Erase user
      </button>
      <Dialog
        open={open}
        onClose={close}
        dismissible={!erase.isPending}
        title="Erase this user?"
        description="Their profile, events, devices, segment memberships, journeys, subscriptions and messages are deleted for good. Counts stay: event analytics and connector stats still include what they did."
        footer={
          <>
            <Button variant="secondary" onClick={close} disabled={erase.isPending}>
              Cancel
            </Button>
            <Button variant="danger" onClick={() => erase.mutate()} disabled={!confirmed} loading={erase.isPending}>
              Erase user
            </Button>
          </>
        }
      >
        <form
          className="space-y-3"
          onSubmit={(event) => {
            event.preventDefault();
            if (confirmed && !erase.isPending) erase.mutate();
          }}
        >
          <Field
            id={inputId}
            label={
              <>
                Type <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[13px] text-slate-900 select-all">{userId}</code> to confirm
              </>
            }
            hint="An event sent for this id later starts a new, empty profile."
          >
            <input
              ref={input}
              id={inputId}
              value={typed}
              onChange={(event) => setTyped(event.target.value)}
              autoComplete="off"
              spellCheck={false}
              aria-describedby={`${inputId}-hint`}
              className={cx(inputClasses, "font-mono")}
              disabled={erase.isPending}
            />
          </Field>
          {erase.error ? <Alert>{erase.error.message}</Alert> : null}
        </form>
      </Dialog>
    </>
  );
}

/** The users page's confirmation after an erasure. */
export function ErasedNotice({ userId }: { userId: string }) {
  return (
    <div role="status" className="mb-5 rounded-lg bg-emerald-50 px-4 py-3 text-sm text-emerald-800 ring-1 ring-emerald-200 ring-inset" data-testid="erased-notice">
      User <code className="font-mono text-[13px] font-medium">{userId}</code> was erased. Their personal data is gone; event analytics and
      connector stats keep their counts.
    </div>
  );
}
