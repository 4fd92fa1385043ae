"use client";

// One condition of a dynamic segment's rule: "did EVENT at least N times in the last D
// days, where …" or "user field compares to value". Edits a loose draft; the rule schema
// says what is wrong, through `errors`, at the same paths the API reports.
import { OPERATORS, operatorDefinitions, type Operator } from "@/lib/engine/operators";
import { COUNT_MODES, COUNT_MODE_LABELS, countMode, withCounts, type CountMode } from "@/lib/segments/rule-draft";
import { FilterRows } from "../connectors/inspector/filter-rows";
import { ErrorText, ListInput, NumberInput, Select, compactInput, errorsUnder, str, type FieldErrors } from "../connectors/inspector/fields";
import { TrashIcon } from "../connectors/node-icons";

export type ConditionDraft = Record<string, unknown> & { kind?: unknown };

type Props = {
  condition: ConditionDraft;
  index: number;
  onChange: (condition: ConditionDraft) => void;
  onRemove: () => void;
  errors: FieldErrors;
  eventList: string;
};

const USER_FIELD_SUGGESTIONS = ["email", "name", "phone", "id", "attributes."];

function EventCondition({ condition, index, onChange, errors, eventList }: Omit<Props, "onRemove">) {
  const at = `conditions.${index}`;
  const { mode, times } = countMode(condition);
  const within = typeof condition.withinDays === "number" ? condition.withinDays : undefined;
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
        <span>Did</span>
        <div className="w-56">
          <input
            type="text"
            value={str(condition.event)}
            onChange={(event) => onChange({ ...condition, event: event.target.value })}
            list={eventList}
            placeholder="PURCHASE"
            aria-label={`Condition ${index + 1} event`}
            aria-invalid={errors.has(`${at}.event`) || undefined}
            className={`${compactInput} font-mono text-[13px]`}
          />
        </div>
        <Select
          value={mode}
          onChange={(event) => onChange(withCounts(condition, event.target.value as CountMode, Math.max(times, 1)))}
          aria-label={`Condition ${index + 1} how often`}
          className="w-32"
        >
          {COUNT_MODES.map((m) => (
            <option key={m} value={m}>
              {COUNT_MODE_LABELS[m]}
            </option>
          ))}
        </Select>
        {mode === "never" ? null : (
          <>
            <div className="w-16">
              <NumberInput
                value={times}
                onChange={(n) => onChange(withCounts(condition, mode, n ?? 0))}
                aria-label={`Condition ${index + 1} times`}
                invalid={errors.has(`${at}.atLeast`) || errors.has(`${at}.atMost`)}
              />
            </div>
            <span>{times === 1 ? "time" : "times"}</span>
          </>
        )}
        <span>in the last</span>
        <div className="w-20">
          <NumberInput
            value={within}
            onChange={(days) => {
              const { withinDays: _old, ...rest } = condition;
              onChange(days === undefined ? rest : { ...rest, withinDays: days });
            }}
            placeholder="all time"
            aria-label={`Condition ${index + 1} days`}
            invalid={errors.has(`${at}.withinDays`)}
          />
        </div>
        <span>days</span>
      </div>
      <ErrorText messages={["event", "atLeast", "atMost", "withinDays"].flatMap((f) => errors.get(`${at}.${f}`) ?? [])} />
      <div className="pl-0 sm:pl-8">
        <FilterRows
          value={condition.where}
          onChange={(where) => {
            const { where: _old, ...rest } = condition;
            onChange(where ? { ...rest, where } : rest);
          }}
          errors={errors}
          errorPath={`${at}.where`}
          pathPlaceholder="event data field, e.g. amount"
          addLabel="Filter on event data"
          name={`Condition ${index + 1} filter`}
        />
      </div>
    </div>
  );
}

function AttributeCondition({ condition, index, onChange, errors }: Omit<Props, "onRemove" | "eventList">) {
  const at = `conditions.${index}`;
  const op = (OPERATORS as readonly unknown[]).includes(condition.op) ? (condition.op as Operator) : "eq";
  const shape = operatorDefinitions[op].needsValue;
  const listId = `user-fields-${index}`;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
        <span>User’s</span>
        <div className="w-56">
          <input
            type="text"
            value={str(condition.path)}
            onChange={(event) => onChange({ ...condition, path: event.target.value })}
            list={listId}
            placeholder="attributes.plan"
            aria-label={`Condition ${index + 1} user field`}
            aria-invalid={errors.has(`${at}.path`) || undefined}
            className={`${compactInput} font-mono text-[13px]`}
          />
        </div>
        <datalist id={listId}>
          {USER_FIELD_SUGGESTIONS.map((field) => (
            <option key={field} value={field} />
          ))}
        </datalist>
        <Select
          value={op}
          onChange={(event) => {
            const next = event.target.value as Operator;
            const nextShape = operatorDefinitions[next].needsValue;
            const { value, ...rest } = condition;
            if (nextShape === "none") onChange({ ...rest, op: next });
            else if (nextShape === "list") onChange({ ...rest, op: next, value: Array.isArray(value) ? value : value ? [value] : [] });
            else onChange({ ...rest, op: next, value: Array.isArray(value) ? (value[0] ?? "") : (value ?? "") });
          }}
          aria-label={`Condition ${index + 1} comparison`}
          className="w-40"
        >
          {OPERATORS.map((operator) => (
            <option key={operator} value={operator}>
              {operatorDefinitions[operator].label}
            </option>
          ))}
        </Select>
        {shape === "none" ? null : shape === "list" ? (
          <div className="w-56">
            <ListInput value={condition.value} onChange={(list) => onChange({ ...condition, value: list })} placeholder="pro, team" aria-label={`Condition ${index + 1} values`} />
          </div>
        ) : (
          <div className="w-56">
            <input
              type="text"
              value={str(condition.value)}
              onChange={(event) => onChange({ ...condition, value: event.target.value })}
              placeholder="value"
              aria-label={`Condition ${index + 1} value`}
              aria-invalid={errors.has(`${at}.value`) || undefined}
              className={compactInput}
            />
          </div>
        )}
      </div>
      <ErrorText messages={errorsUnder(errors, at)} />
    </div>
  );
}

export function ConditionCard(props: Props) {
  const isEvent = props.condition.kind === "event";
  return (
    <div className="rounded-xl bg-white p-4 ring-1 ring-slate-200" data-testid="segment-condition">
      <div className="mb-3 flex items-center justify-between">
        <span className="text-xs font-semibold tracking-wider text-slate-500 uppercase">{isEvent ? "Behaviour" : "Profile"}</span>
        <button
          type="button"
          onClick={props.onRemove}
          className="flex size-7 items-center justify-center rounded-md text-slate-400 hover:bg-slate-100 hover:text-red-600"
          aria-label={`Remove condition ${props.index + 1}`}
        >
          <TrashIcon className="size-4" />
        </button>
      </div>
      {isEvent ? <EventCondition {...props} /> : <AttributeCondition {...props} />}
    </div>
  );
}
