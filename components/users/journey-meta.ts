// How each journey status and step kind looks on the profile: one badge tone per status,
// one dot colour per step kind, so the timeline reads at a glance.
import type { JourneyStatus, JourneyStepKind } from "@/lib/engine/journey";
import type { BadgeTone } from "../ui/badge";

export const JOURNEY_STATUS_META: Record<JourneyStatus, { label: string; tone: BadgeTone; dot: string }> = {
  in_progress: { label: "In progress", tone: "brand", dot: "bg-brand-500" },
  completed: { label: "Completed", tone: "success", dot: "bg-emerald-500" },
  cancelled: { label: "Cancelled", tone: "warning", dot: "bg-amber-500" },
  exited: { label: "Exited", tone: "neutral", dot: "bg-slate-400" },
  failed: { label: "Failed", tone: "danger", dot: "bg-red-500" },
};

export const STEP_DOT: Record<JourneyStepKind, string> = {
  entered: "bg-brand-500 ring-brand-100",
  waiting: "bg-white ring-brand-400 animate-pulse",
  delay: "bg-slate-300 ring-slate-100",
  waited: "bg-slate-400 ring-slate-100",
  checked: "bg-slate-300 ring-slate-100",
  branched: "bg-violet-400 ring-violet-100",
  cancelled: "bg-amber-500 ring-amber-100",
  sent: "bg-emerald-500 ring-emerald-100",
  queued: "bg-sky-400 ring-sky-100",
  held: "bg-amber-300 ring-amber-100",
  skipped: "bg-slate-400 ring-slate-100",
  failed: "bg-red-500 ring-red-100",
  segment: "bg-violet-500 ring-violet-100",
  acted: "bg-slate-400 ring-slate-100",
  completed: "bg-emerald-500 ring-emerald-100",
  exited: "bg-slate-500 ring-slate-100",
};

// Steps whose text ends in an event name ("Entered from ADDTOCART", "Cancelled by PURCHASE"),
// so the timeline can show that name like the event timeline does.
const EVENT_SUFFIX: Partial<Record<JourneyStepKind, string>> = { entered: "Entered from ", cancelled: "Cancelled by " };

export function splitEventName(kind: JourneyStepKind, text: string): { lead: string; event: string } | null {
  const prefix = EVENT_SUFFIX[kind];
  return prefix && text.startsWith(prefix) && text.length > prefix.length ? { lead: prefix.trimEnd(), event: text.slice(prefix.length) } : null;
}
