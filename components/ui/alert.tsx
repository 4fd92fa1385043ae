import type { ReactNode } from "react";
import { cx } from "./cx";
import { WarningIcon } from "./icons";

export function Alert({
  tone = "danger",
  title,
  children,
  className,
}: {
  tone?: "danger" | "warning";
  title?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div
      role={tone === "danger" ? "alert" : "status"}
      className={cx(
        "flex gap-2.5 rounded-lg px-3.5 py-3 text-sm ring-1 ring-inset",
        tone === "danger" ? "bg-red-50 text-red-800 ring-red-200" : "bg-amber-50 text-amber-900 ring-amber-200",
        className,
      )}
    >
      <WarningIcon className={cx("mt-0.5 size-4 shrink-0", tone === "danger" ? "text-red-500" : "text-amber-500")} />
      <div className="min-w-0 space-y-1">
        {title ? <p className="font-medium">{title}</p> : null}
        <div className="leading-5">{children}</div>
      </div>
    </div>
  );
}
