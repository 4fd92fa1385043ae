"use client";

// Frequency caps: one row per rule (channel, how many, per how long) with the rule in
// words beside it, and what happens to a message that would go over one.
import { useId } from "react";
import { CAP_CHANNELS, type CapChannel } from "@/lib/delivery/policy";
import { DELAY_UNITS, type DelayUnit } from "@/lib/engine/nodes/fields";
import { CHANNEL_META } from "../messages/channel-meta";
import { Button } from "../ui/button";
import { Card, CardHeader } from "../ui/card";
import { cx } from "../ui/cx";
import { PlusIcon } from "../ui/icons";
import { inputClasses } from "../ui/input";
import { TrashIcon } from "../connectors/node-icons";
import { ChoiceCards } from "./choice-cards";
import { capDraft, capWords, errorUnder, type CapDraft, type PolicyDraft, type PolicyErrors } from "./policy-draft";

const CAP_MODES = [
  { value: "drop", label: "Drop it", hint: "Skipped, with the cap as its reason." },
  { value: "defer", label: "Send it later", hint: "Held until the window has room, then checked again." },
] as const;

// Numbers are typed: the browser's spin buttons only crowd the narrow inputs.
const numberClasses = cx(inputClasses, "tabular-nums [appearance:textfield] [&::-webkit-inner-spin-button]:appearance-none [&::-webkit-outer-spin-button]:appearance-none");
const channelName = (channel: CapChannel) => (channel === "any" ? "Any channel" : CHANNEL_META[channel].label);
const selectClasses = cx(inputClasses, "appearance-none bg-[length:1rem] bg-[right_0.5rem_center] bg-no-repeat pr-8");
// The same chevron the other selects draw, as a background so the select keeps its native behaviour.
const chevron = { backgroundImage: `url("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 20 20' fill='none' stroke='%2394a3b8' stroke-width='1.6'%3E%3Cpath d='m6 8 4 4 4-4' stroke-linecap='round' stroke-linejoin='round'/%3E%3C/svg%3E")` };

function CapRow({ row, index, errors, onChange, onRemove }: { row: CapDraft; index: number; errors: PolicyErrors; onChange: (row: CapDraft) => void; onRemove: () => void }) {
  const at = (field: string) => errors[`caps.${index}.${field}`];
  const words = capWords(row);
  const problem = errorUnder(errors, `caps.${index}`);
  const n = index + 1;
  return (
    <li className="px-5 py-3" data-testid="cap-row">
      {/* Wide screens: one line per cap, as the header's columns. Narrower: the inputs wrap, the words go under them. */}
      <div className="grid grid-cols-[minmax(0,1fr)_2rem] items-center gap-x-3 gap-y-2 xl:grid-cols-[9.5rem_5rem_15.5rem_minmax(0,1fr)_2rem]">
        <div className="flex flex-wrap items-center gap-2 xl:contents">
          <div className="w-38 xl:w-auto">
            <select
              aria-label={`Cap ${n} channel`}
              className={selectClasses}
              style={chevron}
              value={row.channel}
              onChange={(event) => onChange({ ...row, channel: event.target.value as CapChannel })}
              aria-invalid={Boolean(at("channel")) || undefined}
            >
              {CAP_CHANNELS.map((channel) => (
                <option key={channel} value={channel}>
                  {channelName(channel)}
                </option>
              ))}
            </select>
          </div>
          {/* Without the header's columns, the line reads "Push at most [3] per [1] [days]". */}
          <span className="text-sm text-slate-500 xl:hidden">at most</span>
          <div className="w-16 xl:w-auto">
            <input
              type="number"
              inputMode="numeric"
              min={1}
              aria-label={`Cap ${n} at most`}
              className={numberClasses}
              value={row.max}
              onChange={(event) => onChange({ ...row, max: event.target.value })}
              aria-invalid={Boolean(at("max")) || undefined}
            />
          </div>
          <div className="flex items-center gap-2">
            <span className="text-sm text-slate-500">per</span>
            <input
              type="number"
              inputMode="numeric"
              min={1}
              style={{ width: "4rem" }}
              aria-label={`Cap ${n} per amount`}
              className={numberClasses}
              value={row.amount}
              onChange={(event) => onChange({ ...row, amount: event.target.value })}
              aria-invalid={Boolean(at("per.amount")) || undefined}
            />
            <select
              aria-label={`Cap ${n} per unit`}
              className={selectClasses}
              style={{ ...chevron, width: "7rem" }}
              value={row.unit}
              onChange={(event) => onChange({ ...row, unit: event.target.value as DelayUnit })}
              aria-invalid={Boolean(at("per.unit")) || undefined}
            >
              {DELAY_UNITS.map((unit) => (
                <option key={unit} value={unit}>
                  {unit}
                </option>
              ))}
            </select>
          </div>
        </div>
        <p className={cx("col-start-1 row-start-2 min-w-0 text-sm xl:col-start-auto xl:row-start-auto xl:pl-2", words ? "font-medium text-slate-800" : "text-slate-400")} data-testid="cap-words">
          {words ?? "Enter how many and per how long"}
        </p>
        <button
          type="button"
          onClick={onRemove}
          className="col-start-2 row-start-1 justify-self-end rounded-md p-1.5 text-slate-400 hover:bg-red-50 hover:text-red-600 focus-visible:outline-2 focus-visible:outline-brand-500 xl:col-start-auto xl:row-start-auto"
          aria-label={`Remove cap ${n}`}
          title="Remove this cap"
        >
          <TrashIcon className="size-4.5" />
        </button>
      </div>
      {problem ? (
        <p className="mt-1.5 text-xs text-red-600" data-testid="field-error">
          {problem}
        </p>
      ) : null}
    </li>
  );
}

export function CapsCard({ draft, errors, onChange }: { draft: PolicyDraft; errors: PolicyErrors; onChange: (patch: Partial<PolicyDraft>) => void }) {
  const id = useId();
  const setRow = (index: number, row: CapDraft) => onChange({ caps: draft.caps.map((r, i) => (i === index ? row : r)) });
  const listError = errors.caps;

  return (
    <Card data-testid="caps">
      <CardHeader
        title="Frequency caps"
        description="Rolling windows per person: the messages sent or held inside one count towards it."
        actions={
          <Button variant="secondary" size="sm" onClick={() => onChange({ caps: [...draft.caps, capDraft()] })} disabled={draft.caps.length >= 20}>
            <PlusIcon /> Add a cap
          </Button>
        }
      />
      {draft.caps.length > 0 ? (
        <>
          <div className="hidden grid-cols-[9.5rem_5rem_15.5rem_minmax(0,1fr)_2rem] gap-x-3 border-b border-slate-100 bg-slate-50/60 px-5 py-2 text-xs font-medium tracking-wide text-slate-500 uppercase xl:grid">
            <span>Channel</span>
            <span>At most</span>
            <span>Per</span>
            <span className="pl-2">In words</span>
            <span />
          </div>
          <ul className="divide-y divide-slate-100" aria-label="Caps">
            {draft.caps.map((row, index) => (
              <CapRow
                key={row.id}
                row={row}
                index={index}
                errors={errors}
                onChange={(next) => setRow(index, next)}
                onRemove={() => onChange({ caps: draft.caps.filter((r) => r.id !== row.id) })}
              />
            ))}
          </ul>
        </>
      ) : (
        <p className="px-5 py-5 text-sm text-slate-500">No caps: a person can get any number of messages. Add one to keep connectors and campaigns from piling up on someone.</p>
      )}
      {listError ? <p className="px-5 pb-3 text-xs text-red-600" data-testid="field-error">{listError}</p> : null}
      <div className="space-y-1.5 border-t border-slate-100 px-5 py-5">
        <p id={`${id}-mode`} className="text-sm font-medium text-slate-700">
          A message that would go over a cap
        </p>
        <div role="radiogroup" aria-labelledby={`${id}-mode`}>
          <ChoiceCards name={`${id}-mode`} value={draft.capMode} options={CAP_MODES} onChange={(capMode) => onChange({ capMode })} columns={2} />
        </div>
        {errors.capMode ? <p className="text-xs text-red-600" data-testid="field-error">{errors.capMode}</p> : null}
        <p className="pt-1 text-xs leading-5 text-slate-500">&ldquo;Any channel&rdquo; counts push, email and SMS together; webhooks only count towards a webhook cap.</p>
      </div>
    </Card>
  );
}
