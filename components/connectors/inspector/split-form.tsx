"use client";

// A split's branches: a key and a weight each (percentages that add up to 100). The
// canvas draws one output per branch; a branch left unconnected is a holdout.
import { MAX_BRANCHES } from "@/lib/engine/nodes/split";
import { Button } from "../../ui/button";
import { PlusIcon } from "../../ui/icons";
import { TrashIcon } from "../node-icons";
import { ErrorText, NumberInput, Section, compactInput, errorsUnder, type NodeFormProps } from "./fields";

type Branch = { key?: unknown; weight?: unknown };

function asBranches(value: unknown): Branch[] {
  return Array.isArray(value) ? value.map((item) => (typeof item === "object" && item !== null ? (item as Branch) : {})) : [];
}

// The next free letter: a, b, c…
function nextKey(branches: Branch[]): string {
  const taken = new Set(branches.map((b) => b.key));
  for (const letter of "abcdefghijklmnopqrstuvwxyz") if (!taken.has(letter)) return letter;
  return `branch_${branches.length + 1}`;
}

export function SplitForm({ data, onChange, errors }: NodeFormProps) {
  const branches = asBranches(data.branches);
  const save = (next: Branch[]) => onChange({ ...data, branches: next });
  const update = (index: number, branch: Branch) => save(branches.map((item, i) => (i === index ? branch : item)));
  const total = branches.reduce((sum, b) => sum + (typeof b.weight === "number" ? b.weight : 0), 0);

  return (
    <Section
      title="Branches"
      description="Each user takes one branch, always the same one, picked by weight. Leave a branch unconnected to hold those users out: they count for conversion but get nothing."
    >
      <div className="space-y-2">
        {branches.map((branch, index) => (
          <div key={index} className="flex items-center gap-1.5" data-testid="split-branch">
            <input
              type="text"
              value={typeof branch.key === "string" ? branch.key : ""}
              onChange={(event) => update(index, { ...branch, key: event.target.value })}
              aria-label={`Branch ${index + 1} key`}
              className={`${compactInput} font-mono text-[13px]`}
            />
            <div className="w-24 shrink-0">
              <NumberInput value={branch.weight} onChange={(weight) => update(index, { ...branch, weight })} aria-label={`Branch ${index + 1} weight`} invalid={errors.has(`data.branches.${index}.weight`)} />
            </div>
            <span className="text-xs text-slate-500">%</span>
            <button
              type="button"
              onClick={() => save(branches.filter((_, i) => i !== index))}
              className="flex size-8 shrink-0 items-center justify-center rounded-md text-slate-400 hover:bg-slate-50 hover:text-red-600"
              aria-label={`Remove branch ${index + 1}`}
            >
              <TrashIcon className="size-4" />
            </button>
          </div>
        ))}
      </div>
      <p className={total === 100 ? "text-xs text-slate-500" : "text-xs font-medium text-amber-700"} data-testid="split-total">
        Total {Number(total.toFixed(4))}%{total === 100 ? "" : " — the weights must add up to 100"}
      </p>
      <ErrorText messages={errorsUnder(errors, "data.branches")} />
      {branches.length < MAX_BRANCHES ? (
        <Button variant="secondary" size="sm" onClick={() => save([...branches, { key: nextKey(branches), weight: 0 }])}>
          <PlusIcon />
          Add branch
        </Button>
      ) : null}
    </Section>
  );
}
