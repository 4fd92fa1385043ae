import { cx } from "../ui/cx";

/** A checkbox drawn as a switch: a plain form field, so the page works without JavaScript. */
export function CheckboxSwitch({
  id,
  name,
  value,
  defaultChecked,
  disabled,
  describedBy,
}: {
  id: string;
  name?: string;
  value?: string;
  defaultChecked: boolean;
  disabled?: boolean;
  describedBy?: string;
}) {
  return (
    <span className="relative inline-flex shrink-0">
      <input
        id={id}
        type="checkbox"
        role="switch"
        name={name}
        value={value}
        defaultChecked={defaultChecked}
        disabled={disabled}
        aria-describedby={describedBy}
        className={cx(
          "peer h-6 w-11 cursor-pointer appearance-none rounded-full bg-slate-200 transition-colors checked:bg-brand-600",
          "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500",
          "disabled:cursor-not-allowed disabled:opacity-50",
        )}
      />
      <span
        aria-hidden="true"
        className="pointer-events-none absolute top-0.5 left-0.5 size-5 rounded-full bg-white shadow-sm ring-1 ring-slate-900/5 transition-transform peer-checked:translate-x-5"
      />
    </span>
  );
}
