"use client";

import type { ProviderName } from "@/lib/client/channels";
import { cx } from "../ui/cx";
import { PROVIDER_SPECS } from "./provider-fields";

/** The providers a channel allows, as radio cards with a line on what each does. */
export function ProviderPicker({
  name,
  providers,
  value,
  saved,
  onChange,
  error,
}: {
  name: string;
  providers: ProviderName[];
  value: ProviderName;
  saved: ProviderName;
  onChange: (provider: ProviderName) => void;
  error?: string;
}) {
  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-700">Provider</legend>
      <div className="mt-2 grid grid-cols-1 gap-3 sm:grid-cols-2">
        {providers.map((provider) => {
          const spec = PROVIDER_SPECS[provider];
          const checked = provider === value;
          return (
            <label
              key={provider}
              className={cx(
                "relative flex cursor-pointer gap-3 rounded-lg px-4 py-3 ring-1 transition-colors ring-inset has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-brand-500",
                checked ? "bg-brand-50/60 ring-2 ring-brand-500" : "bg-white ring-slate-200 hover:ring-slate-300",
              )}
            >
              <input
                type="radio"
                name={name}
                value={provider}
                checked={checked}
                onChange={() => onChange(provider)}
                className="mt-0.5 size-4 shrink-0 accent-brand-600"
              />
              <span className="min-w-0">
                <span className="flex items-center gap-2 text-sm font-medium text-slate-900">
                  {spec.label}
                  {provider === saved ? <span className="text-xs font-normal text-slate-500">· current</span> : null}
                </span>
                <span className="mt-0.5 block text-xs leading-5 text-slate-500">{spec.summary}</span>
              </span>
            </label>
          );
        })}
      </div>
      {error ? <p className="mt-1.5 text-xs text-red-600">{error}</p> : null}
    </fieldset>
  );
}
