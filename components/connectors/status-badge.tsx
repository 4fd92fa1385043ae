import type { ConnectorStatus } from "@/lib/client/connectors";
import { Badge, type BadgeTone } from "../ui/badge";

const STATUS: Record<ConnectorStatus, { label: string; tone: BadgeTone; dot: string }> = {
  active: { label: "Live", tone: "success", dot: "bg-emerald-500" },
  paused: { label: "Paused", tone: "warning", dot: "bg-amber-500" },
  draft: { label: "Draft", tone: "neutral", dot: "bg-slate-400" },
};

export function StatusBadge({ status }: { status: ConnectorStatus }) {
  const { label, tone, dot } = STATUS[status] ?? STATUS.draft;
  return (
    <Badge tone={tone}>
      <span className={`size-1.5 rounded-full ${dot}`} aria-hidden="true" />
      <span data-testid="connector-status">{label}</span>
    </Badge>
  );
}
