"use client";

// "Send a test": one message to a real user through the channel's saved provider, with
// the provider's answer shown right here (sent, the provider's error, or why it was skipped).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useState, type FormEvent, type ReactNode } from "react";
import { ApiRequestError } from "@/lib/client/api";
import { channelsApi } from "@/lib/client/channels";
import { messageKeys, type MessageChannel, type MessageDetail } from "@/lib/client/messages";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { cx } from "../ui/cx";
import { CheckIcon, WarningIcon } from "../ui/icons";
import { inputClasses } from "../ui/input";
import { CHANNEL_META } from "../messages/channel-meta";

function lastError(message: MessageDetail): string | null {
  return message.error ?? message.deliveries.findLast((d) => d.error)?.error ?? null;
}

function Outcome({ message }: { message: MessageDetail }) {
  const link = (
    <Link href={`/messages?message=${encodeURIComponent(message.id)}`} className="font-medium whitespace-nowrap underline underline-offset-2">
      View message
    </Link>
  );
  const last = message.deliveries.at(-1);
  const tone = {
    sent: { box: "bg-emerald-50 text-emerald-900 ring-emerald-200", icon: "bg-emerald-600 text-white" },
    failed: { box: "bg-red-50 text-red-900 ring-red-200", icon: "bg-red-600 text-white" },
    skipped: { box: "bg-amber-50 text-amber-900 ring-amber-200", icon: "bg-amber-500 text-white" },
    queued: { box: "bg-amber-50 text-amber-900 ring-amber-200", icon: "bg-amber-500 text-white" },
    held: { box: "bg-amber-50 text-amber-900 ring-amber-200", icon: "bg-amber-500 text-white" },
  }[message.status];
  const heading: Record<MessageDetail["status"], ReactNode> = {
    sent: <>Sent to {message.userId}</>,
    failed: "Failed",
    skipped: "Skipped, nothing was sent",
    queued: "Not delivered yet: Cue will retry",
    held: "Held by the delivery policy",
  };
  const error = message.reason ?? lastError(message);

  return (
    <div role="status" className={cx("flex gap-3 rounded-lg px-4 py-3 text-sm ring-1 ring-inset", tone.box)} data-testid="test-send-result" data-status={message.status}>
      <span className={cx("mt-0.5 flex size-5 shrink-0 items-center justify-center rounded-full", tone.icon)} aria-hidden="true">
        {message.status === "sent" ? <CheckIcon className="size-3.5" strokeWidth={2.5} /> : <WarningIcon className="size-3" strokeWidth={2.5} />}
      </span>
      <div className="min-w-0 flex-1 space-y-1">
        <p className="font-medium">{heading[message.status]}</p>
        {message.status === "sent" ? (
          <p className="text-emerald-800">
            The provider accepted it{message.providerMessageId ? <> as <code className="font-mono text-xs break-all">{message.providerMessageId}</code></> : null}.{" "}
            {link}
          </p>
        ) : (
          <>
            {error ? <p className="font-mono text-xs leading-5 break-words" data-testid="test-send-error">{error}</p> : null}
            <p className="text-xs opacity-80">
              {last?.statusCode ? `Status ${last.statusCode} · ` : null}
              {message.deliveries.length} {message.deliveries.length === 1 ? "attempt" : "attempts"} · {link}
            </p>
          </>
        )}
      </div>
    </div>
  );
}

export function TestSend({ channel, unsavedChanges, logOnly }: { channel: MessageChannel; unsavedChanges: boolean; logOnly: boolean }) {
  const id = useId();
  const [userId, setUserId] = useState("");
  const queryClient = useQueryClient();
  const send = useMutation({
    mutationFn: (target: string) => channelsApi.test(channel, target),
    // The test is a real message: the log should show it next time it is opened.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: messageKeys.all }),
  });
  const noun = CHANNEL_META[channel].noun;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (userId.trim()) send.mutate(userId.trim());
  };

  const error = send.error;
  const missingUser = error instanceof ApiRequestError && error.status === 404;

  return (
    <section className="space-y-3 border-t border-slate-100 bg-slate-50/50 px-5 py-5" aria-labelledby={`${id}-title`} data-testid="test-send">
      <div>
        <h3 id={`${id}-title`} className="text-sm font-semibold text-slate-900">
          Send a test
        </h3>
        <p className="mt-0.5 text-sm text-slate-500">
          Sends one {noun} to a user right now through the saved settings, and shows what the provider answered.
          {logOnly ? " With Log only it is recorded as sent, and nothing is delivered." : null}
        </p>
      </div>
      <form onSubmit={submit} className="flex flex-col gap-2 sm:flex-row">
        <label htmlFor={`${id}-user`} className="sr-only">
          Test recipient user id
        </label>
        <input
          id={`${id}-user`}
          value={userId}
          onChange={(event) => setUserId(event.target.value)}
          placeholder="User id, e.g. u_42"
          autoComplete="off"
          spellCheck={false}
          className={cx(inputClasses, "font-mono text-[13px] h-9.5 leading-5 placeholder:font-sans placeholder:text-sm sm:max-w-xs")}
        />
        <Button type="submit" variant="secondary" loading={send.isPending} disabled={!userId.trim()}>
          Send test
        </Button>
      </form>
      {unsavedChanges ? (
        <p className="text-xs text-amber-700">You have unsaved changes. Tests use the saved settings, so save first to test them.</p>
      ) : null}
      {send.data && !send.isPending ? <Outcome message={send.data} /> : null}
      {error && !send.isPending ? (
        <Alert title={missingUser ? "No such user" : "The test could not be sent"}>
          {missingUser
            ? `There is no user “${send.variables}” in this application. Use the id of someone on the Users page.`
            : error.message}
        </Alert>
      ) : null}
    </section>
  );
}
