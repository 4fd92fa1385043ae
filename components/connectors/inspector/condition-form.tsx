"use client";

import type { NodeData } from "../graph-convert";
import { FilterRows } from "./filter-rows";
import { Section, Segmented, type FieldErrors } from "./fields";

export const CONDITION_PATHS_LIST = "cue-condition-paths";
const SUGGESTED_PATHS = ["event.data.", "event.event", "user.email", "user.phone", "user.name", "user.attributes."];

export function ConditionPathSuggestions() {
  return (
    <datalist id={CONDITION_PATHS_LIST}>
      {SUGGESTED_PATHS.map((path) => (
        <option key={path} value={path} />
      ))}
    </datalist>
  );
}

export function ConditionForm({ data, onChange, errors }: { data: NodeData; onChange: (data: NodeData) => void; errors: FieldErrors }) {
  return (
    <>
      <Section title="Users go down “Yes” when" description="Paths start with event. (event.data.amount) or user. (user.email, user.attributes.plan).">
        <Segmented
          label="How rules combine"
          value={data.match === "any" ? "any" : "all"}
          options={[
            { value: "all", label: "All rules match" },
            { value: "any", label: "Any rule matches" },
          ]}
          onChange={(match) => onChange({ ...data, match })}
        />
        <FilterRows
          name="Rule"
          addLabel="Add rule"
          value={data.where}
          onChange={(where) => onChange({ ...data, where: where ?? [] })}
          errors={errors}
          errorPath="data.where"
          pathPlaceholder="event.data.amount"
          pathList={CONDITION_PATHS_LIST}
        />
      </Section>
      <p className="border-t border-slate-100 px-5 py-4 text-xs leading-5 text-slate-500">
        Everyone else goes down “No”. Leave a branch unconnected to end the run there.
      </p>
    </>
  );
}
