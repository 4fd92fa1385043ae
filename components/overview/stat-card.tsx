import type { ReactNode } from "react";
import { Card } from "../ui/card";
import { ChangeBadge } from "./change-badge";

export function StatCard({ label, value, hint, change }: { label: string; value: ReactNode; hint: ReactNode; change?: number | null }) {
  return (
    <Card className="px-5 py-4">
      <p className="text-sm font-medium text-slate-500">{label}</p>
      <div className="mt-2 flex items-baseline gap-2">
        <p className="text-3xl font-semibold tracking-tight text-slate-900 tabular-nums">{value}</p>
        {change !== undefined ? <ChangeBadge change={change} /> : null}
      </div>
      <p className="mt-1 text-xs text-slate-400">{hint}</p>
    </Card>
  );
}
