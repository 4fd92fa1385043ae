"use client";

// Inputs more than one node form uses: how long (delay, wait) and the fields whose values
// must match the trigger's (cancel, wait).
import { DELAY_UNITS } from "@/lib/engine/nodes/fields";
import type { NodeData } from "../graph-convert";
import { ChipList } from "./chip-list";
import { ErrorText, Field, NumberInput, Section, Select, errorsUnder, withField, type FieldErrors } from "./fields";

/** An amount and a unit, stored as { amount, unit } at `path` ("" for the node's own data). */
export function DurationInputs({ value, onChange, errors, path, amountLabel }: { value: NodeData; onChange: (value: NodeData) => void; errors: FieldErrors; path: string; amountLabel: string }) {
  return (
    <div className="flex items-start gap-2">
      <div className="w-28">
        <Field label={amountLabel} errors={errors.get(`${path}.amount`)}>
          {(id) => <NumberInput id={id} value={value.amount} onChange={(amount) => onChange(withField(value, "amount", amount))} invalid={errors.has(`${path}.amount`)} />}
        </Field>
      </div>
      <div className="flex-1">
        <Field label="Unit" errors={errors.get(`${path}.unit`)}>
          {(id) => (
            <Select id={id} value={typeof value.unit === "string" ? value.unit : ""} onChange={(event) => onChange({ ...value, unit: event.target.value })}>
              {typeof value.unit === "string" ? null : <option value="">Choose…</option>}
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
  );
}

export function SameValuesSection({ data, onChange, errors, description }: { data: NodeData; onChange: (data: NodeData) => void; errors: FieldErrors; description: string }) {
  return (
    <Section title="Same values as the trigger" description={description}>
      <ChipList
        label="Fields that must match"
        value={data.sameValueOf}
        onChange={(paths) => onChange(withField(data, "sameValueOf", paths.length > 0 ? paths : undefined))}
        placeholder="order_nr"
      />
      <ErrorText messages={errorsUnder(errors, "data.sameValueOf")} />
    </Section>
  );
}
