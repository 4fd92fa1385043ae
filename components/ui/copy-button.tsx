"use client";

import { useEffect, useState } from "react";
import { cx } from "./cx";
import { CheckIcon, CopyIcon } from "./icons";

async function writeClipboard(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Plain-http deployments have no Clipboard API; fall back to a hidden textarea.
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand("copy");
    area.remove();
    return ok;
  }
}

export function CopyButton({ value, label = "Copy", className }: { value: string; label?: string; className?: string }) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 1600);
    return () => clearTimeout(timer);
  }, [copied]);

  return (
    <button
      type="button"
      onClick={async () => setCopied(await writeClipboard(value))}
      className={cx(
        "inline-flex h-8 shrink-0 items-center gap-1.5 rounded-md px-2.5 text-xs font-medium transition-colors",
        "text-slate-600 ring-1 ring-slate-300 ring-inset hover:bg-slate-50 hover:text-slate-900",
        "focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-brand-500",
        copied && "text-emerald-700 ring-emerald-300",
        className,
      )}
      aria-label={copied ? "Copied" : label}
    >
      {copied ? <CheckIcon className="size-3.5" /> : <CopyIcon className="size-3.5" />}
      <span aria-hidden="true">{copied ? "Copied" : "Copy"}</span>
    </button>
  );
}

/** A secret or identifier in monospace with a copy button beside it. */
export function CopyField({ value, label, className }: { value: string; label: string; className?: string }) {
  return (
    <div
      className={cx(
        "flex items-center gap-2 rounded-lg bg-slate-50 py-1 pr-1 pl-3 ring-1 ring-slate-200 ring-inset",
        className,
      )}
    >
      <code className="min-w-0 flex-1 truncate font-mono text-[13px] text-slate-800" title={value} data-testid={`value-${label}`}>
        {value}
      </code>
      <CopyButton value={value} label={`Copy ${label}`} className="bg-white" />
    </div>
  );
}
