"use client";

// What a test user's events did, told as the profile tells a journey: one card per walk,
// its status, each step in words with how long after the first event it happened, and
// each message rendered under the step that sent it.
import type { Simulation, SimulatedJourney } from "@/lib/client/connectors";
import { Badge } from "../ui/badge";
import { cx } from "../ui/cx";
import { ClockIcon } from "../ui/icons";
import { JOURNEY_STATUS_META, STEP_DOT } from "../users/journey-meta";
import { JourneyStepText } from "../users/journey-step-text";
import { RenderedMessage } from "./rendered-message";
import { offsetLabel } from "./simulate-path";

function JourneyView({ journey, index, count, simulation }: { journey: SimulatedJourney; index: number; count: number; simulation: Simulation }) {
  const status = JOURNEY_STATUS_META[journey.status];
  const messages = new Map(simulation.messages.map((message) => [message.id, message]));
  return (
    <article className="rounded-xl bg-white ring-1 ring-slate-200" data-testid="test-journey" data-status={journey.status} aria-label={journey.summary}>
      <header className="flex items-center justify-between gap-3 border-b border-slate-100 px-4 py-2.5">
        <h4 className="text-[13px] font-semibold text-slate-900">{count > 1 ? `Journey ${index + 1} of ${count}` : "Journey"}</h4>
        <Badge tone={status.tone}>
          <span className={cx("size-1.5 rounded-full", status.dot)} aria-hidden="true" />
          <span data-testid="test-journey-status">{status.label}</span>
        </Badge>
      </header>
      <ol className="px-4 py-3">
        {journey.steps.map((step, stepIndex) => {
          const message = step.messageId ? messages.get(step.messageId) : undefined;
          return (
            <li key={`${step.nodeId}-${stepIndex}`} className="relative flex gap-3 pb-3 last:pb-0" data-testid="test-step" data-kind={step.kind}>
              <div className="relative flex w-3 shrink-0 justify-center pt-1.5" aria-hidden="true">
                {stepIndex < journey.steps.length - 1 ? <span className="absolute top-3.5 -bottom-1.5 w-px bg-slate-200" /> : null}
                <span className={cx("relative size-2.5 rounded-full ring-3", STEP_DOT[step.kind])} />
              </div>
              <div className="min-w-0 flex-1">
                <div className="flex items-baseline justify-between gap-3">
                  <p className={cx("min-w-0 text-[13px] leading-5", step.kind === "checked" || step.kind === "delay" ? "text-slate-500" : "text-slate-800")}>
                    <JourneyStepText step={step} />
                  </p>
                  <span className="shrink-0 text-xs text-slate-500 tabular-nums" title={new Date(step.at).toUTCString()}>
                    {offsetLabel(simulation.startedAt, step.at)}
                  </span>
                </div>
                {message ? <RenderedMessage message={message} when={offsetLabel(simulation.startedAt, message.at)} className="mt-2" /> : null}
              </div>
            </li>
          );
        })}
      </ol>
      {journey.waiting ? (
        <p className="flex gap-2 border-t border-slate-100 bg-brand-50/50 px-4 py-2.5 text-xs leading-5 text-slate-700" data-testid="test-journey-waiting">
          <ClockIcon className="mt-0.5 size-3.5 shrink-0 text-brand-600" aria-hidden="true" />
          {journey.waiting.until
            ? `${journey.waiting.text} — until ${offsetLabel(simulation.startedAt, journey.waiting.until)} on the test clock, after the last event.`
            : journey.waiting.text}
        </p>
      ) : null}
    </article>
  );
}

export function SimulatedJourneys({ simulation, triggerEvent }: { simulation: Simulation; triggerEvent: string | null }) {
  const { journeys } = simulation;
  if (journeys.length === 0) {
    return (
      <p className="rounded-xl bg-slate-50 px-4 py-3 text-[13px] leading-5 text-slate-600 ring-1 ring-slate-200 ring-inset" data-testid="test-no-journey">
        Nothing started: no event here let this user in.
        {triggerEvent ? (
          <>
            {" "}It starts on <span className="font-mono font-medium text-slate-900">{triggerEvent}</span>, when the trigger’s filters and entry rules allow.
          </>
        ) : null}
      </p>
    );
  }
  return (
    <div className="space-y-3" data-testid="test-results">
      {journeys.map((journey, index) => (
        <JourneyView key={index} journey={journey} index={index} count={journeys.length} simulation={simulation} />
      ))}
    </div>
  );
}
