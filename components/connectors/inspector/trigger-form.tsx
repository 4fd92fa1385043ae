"use client";

import type { NodeData } from "../graph-convert";
import { FilterRows } from "./filter-rows";
import { Field, NumberInput, Section, Segmented, Select, compactInput, errorsUnder, str, withField, type FieldErrors } from "./fields";

export const EVENT_NAMES_LIST = "cue-event-names";

const REENTRY_OPTIONS = [
  { value: "ifNotActive", label: "Again once the previous run has finished" },
  { value: "always", label: "Every time, even while a run is in progress" },
  { value: "once", label: "Only once per user, ever" },
] as const;

type Props = { data: NodeData; onChange: (data: NodeData) => void; errors: FieldErrors };

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function TriggerForm({ data, onChange, errors }: Props) {
  const kind = data.kind === "inactivity" ? "inactivity" : "event";
  const occurrences = data.occurrences === undefined ? undefined : asRecord(data.occurrences);
  const setOccurrences = (key: string, value: unknown) => onChange({ ...data, occurrences: withField(occurrences ?? {}, key, value) });

  return (
    <>
      <Section title="Starts when">
        <Segmented
          label="What starts this connector"
          value={kind}
          options={[
            { value: "event", label: "An event happens" },
            { value: "inactivity", label: "A user goes quiet" },
          ]}
          onChange={(next) =>
            next === kind
              ? undefined
              : onChange(next === "inactivity" ? { kind: "inactivity", event: "app.open", days: 30 } : { kind: "event", ...(data.event && data.event !== "app.open" ? { event: data.event } : {}) })
          }
        />
        <Field
          label={kind === "event" ? "Event" : "Event that shows the user is active"}
          errors={errors.get("data.event")}
          hint={kind === "event" ? "Suggestions are the events your app sent in the last 30 days." : undefined}
        >
          {(id) => (
            <input
              id={id}
              type="text"
              value={str(data.event)}
              onChange={(event) => onChange(withField(data, "event", event.target.value))}
              list={EVENT_NAMES_LIST}
              placeholder={kind === "event" ? "ADDTOCART" : "app.open"}
              aria-invalid={errors.has("data.event") || undefined}
              className={`${compactInput} font-mono`}
              autoComplete="off"
            />
          )}
        </Field>
        {kind === "inactivity" ? (
          <Field label="Days without it" errors={errors.get("data.days")} hint="Each user enters once per quiet spell; their next event ends it.">
            {(id) => <NumberInput id={id} value={data.days} onChange={(days) => onChange(withField(data, "days", days))} invalid={errors.has("data.days")} />}
          </Field>
        ) : null}
      </Section>

      {kind === "event" ? (
        <>
          <Section title="Only when" description="Filters on the event's data, like amount is at least 100.">
            <FilterRows
              name="Filter"
              value={data.where}
              onChange={(where) => onChange(withField(data, "where", where))}
              errors={errors}
              errorPath="data.where"
              pathPlaceholder="amount"
            />
          </Section>

          <Section title="Repeats">
            <label className="flex items-start gap-2.5 text-sm text-slate-700">
              <input
                type="checkbox"
                checked={occurrences !== undefined}
                onChange={(event) => onChange(withField(data, "occurrences", event.target.checked ? { atLeast: 2 } : undefined))}
                className="mt-0.5 size-4 rounded border-slate-300 text-brand-600 focus:ring-brand-500"
              />
              <span>Wait until the event has happened several times</span>
            </label>
            {occurrences ? (
              <div className="space-y-3 rounded-lg bg-slate-50 p-3 ring-1 ring-slate-200/70">
                <Field label="At least this many times" errors={errorsUnder(errors, "data.occurrences.atLeast")}>
                  {(id) => <NumberInput id={id} value={occurrences.atLeast} onChange={(n) => setOccurrences("atLeast", n)} />}
                </Field>
                <Field label="With the same value of" errors={errors.get("data.occurrences.sameValueOf")} hint="Optional. Counts per product, order… (a field of the event's data).">
                  {(id) => (
                    <input id={id} type="text" value={str(occurrences.sameValueOf)} onChange={(event) => setOccurrences("sameValueOf", event.target.value)} placeholder="product" className={`${compactInput} font-mono`} />
                  )}
                </Field>
                <Field label="Within hours" errors={errors.get("data.occurrences.withinHours")} hint="Optional. Leave empty to count all time.">
                  {(id) => <NumberInput id={id} value={occurrences.withinHours} onChange={(n) => setOccurrences("withinHours", n)} placeholder="720" />}
                </Field>
              </div>
            ) : null}
            <Field label="A user can enter" errors={errors.get("data.reentry")}>
              {(id) => (
                <Select id={id} value={typeof data.reentry === "string" ? data.reentry : "ifNotActive"} onChange={(event) => onChange({ ...data, reentry: event.target.value })}>
                  {REENTRY_OPTIONS.map((option) => (
                    <option key={option.value} value={option.value}>
                      {option.label}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
          </Section>
        </>
      ) : null}
    </>
  );
}
