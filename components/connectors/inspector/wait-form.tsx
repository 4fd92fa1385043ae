"use client";

import { DELAY_UNITS } from "@/lib/engine/nodes/fields";
import { ChipList } from "./chip-list";
import { FilterRows } from "./filter-rows";
import { ErrorText, Field, NumberInput, Section, Select, compactInput, errorsUnder, withField, type NodeFormProps } from "./fields";
import { EVENT_NAMES_LIST } from "./trigger-form";

function asWithin(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function WaitForm({ data, onChange, errors }: NodeFormProps) {
  const within = asWithin(data.within);
  return (
    <>
      <Section
        title="Wait for"
        description="Goes on by yes as soon as the user logs this event, or by no when the time runs out. Counted in event time from when the user reaches this step."
      >
        <Field label="Event" errors={errorsUnder(errors, "data.event")}>
          {(id) => (
            <input
              id={id}
              type="text"
              list={EVENT_NAMES_LIST}
              value={typeof data.event === "string" ? data.event : ""}
              onChange={(event) => onChange({ ...data, event: event.target.value })}
              placeholder="PURCHASE"
              aria-invalid={errors.has("data.event") || undefined}
              className={compactInput}
            />
          )}
        </Field>
        <div className="flex items-start gap-2">
          <div className="w-28">
            <Field label="Up to" errors={errors.get("data.within.amount")}>
              {(id) => (
                <NumberInput id={id} value={within.amount} onChange={(amount) => onChange({ ...data, within: { ...within, amount } })} invalid={errors.has("data.within.amount")} />
              )}
            </Field>
          </div>
          <div className="flex-1">
            <Field label="Unit" errors={errors.get("data.within.unit")}>
              {(id) => (
                <Select id={id} value={typeof within.unit === "string" ? within.unit : ""} onChange={(event) => onChange({ ...data, within: { ...within, unit: event.target.value } })}>
                  {typeof within.unit === "string" ? null : <option value="">Choose…</option>}
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
        <ErrorText messages={errors.get("data.within")} />
      </Section>
      <Section title="Only when" description="Filters on the awaited event's data.">
        <FilterRows name="Filter" value={data.where} onChange={(where) => onChange(withField(data, "where", where))} errors={errors} errorPath="data.where" pathPlaceholder="amount" />
      </Section>
      <Section title="Same values as the trigger" description="Wait for the same order or product: the fields must hold the same value in both events.">
        <ChipList
          label="Fields that must match"
          value={data.sameValueOf}
          onChange={(paths) => onChange(withField(data, "sameValueOf", paths.length > 0 ? paths : undefined))}
          placeholder="order_nr"
        />
        <ErrorText messages={errorsUnder(errors, "data.sameValueOf")} />
      </Section>
    </>
  );
}
