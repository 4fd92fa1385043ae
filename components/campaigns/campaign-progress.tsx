// A campaign's messages as one stacked bar over its recipients: sent, waiting in the
// outbox, held by the delivery policy, skipped, failed; the empty rest is members the
// fan-out has not reached yet.
import type { CampaignProgress } from "@/lib/client/campaigns";
import { formatNumber } from "@/lib/client/format";
import { cx } from "../ui/cx";

const PARTS = [
  { key: "sent", label: "Sent", bar: "bg-emerald-500", dot: "bg-emerald-500" },
  { key: "queued", label: "Queued", bar: "bg-brand-400", dot: "bg-brand-400" },
  { key: "held", label: "Held", bar: "bg-amber-400", dot: "bg-amber-400" },
  { key: "skipped", label: "Skipped", bar: "bg-slate-300", dot: "bg-slate-300" },
  { key: "failed", label: "Failed", bar: "bg-red-500", dot: "bg-red-500" },
] as const;

export function ProgressBar({ progress, className }: { progress: CampaignProgress; className?: string }) {
  const total = Math.max(progress.recipients, 1);
  const done = progress.sent + progress.queued + progress.held + progress.skipped + progress.failed;
  return (
    <div
      className={cx("flex h-2 w-full overflow-hidden rounded-full bg-slate-100", className)}
      role="progressbar"
      aria-label="Messages recorded"
      aria-valuemin={0}
      aria-valuemax={progress.recipients}
      aria-valuenow={done}
    >
      {PARTS.map((part) =>
        progress[part.key] > 0 ? (
          <div key={part.key} className={cx("h-full transition-[width] duration-500", part.bar)} style={{ width: `${(progress[part.key] / total) * 100}%` }} />
        ) : null,
      )}
    </div>
  );
}

export function ProgressLegend({ progress, className }: { progress: CampaignProgress; className?: string }) {
  return (
    <dl className={cx("flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-500", className)}>
      {PARTS.map((part) => (
        <div key={part.key} className="flex items-center gap-1.5">
          <span className={cx("size-2 rounded-full", part.dot)} aria-hidden="true" />
          <dt>{part.label}</dt>
          <dd className="font-medium text-slate-700 tabular-nums" data-testid={`progress-${part.key}`}>
            {formatNumber(progress[part.key])}
          </dd>
        </div>
      ))}
    </dl>
  );
}
