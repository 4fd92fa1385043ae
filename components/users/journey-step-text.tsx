// A journey step in words, the event it names drawn as an event chip: on a user's
// profile and in the canvas's Test panel alike.
import { EventName } from "./event-name";
import type { JourneyStepKind } from "@/lib/engine/journey";
import { splitEventName } from "./journey-meta";

export function JourneyStepText({ step }: { step: { kind: JourneyStepKind; text: string } }) {
  const named = splitEventName(step.kind, step.text);
  if (!named) return <>{step.text}</>;
  return (
    <span className="inline-flex flex-wrap items-baseline gap-x-1.5">
      {named.lead} <EventName name={named.event} dot={false} />
    </span>
  );
}
