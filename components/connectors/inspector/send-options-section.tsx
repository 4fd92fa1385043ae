"use client";

// A send's delivery options (API.md "Send options"): the topic a person can leave, and
// the two exemptions from the delivery policy. Unset options are left out of the node's
// data, so a graph saved before them reads the same.
import { DEFAULT_TOPIC_KEY } from "@/lib/client/delivery";
import { topicOptions, useTopics } from "@/lib/client/use-topics";
import type { NodeData } from "../graph-convert";
import { Field, Section, Select, str, withField, type FieldErrors } from "./fields";

function Check({ label, hint, checked, onChange }: { label: string; hint: string; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <label className="flex cursor-pointer items-start gap-2.5">
      <input type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} className="mt-0.5 size-4 shrink-0 rounded accent-brand-600" />
      <span className="min-w-0">
        <span className="block text-[13px] font-medium text-slate-700">{label}</span>
        <span className="block text-xs leading-5 text-slate-500">{hint}</span>
      </span>
    </label>
  );
}

export function SendOptionsSection({ data, onChange, errors }: { data: NodeData; onChange: (data: NodeData) => void; errors: FieldErrors }) {
  const topics = useTopics();
  const topic = str(data.topic) === DEFAULT_TOPIC_KEY ? "" : str(data.topic);
  const options = topicOptions(topics.data?.topics ?? [], topic);

  return (
    <Section title="Delivery" description="Who may get it, and whether the delivery policy applies.">
      <Field
        label="Topic"
        errors={errors.get("data.topic")}
        hint={
          <>
            People who leave this topic do not get it.{" "}
            <a href="/settings/topics" target="_blank" rel="noreferrer" className="font-medium text-brand-600 hover:text-brand-700">
              Manage topics
            </a>
          </>
        }
      >
        {(id) => (
          <Select id={id} value={topic} onChange={(event) => onChange(withField(data, "topic", event.target.value))} aria-invalid={errors.has("data.topic") || undefined}>
            {options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <div className="space-y-2.5">
        <Check
          label="Send during quiet hours"
          hint="Goes out even inside the policy's quiet hours."
          checked={data.ignoreQuietHours === true}
          onChange={(on) => onChange(withField(data, "ignoreQuietHours", on || undefined))}
        />
        <Check
          label="Ignore frequency caps"
          hint="Neither held nor dropped by a cap (it still counts towards them)."
          checked={data.ignoreCaps === true}
          onChange={(on) => onChange(withField(data, "ignoreCaps", on || undefined))}
        />
      </div>
    </Section>
  );
}
