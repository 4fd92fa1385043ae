"use client";

import { FilterRows } from "./filter-rows";
import { ErrorText, Field, Section, compactInput, errorsUnder, withField, type NodeFormProps } from "./fields";
import { DurationInputs, SameValuesSection } from "./shared-sections";
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
        <DurationInputs value={within} onChange={(next) => onChange({ ...data, within: next })} errors={errors} path="data.within" amountLabel="Up to" />
        <ErrorText messages={errors.get("data.within")} />
      </Section>
      <Section title="Only when" description="Filters on the awaited event's data.">
        <FilterRows name="Filter" value={data.where} onChange={(where) => onChange(withField(data, "where", where))} errors={errors} errorPath="data.where" pathPlaceholder="amount" />
      </Section>
      <SameValuesSection
        data={data}
        onChange={onChange}
        errors={errors}
        description="Wait for the same order or product: the fields must hold the same value in both events."
      />
    </>
  );
}
