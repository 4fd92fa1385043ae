// A step summary with its Liquid tags shown as small field chips, so a node reads
// "You left [qty] items" rather than template syntax.
import { Fragment } from "react";
import { summaryParts } from "./summary-parts";

export function SummaryText({ text }: { text: string }) {
  return summaryParts(text).map((part, index) =>
    "text" in part ? (
      <Fragment key={index}>{part.text}</Fragment>
    ) : (
      <span key={index} title={part.source} className="mx-px inline-block rounded bg-slate-100 px-1 font-mono text-[0.85em] leading-[1.35] text-slate-600 ring-1 ring-slate-200 ring-inset">
        {part.field}
      </span>
    ),
  );
}
