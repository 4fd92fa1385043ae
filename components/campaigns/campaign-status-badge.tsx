import type { CampaignStatus } from "@/lib/client/campaigns";
import { Badge, type BadgeTone } from "../ui/badge";

const STATUS: Record<CampaignStatus, { label: string; tone: BadgeTone; dot: string }> = {
  scheduled: { label: "Scheduled", tone: "neutral", dot: "bg-slate-400" },
  sending: { label: "Sending", tone: "brand", dot: "bg-brand-500 animate-pulse" },
  done: { label: "Done", tone: "success", dot: "bg-emerald-500" },
  cancelled: { label: "Cancelled", tone: "warning", dot: "bg-amber-500" },
};

export function CampaignStatusBadge({ status }: { status: CampaignStatus }) {
  const { label, tone, dot } = STATUS[status] ?? STATUS.scheduled;
  return (
    <Badge tone={tone}>
      <span className={`size-1.5 rounded-full ${dot}`} aria-hidden="true" />
      <span data-testid="campaign-status">{label}</span>
    </Badge>
  );
}
