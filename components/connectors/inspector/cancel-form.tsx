"use client";

import type { NodeData } from "../graph-convert";
import { ChipList } from "./chip-list";
import { FilterRows } from "./filter-rows";
import { ErrorText, Section, errorsUnder, withField, type FieldErrors } from "./fields";
import { SameValuesSection } from "./shared-sections";
import { EVENT_NAMES_LIST } from "./trigger-form";

export function CancelForm({ data, onChange, errors }: { data: NodeData; onChange: (data: NodeData) => void; errors: FieldErrors }) {
  return (
    <>
      <Section
        title="Cancel if the user logged"
        description="Any of these events at or after the trigger event ends the run here. Users waiting in an earlier delay leave as soon as it arrives."
      >
        <ChipList
          label="Cancelling events"
          value={data.events}
          onChange={(events) => onChange({ ...data, events })}
          placeholder="Type an event and press Enter"
          list={EVENT_NAMES_LIST}
          invalid={errors.has("data.events")}
        />
        <ErrorText messages={errorsUnder(errors, "data.events")} />
      </Section>
      <Section title="Only when" description="Filters on the cancelling event's data.">
        <FilterRows
          name="Filter"
          value={data.where}
          onChange={(where) => onChange(withField(data, "where", where))}
          errors={errors}
          errorPath="data.where"
          pathPlaceholder="status"
        />
      </Section>
      <SameValuesSection
        data={data}
        onChange={onChange}
        errors={errors}
        description="Cancel only for the same order or product: the fields must hold the same value in both events."
      />
    </>
  );
}
