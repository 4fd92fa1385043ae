"use client";

// The rule of a dynamic segment as a list of condition cards joined by all / any.
import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { eventsApi } from "@/lib/client/connectors";
import { eventKeys } from "@/lib/client/query-keys";
import { newAttributeCondition, newEventCondition } from "@/lib/segments/rule-draft";
import { ErrorText, Segmented, type FieldErrors } from "../connectors/inspector/fields";
import { Button } from "../ui/button";
import { PlusIcon } from "../ui/icons";
import { ConditionCard, type ConditionDraft } from "./condition-card";

export type RuleDraft = { match: "all" | "any"; conditions: ConditionDraft[] };

export function RuleBuilder({ rule, onChange, errors }: { rule: RuleDraft; onChange: (rule: RuleDraft) => void; errors: FieldErrors }) {
  const eventList = useId();
  const names = useQuery({ queryKey: eventKeys.names, queryFn: ({ signal }) => eventsApi.names(signal) });
  const setConditions = (conditions: ConditionDraft[]) => onChange({ ...rule, conditions });

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3 text-sm text-slate-600">
        <span>Include users who match</span>
        <div className="w-40">
          <Segmented
            value={rule.match}
            label="Match"
            options={[
              { value: "all", label: "all" },
              { value: "any", label: "any" },
            ]}
            onChange={(match) => onChange({ ...rule, match })}
          />
        </div>
        <span>of these conditions</span>
      </div>
      <datalist id={eventList}>
        {names.data?.names.map((n) => (
          <option key={n.event} value={n.event} />
        ))}
      </datalist>
      <div className="space-y-3">
        {rule.conditions.map((condition, index) => (
          <div key={index}>
            {index > 0 ? (
              <div className="mb-3 flex items-center gap-3" aria-hidden="true">
                <span className="h-px flex-1 bg-slate-200" />
                <span className="rounded-full bg-slate-100 px-2.5 py-0.5 text-[11px] font-semibold tracking-wider text-slate-500 uppercase">
                  {rule.match === "all" ? "and" : "or"}
                </span>
                <span className="h-px flex-1 bg-slate-200" />
              </div>
            ) : null}
            <ConditionCard
              condition={condition}
              index={index}
              errors={errors}
              eventList={eventList}
              onChange={(next) => setConditions(rule.conditions.map((c, i) => (i === index ? next : c)))}
              onRemove={() => setConditions(rule.conditions.filter((_, i) => i !== index))}
            />
          </div>
        ))}
      </div>
      <ErrorText messages={errors.get("conditions")} />
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" size="sm" onClick={() => setConditions([...rule.conditions, newEventCondition()])}>
          <PlusIcon /> Behaviour condition
        </Button>
        <Button variant="secondary" size="sm" onClick={() => setConditions([...rule.conditions, newAttributeCondition()])}>
          <PlusIcon /> Profile condition
        </Button>
      </div>
    </div>
  );
}
