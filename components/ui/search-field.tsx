import type { InputHTMLAttributes } from "react";
import { cx } from "./cx";
import { SearchIcon } from "./icons";
import { inputClasses } from "./input";

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "onChange" | "value"> & {
  id: string;
  /** Read by screen readers; the placeholder shows what to type. */
  label: string;
  value: string;
  onValueChange: (value: string) => void;
  /** Classes of the wrapper, which sets the width. */
  className?: string;
  inputClassName?: string;
};

/** A search box with its magnifier, as every list's filter bar has one. */
export function SearchField({ id, label, value, onValueChange, className, inputClassName, ...rest }: Props) {
  return (
    <div className={cx("relative w-full", className)}>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <SearchIcon className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-400" />
      <input
        id={id}
        type="search"
        value={value}
        onChange={(event) => onValueChange(event.target.value)}
        autoComplete="off"
        className={cx(inputClasses, "pl-9", inputClassName)}
        {...rest}
      />
    </div>
  );
}
