"use client";

// The policy's time zone: typed or picked from the runtime's IANA zones (a datalist
// filters as you type), with the wall clock there now so a wrong pick shows at once.
import { useId, useSyncExternalStore } from "react";
import { canonicalTimeZone, localTime } from "@/lib/time-zone";
import { cx } from "../ui/cx";
import { inputClasses } from "../ui/input";

const noSubscribe = () => () => {};
let zones: string[] | null = null;

// Read once, in the browser only: the server's list may differ, and the page must hydrate the same.
function browserZones(): string[] {
  if (!zones) {
    const supported = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
    zones = supported.includes("UTC") ? supported : ["UTC", ...supported];
  }
  return zones;
}
const noZones: string[] = [];
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

export function TimeZoneField({ value, onChange, error }: { value: string; onChange: (zone: string) => void; error?: string }) {
  const id = useId();
  const options = useSyncExternalStore(noSubscribe, browserZones, () => noZones);
  const mine = useSyncExternalStore(noSubscribe, browserZone, () => null);
  const zone = canonicalTimeZone(value);
  const hydrated = options !== noZones;

  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        Time zone
      </label>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:gap-4">
        <input
          id={id}
          list={`${id}-zones`}
          className={cx(inputClasses, "sm:max-w-xs")}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          placeholder="Europe/Lisbon"
          spellCheck={false}
          autoComplete="off"
          aria-invalid={Boolean(error) || undefined}
          aria-describedby={`${id}-hint`}
        />
        <datalist id={`${id}-zones`}>
          {options.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-500">
          {hydrated && zone ? (
            <span data-testid="policy-zone-now">
              <span className="font-medium text-slate-700 tabular-nums">{localTime(new Date(), zone)}</span> there now
            </span>
          ) : null}
          {mine && mine !== zone ? (
            <button type="button" className="rounded text-sm font-medium text-brand-600 hover:text-brand-700 focus-visible:outline-2 focus-visible:outline-brand-500" onClick={() => onChange(mine)}>
              Use mine ({mine})
            </button>
          ) : null}
        </p>
      </div>
      {error ? (
        <p id={`${id}-hint`} className="text-xs text-red-600" data-testid="field-error">
          {error}
        </p>
      ) : (
        <p id={`${id}-hint`} className="text-xs leading-5 text-slate-500">
          Quiet hours follow each person&apos;s own time zone, set by the SDK or the API. This one is for people whose zone Cue does not know.
        </p>
      )}
    </div>
  );
}
