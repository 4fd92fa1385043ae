"use client";

import type { NodeData } from "../graph-convert";
import { Section, type FieldErrors } from "./fields";
import { DurationInputs } from "./shared-sections";

export function DelayForm({ data, onChange, errors }: { data: NodeData; onChange: (data: NodeData) => void; errors: FieldErrors }) {
  return (
    <Section
      title="Wait"
      description="Right after the trigger, the wait counts from the event's own time; later in the flow, from when the user reaches this step."
    >
      <DurationInputs value={data} onChange={onChange} errors={errors} path="data" amountLabel="Amount" />
    </Section>
  );
}
