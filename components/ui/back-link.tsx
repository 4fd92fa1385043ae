import Link from "next/link";
import type { ReactNode } from "react";
import { cx } from "./cx";
import { ArrowLeftIcon } from "./icons";

/** "← Segments": the way back to the list a detail page belongs to. */
export function BackLink({ href, children, className }: { href: string; children: ReactNode; className?: string }) {
  return (
    <Link
      href={href}
      className={cx(
        "inline-flex items-center gap-1.5 rounded-md text-sm font-medium text-slate-500 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-brand-500",
        className,
      )}
    >
      <ArrowLeftIcon className="size-4" /> {children}
    </Link>
  );
}
