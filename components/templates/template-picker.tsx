"use client";

// "Write here / Use a template" for a send step or a campaign: with a template, a select
// of that channel's saved templates and a link to edit the one picked. `template` is
// undefined while the texts are written here, and "" while none is picked yet.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useId } from "react";
import { templateHref, templateKeys, templatesApi } from "@/lib/client/templates";
import type { Channel } from "@/lib/engine/nodes/fields";
import { Segmented, compactInput } from "../connectors/inspector/fields";
import { CHANNEL_META } from "../messages/channel-meta";
import { cx } from "../ui/cx";
import { inputClasses } from "../ui/input";
import { newTemplateHref } from "./template-links";

const MODES = [
  { value: "write", label: "Write here" },
  { value: "template", label: "Use a template" },
] as const;

type Props = {
  channel: Channel;
  template: string | undefined;
  onChange: (template: string | undefined) => void;
  /** When the template's texts are copied: "the connector is published", "the campaign is created". */
  copiedWhen: string;
  errors?: string[];
  compact?: boolean;
};

export function TemplatePicker({ channel, template, onChange, copiedWhen, errors, compact }: Props) {
  const error = errors?.length ? errors.join(" · ") : undefined;
  const selectId = useId();
  const list = useQuery({ queryKey: templateKeys.list(channel), queryFn: ({ signal }) => templatesApi.list(channel, signal), staleTime: 10_000 });
  const templates = list.data?.templates ?? [];
  const using = template !== undefined;
  const label = compact ? "block text-[13px] font-medium text-slate-700" : "block text-sm font-medium text-slate-700";

  return (
    <div className="space-y-3" data-testid="template-picker">
      <Segmented
        label="Texts"
        value={using ? "template" : "write"}
        options={MODES}
        onChange={(mode) => onChange(mode === "write" ? undefined : (templates[0]?.id ?? ""))}
      />
      {using ? (
        <div className="space-y-1.5">
          <label htmlFor={selectId} className={label}>
            {CHANNEL_META[channel].label} template
          </label>
          <select
            id={selectId}
            className={cx(compact ? compactInput : inputClasses, "pr-8")}
            value={template}
            onChange={(event) => onChange(event.target.value)}
            aria-invalid={error ? true : undefined}
          >
            <option value="">{list.isPending ? "Loading templates…" : templates.length ? "Choose a template…" : `No ${CHANNEL_META[channel].noun} templates yet`}</option>
            {templates.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
                {t.format !== "text" ? ` (${t.format === "mjml" ? "MJML" : "markdown"})` : ""}
              </option>
            ))}
          </select>
          {error ? (
            <p className="text-xs text-red-600" data-testid="field-error">
              {error}
            </p>
          ) : null}
          <p className="text-xs leading-5 text-slate-500">
            {template ? (
              <Link href={templateHref(template)} target="_blank" className="font-medium text-brand-600 hover:text-brand-700">
                Edit this template ↗
              </Link>
            ) : (
              <Link href={newTemplateHref(channel, channel === "email" ? "mjml" : undefined)} target="_blank" className="font-medium text-brand-600 hover:text-brand-700">
                New {CHANNEL_META[channel].label.toLowerCase()} template ↗
              </Link>
            )}{" "}
            Its texts are copied when {copiedWhen}.
          </p>
        </div>
      ) : null}
    </div>
  );
}
