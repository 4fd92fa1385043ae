import Link from "next/link";
import { messageFiltersSearch } from "@/lib/client/message-filters";
import type { UserJourney } from "@/lib/server/journeys";
import { ShortTime } from "../messages/short-time";
import { Badge } from "../ui/badge";
import { cx } from "../ui/cx";
import { ClockIcon } from "../ui/icons";
import { DateTime } from "../ui/time";
import { JOURNEY_STATUS_META, STEP_DOT } from "./journey-meta";
import { JourneyStepText } from "./journey-step-text";

const linkClass = "rounded font-medium text-brand-600 hover:text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-500";

function WaitingNote({ waiting }: { waiting: NonNullable<UserJourney["waiting"]> }) {
  return (
    <div className="mt-3 flex gap-3 rounded-lg bg-brand-50/70 px-3.5 py-2.5 text-sm ring-1 ring-brand-100 ring-inset" data-testid="journey-waiting">
      <ClockIcon className="mt-0.5 size-4 shrink-0 text-brand-600" aria-hidden="true" />
      <div className="min-w-0 text-slate-700">
        {waiting.delay && waiting.until ? (
          <p>
            Waiting <span className="font-medium text-slate-900">{waiting.delay}</span>, until{" "}
            <DateTime value={waiting.until} className="font-medium text-slate-900" />
          </p>
        ) : (
          <p>{waiting.text}</p>
        )}
        {waiting.cancelEvents.length > 0 ? (
          <p className="mt-0.5 text-xs text-slate-500">
            {waiting.cancelEvents.join(" or ")} before then cancels it; otherwise it moves on to the next step.
          </p>
        ) : null}
      </div>
    </div>
  );
}

/** One enrollment: its connector and status, then what happened, step by step. */
export function JourneyCard({ journey, userId }: { journey: UserJourney; userId: string }) {
  const status = JOURNEY_STATUS_META[journey.status];
  const messages = journey.messageIds.length;
  const messagesHref = `/messages${messageFiltersSearch({ userId, connectorId: journey.connectorId })}`;

  return (
    <article className="px-5 py-4" data-testid="journey" data-status={journey.status} aria-label={journey.summary}>
      <header className="flex flex-wrap items-start justify-between gap-x-4 gap-y-1.5">
        <div className="min-w-0">
          <h3 className="flex min-w-0 items-center gap-2 text-sm font-semibold text-slate-900">
            {journey.connectorDeleted ? (
              <span className="truncate" title="This connector was deleted">{journey.connectorName}</span>
            ) : (
              <Link href={`/connectors/${journey.connectorId}`} className="truncate rounded hover:text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-500">
                {journey.connectorName}
              </Link>
            )}
            <span className="shrink-0 rounded bg-slate-100 px-1.5 py-px font-mono text-[11px] font-medium text-slate-600">v{journey.version}</span>
          </h3>
          <p className="mt-0.5 text-xs text-slate-500">
            Entered <ShortTime value={journey.enteredAt} className="text-slate-600" />
            {messages > 0 ? (
              <>
                <span aria-hidden="true" className="mx-1.5 text-slate-300">·</span>
                <Link href={messagesHref} className={linkClass}>
                  {messages === 1 ? "1 message" : `${messages} messages`}
                </Link>
              </>
            ) : null}
          </p>
        </div>
        <Badge tone={status.tone}>
          <span className={cx("size-1.5 rounded-full", status.dot)} aria-hidden="true" />
          <span data-testid="journey-status">{status.label}</span>
        </Badge>
      </header>

      <ol className="mt-3" aria-label={`Steps in ${journey.connectorName}`}>
        {journey.steps.map((step, index) => (
          <li key={`${step.nodeId}-${index}`} className="relative flex gap-3 pb-2.5 last:pb-0" data-testid="journey-step" data-kind={step.kind}>
            <div className="relative flex w-3 shrink-0 justify-center pt-1.5" aria-hidden="true">
              {index < journey.steps.length - 1 ? <span className="absolute top-3.5 -bottom-1.5 w-px bg-slate-200" /> : null}
              <span className={cx("relative size-2.5 rounded-full ring-3", STEP_DOT[step.kind])} />
            </div>
            <div className="flex min-w-0 flex-1 items-baseline justify-between gap-4">
              <p className={cx("min-w-0 text-sm", step.kind === "checked" || step.kind === "delay" ? "text-slate-500" : "text-slate-800")}>
                <JourneyStepText step={step} />
                {step.messageId ? (
                  <Link href={`/messages${messageFiltersSearch({ userId }, step.messageId)}`} className={cx(linkClass, "ml-2 text-xs")}>
                    View message
                  </Link>
                ) : null}
              </p>
              <ShortTime value={step.at} className="shrink-0 text-xs text-slate-500 tabular-nums" />
            </div>
          </li>
        ))}
      </ol>

      {journey.waiting ? <WaitingNote waiting={journey.waiting} /> : null}
    </article>
  );
}
