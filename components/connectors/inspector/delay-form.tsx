"use client";

import { DELAY_UNITS } from "@/lib/engine/nodes/fields";
import type { NodeData } from "../graph-convert";
import { Field, NumberInput, Section, Select, withField, type FieldErrors } from "./fields";

export function DelayForm({ data, onChange, errors }: { data: NodeData; onChange: (data: NodeData) => void; errors: FieldErrors }) {
  return (
    <Section
      title="Wait"
      description="Right after the trigger, the wait counts from the event's own time; later in the flow, from when the user reaches this step."
    >
      <div className="flex items-start gap-2">
        <div className="w-28">
          <Field label="Amount" errors={errors.get("data.amount")}>
            {(id) => <NumberInput id={id} value={data.amount} onChange={(amount) => onChange(withField(data, "amount", amount))} invalid={errors.has("data.amount")} />}
          </Field>
        </div>
        <div className="flex-1">
          <Field label="Unit" errors={errors.get("data.unit")}>
            {(id) => (
              <Select id={id} value={typeof data.unit === "string" ? data.unit : ""} onChange={(event) => onChange({ ...data, unit: event.target.value })}>
                {typeof data.unit === "string" ? null : <option value="">Choose…</option>}
                {DELAY_UNITS.map((unit) => (
                  <option key={unit} value={unit}>
                    {unit}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        </div>
      </div>
    </Section>
  );
}
