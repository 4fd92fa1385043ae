"use client";

// The Test panel's form: who (a user of the app, or any id) and what they do, one event
// after another with the gap between them and, when the connector reads it, the event's
// data as JSON.
import { useId, useState, type FormEvent } from "react";
import { Button } from "../ui/button";
import { cx } from "../ui/cx";
import { CloseIcon, PlusIcon } from "../ui/icons";
import { MAX_SCRIPT_ROWS, SCRIPT_UNITS, newRow, type RowErrors, type ScriptRow } from "./event-script";
import { ErrorText, Select, compactInput } from "./inspector/fields";
import { PlayIcon } from "./node-icons";
import { UserPicker } from "./user-picker";

type Props = {
  userId: string;
  onUserId: (userId: string) => void;
  rows: ScriptRow[];
  onRows: (rows: ScriptRow[]) => void;
  errors: ReadonlyMap<string, RowErrors>;
  userMissing: boolean;
  eventNames: readonly string[];
  running: boolean;
  onRun: () => void;
};

function Gap({ row, errors, onChange, index }: { row: ScriptRow; errors: RowErrors | undefined; onChange: (row: ScriptRow) => void; index: number }) {
  return (
    <div className="relative flex items-center gap-2 py-2 pl-8 text-xs text-slate-500">
      <span className="absolute top-0 bottom-0 left-[11px] w-px bg-slate-200" aria-hidden="true" />
      <span className="whitespace-nowrap">then, after</span>
      <span className="w-16 shrink-0">
        <input
          type="number"
          min={0}
          step={1}
          inputMode="numeric"
          value={row.amount}
          onChange={(event) => onChange({ ...row, amount: event.target.value })}
          aria-label={`Gap before event ${index + 1}`}
          aria-invalid={errors?.amount ? true : undefined}
          className={cx(compactInput, "h-7 px-2 py-0.5 text-xs tabular-nums")}
        />
      </span>
      <Select
        value={row.unit}
        onChange={(event) => onChange({ ...row, unit: event.target.value as ScriptRow["unit"] })}
        aria-label={`Gap unit before event ${index + 1}`}
        className="w-28 shrink-0 [&_select]:h-7 [&_select]:py-0.5 [&_select]:text-xs"
      >
        {SCRIPT_UNITS.map((unit) => (
          <option key={unit} value={unit}>
            {unit}
          </option>
        ))}
      </Select>
      {errors?.amount ? <span className="text-red-600">{errors.amount}</span> : null}
    </div>
  );
}

function EventRow({ row, index, errors, listId, onChange, onRemove }: { row: ScriptRow; index: number; errors: RowErrors | undefined; listId: string; onChange: (row: ScriptRow) => void; onRemove?: () => void }) {
  const [showData, setShowData] = useState(row.data !== "");
  return (
    <>
      <div className="flex items-center gap-2">
        <span className="z-10 flex size-6 shrink-0 items-center justify-center rounded-full bg-slate-900 text-[11px] font-semibold text-white tabular-nums" aria-hidden="true">
          {index + 1}
        </span>
        <input
          type="text"
          value={row.event}
          onChange={(event) => onChange({ ...row, event: event.target.value })}
          list={listId}
          placeholder="EVENT_NAME"
          aria-label={`Event ${index + 1}`}
          aria-invalid={errors?.event ? true : undefined}
          autoComplete="off"
          spellCheck={false}
          className={cx(compactInput, "min-w-0 flex-1 font-mono")}
        />
        <button
          type="button"
          onClick={() => setShowData(!showData)}
          aria-expanded={showData}
          aria-label={`Data of event ${index + 1}`}
          className={cx(
            "h-8 shrink-0 rounded-md px-2 font-mono text-xs ring-1 ring-inset",
            showData || row.data ? "bg-brand-50 text-brand-700 ring-brand-200" : "text-slate-500 ring-slate-200 hover:bg-slate-50 hover:text-slate-800",
          )}
          title="The event's data, as JSON"
        >
          {"{ }"}
        </button>
        {onRemove ? (
          <button type="button" onClick={onRemove} className="rounded-md p-1 text-slate-400 hover:bg-slate-100 hover:text-red-600" aria-label={`Remove event ${index + 1}`}>
            <CloseIcon className="size-4" />
          </button>
        ) : (
          <span className="w-6" aria-hidden="true" />
        )}
      </div>
      <div className="space-y-1 pt-1 pl-8">
        <ErrorText messages={errors?.event ? [errors.event] : undefined} />
        {showData ? (
          <textarea
            value={row.data}
            onChange={(event) => onChange({ ...row, data: event.target.value })}
            rows={3}
            placeholder={'{ "qty": 2, "amount": "120.00", "currency": "EUR" }'}
            aria-label={`Data of event ${index + 1} (JSON)`}
            aria-invalid={errors?.data ? true : undefined}
            spellCheck={false}
            className={cx(compactInput, "mr-8 w-[calc(100%-2rem)] resize-y font-mono text-xs leading-5")}
          />
        ) : null}
        <ErrorText messages={errors?.data ? [errors.data] : undefined} />
      </div>
    </>
  );
}

export function TestScriptForm({ userId, onUserId, rows, onRows, errors, userMissing, eventNames, running, onRun }: Props) {
  const userField = useId();
  const listId = useId();
  const update = (key: string, next: ScriptRow) => onRows(rows.map((row) => (row.key === key ? next : row)));

  function submit(event: FormEvent) {
    event.preventDefault();
    onRun();
  }

  return (
    <form onSubmit={submit} className="space-y-4 px-5 py-4" aria-label="Test script">
      <div className="space-y-1.5">
        <label htmlFor={userField} className="block text-[13px] font-medium text-slate-700">
          User
        </label>
        <UserPicker id={userField} value={userId} onChange={onUserId} invalid={userMissing} />
        {userMissing ? <ErrorText messages={["Pick a user, or type an id"]} /> : <p className="text-xs text-slate-500">Their profile fills the templates; an unknown id starts blank.</p>}
      </div>

      <div className="space-y-1.5">
        <p className="text-[13px] font-medium text-slate-700">Events they log</p>
        <datalist id={listId}>
          {eventNames.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        <ol className="relative">
          {rows.map((row, index) => (
            <li key={row.key} className="relative" data-testid="script-row">
              {index > 0 ? <Gap row={row} index={index} errors={errors.get(row.key)} onChange={(next) => update(row.key, next)} /> : null}
              <EventRow
                row={row}
                index={index}
                errors={errors.get(row.key)}
                listId={listId}
                onChange={(next) => update(row.key, next)}
                onRemove={rows.length > 1 ? () => onRows(rows.filter((other) => other.key !== row.key)) : undefined}
              />
            </li>
          ))}
        </ol>
        <button
          type="button"
          onClick={() => onRows([...rows, newRow()])}
          disabled={rows.length >= MAX_SCRIPT_ROWS}
          className="mt-1 ml-8 inline-flex items-center gap-1.5 rounded-md px-1.5 py-1 text-xs font-medium text-brand-700 hover:bg-brand-50 disabled:opacity-50"
        >
          <PlusIcon className="size-3.5" />
          Add event
        </button>
      </div>

      <Button type="submit" size="sm" loading={running} className="w-full">
        {running ? null : <PlayIcon />}
        Run test
      </Button>
    </form>
  );
}
