// Every attempt to hand the message to its provider, oldest first, so a retry story
// ("503, then sent") reads top to bottom.
import type { MessageDetail } from "@/lib/client/messages";
import { Badge } from "../ui/badge";
import { cx } from "../ui/cx";
import { DateTime } from "../ui/time";
import { OUTCOME } from "./channel-meta";

function NoAttempts({ message }: { message: MessageDetail }) {
  const text =
    message.status === "skipped"
      ? `Cue did not try to deliver it: ${message.error ?? "the user could not be reached on this channel"}.`
      : message.status === "queued"
        ? "No attempt yet. The message waits in the outbox and is delivered on the next scheduler pass."
        : "No attempts were recorded for this message.";
  return <p className="px-5 py-4 text-sm leading-6 text-slate-500">{text}</p>;
}

export function DeliveryAttempts({ message }: { message: MessageDetail }) {
  if (message.deliveries.length === 0) return <NoAttempts message={message} />;
  const last = message.deliveries.length - 1;
  return (
    <ol className="px-5 py-3" aria-label="Delivery attempts" data-testid="delivery-attempts">
      {message.deliveries.map((attempt, index) => {
        const outcome = OUTCOME[attempt.outcome] ?? { label: attempt.outcome, tone: "neutral" as const, dot: "bg-slate-400" };
        return (
          <li key={`${attempt.at}-${index}`} className="relative flex gap-3.5 pb-4 last:pb-1" data-testid="delivery-attempt">
            <div className="relative flex w-3 shrink-0 justify-center pt-1.5" aria-hidden="true">
              {index < last ? <span className="absolute top-4 -bottom-1.5 w-px bg-slate-200" /> : null}
              <span className={cx("relative size-2.5 rounded-full ring-2 ring-white", outcome.dot)} />
            </div>
            <div className="min-w-0 flex-1 space-y-1.5">
              <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1">
                <p className="text-sm font-medium text-slate-900">
                  Attempt {index + 1}
                  <span className="ml-2 align-middle">
                    <Badge tone={outcome.tone}>{outcome.label}</Badge>
                  </span>
                </p>
                <DateTime value={attempt.at} className="text-xs text-slate-500 tabular-nums" />
              </div>
              <div className="flex flex-wrap items-center gap-1.5 text-xs">
                {attempt.statusCode !== null ? (
                  <span className="rounded-md bg-slate-100 px-1.5 py-0.5 font-mono text-slate-700" title="Status code from the provider">
                    {attempt.statusCode}
                  </span>
                ) : null}
                {attempt.providerMessageId ? (
                  <span className="inline-flex min-w-0 items-center gap-1 text-slate-500">
                    Provider id
                    <code className="max-w-72 truncate rounded-md bg-slate-100 px-1.5 py-0.5 font-mono text-slate-700" title={attempt.providerMessageId}>
                      {attempt.providerMessageId}
                    </code>
                  </span>
                ) : null}
              </div>
              {attempt.error ? (
                <p className="rounded-lg bg-red-50 px-3 py-2 font-mono text-xs leading-5 break-words text-red-800 ring-1 ring-red-100 ring-inset">
                  {attempt.error}
                </p>
              ) : null}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
