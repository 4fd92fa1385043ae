import { cx } from "../ui/cx";

/** Two or three labelled radio cards, each with a line saying what it does. */
export function ChoiceCards<T extends string>({
  name,
  value,
  options,
  onChange,
  columns = 1,
}: {
  name: string;
  value: T;
  options: ReadonlyArray<{ value: T; label: string; hint: string }>;
  onChange: (value: T) => void;
  columns?: 1 | 2;
}) {
  return (
    <div className={cx("grid gap-2", columns === 2 && "sm:grid-cols-2")}>
      {options.map((option) => (
        <label
          key={option.value}
          className={cx(
            "flex cursor-pointer gap-3 rounded-lg px-3.5 py-2.5 ring-1 ring-inset transition-colors",
            "has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-500",
            value === option.value ? "bg-brand-50/70 ring-2 ring-brand-500" : "bg-white ring-slate-300 hover:bg-slate-50",
          )}
        >
          <input
            type="radio"
            name={name}
            value={option.value}
            checked={value === option.value}
            onChange={() => onChange(option.value)}
            className="mt-0.5 size-4 shrink-0 accent-brand-600"
          />
          <span className="min-w-0">
            <span className="block text-sm font-medium text-slate-900">{option.label}</span>
            <span className="block text-xs leading-5 text-slate-500">{option.hint}</span>
          </span>
        </label>
      ))}
    </div>
  );
}
