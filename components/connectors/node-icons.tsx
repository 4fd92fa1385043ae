// Outline icons for the node types, drawn like components/ui/icons (24×24, currentColor),
// and how each node type looks: its icon, tile colours and minimap accent.
import type { ComponentType, ReactNode, SVGProps } from "react";
import type { NodeType } from "@/lib/engine/nodes/definition";

export type NodeIconProps = SVGProps<SVGSVGElement>;

function Icon({ children, ...props }: NodeIconProps & { children: ReactNode }) {
  return (
    <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.75} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false" {...props}>
      {children}
    </svg>
  );
}

export const TriggerIcon = (p: NodeIconProps) => (
  <Icon {...p}>
    <path d="M13 2.5 4.5 13.5H12l-1 8 8.5-11H12l1-8Z" />
  </Icon>
);

export const DelayIcon = (p: NodeIconProps) => (
  <Icon {...p}>
    <path d="M7 3.5h10M7 20.5h10" />
    <path d="M8 3.5v3.2a4 4 0 0 0 1.6 3.2L12 12l2.4-2.1A4 4 0 0 0 16 6.7V3.5M8 20.5v-3.2a4 4 0 0 1 1.6-3.2L12 12l2.4 2.1a4 4 0 0 1 1.6 3.2v3.2" />
  </Icon>
);

export const WaitIcon = (p: NodeIconProps) => (
  <Icon {...p}>
    <circle cx="12" cy="13" r="7.5" />
    <path d="M12 9v4l2.5 2.5M9.5 2.5h5" />
  </Icon>
);

export const SplitIcon = (p: NodeIconProps) => (
  <Icon {...p}>
    <path d="M12 3.5v6M12 9.5 5.5 16v4.5M12 9.5l6.5 6.5v4.5M12 9.5v11" />
  </Icon>
);

export const CancelIcon = (p: NodeIconProps) => (
  <Icon {...p}>
    <circle cx="12" cy="12" r="8.5" />
    <path d="m6 6 12 12" />
  </Icon>
);

export const ConditionIcon = (p: NodeIconProps) => (
  <Icon {...p}>
    <circle cx="6" cy="5.5" r="2" />
    <circle cx="6" cy="18.5" r="2" />
    <circle cx="18" cy="18.5" r="2" />
    <path d="M6 7.5v9M6 10.5c0 3.5 2.5 5 6 5h2.5a3.5 3.5 0 0 1 3.5 1" />
  </Icon>
);

export const ActionIcon = (p: NodeIconProps) => (
  <Icon {...p}>
    <path d="M20.5 3.5 10 14" />
    <path d="M20.5 3.5 14 20.5l-4-6.5-6.5-4 17-6.5Z" />
  </Icon>
);

export type NodeLook = {
  icon: ComponentType<NodeIconProps>;
  /** Classes for the icon tile. */
  tile: string;
  /** Accent colour for the minimap. */
  color: string;
};

export const NODE_LOOKS: Record<NodeType, NodeLook> = {
  trigger: { icon: TriggerIcon, tile: "bg-brand-50 text-brand-600 ring-brand-100", color: "#4f6ef7" },
  delay: { icon: DelayIcon, tile: "bg-amber-50 text-amber-600 ring-amber-100", color: "#f59e0b" },
  wait: { icon: WaitIcon, tile: "bg-sky-50 text-sky-600 ring-sky-100", color: "#0ea5e9" },
  cancel: { icon: CancelIcon, tile: "bg-rose-50 text-rose-600 ring-rose-100", color: "#f43f5e" },
  condition: { icon: ConditionIcon, tile: "bg-violet-50 text-violet-600 ring-violet-100", color: "#8b5cf6" },
  split: { icon: SplitIcon, tile: "bg-fuchsia-50 text-fuchsia-600 ring-fuchsia-100", color: "#d946ef" },
  action: { icon: ActionIcon, tile: "bg-emerald-50 text-emerald-600 ring-emerald-100", color: "#10b981" },
};

export const HistoryIcon = (p: NodeIconProps) => (
  <Icon {...p}>
    <path d="M3.5 12a8.5 8.5 0 1 0 2.5-6" />
    <path d="M3.5 4v4.5H8M12 7.5V12l3 2" />
  </Icon>
);

export const PencilIcon = (p: NodeIconProps) => (
  <Icon {...p}>
    <path d="m14.5 5.5 4 4M4 20l4.5-1 10.8-10.8a2.1 2.1 0 0 0-3-3L5.5 16 4 20Z" />
  </Icon>
);

export const DuplicateIcon = (p: NodeIconProps) => (
  <Icon {...p}>
    <rect x="8.5" y="8.5" width="12" height="12" rx="2" />
    <path d="M15.5 8.5V5.5a2 2 0 0 0-2-2h-8a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h3" />
  </Icon>
);

export const TrashIcon = (p: NodeIconProps) => (
  <Icon {...p}>
    <path d="M4 6.5h16M9.5 6.5V4.5h5v2M6.5 6.5l.8 12.2a2 2 0 0 0 2 1.8h5.4a2 2 0 0 0 2-1.8l.8-12.2M10 10.5v6M14 10.5v6" />
  </Icon>
);

export const PlayIcon = (p: NodeIconProps) => (
  <Icon {...p}>
    <path d="M7 4.8v14.4a1 1 0 0 0 1.5.9l11.3-7.2a1 1 0 0 0 0-1.7L8.5 3.9A1 1 0 0 0 7 4.8Z" />
  </Icon>
);

export const PauseIcon = (p: NodeIconProps) => (
  <Icon {...p}>
    <rect x="6" y="4.5" width="4" height="15" rx="1" />
    <rect x="14" y="4.5" width="4" height="15" rx="1" />
  </Icon>
);

export const SaveIcon = (p: NodeIconProps) => (
  <Icon {...p}>
    <path d="M5 3.5h11l3.5 3.5v11.5a2 2 0 0 1-2 2h-12.5a2 2 0 0 1-2-2V5.5a2 2 0 0 1 2-2Z" />
    <path d="M7.5 3.5v5h8v-5M7.5 20.5v-6.5h9v6.5" />
  </Icon>
);

export const EyeIcon = (p: NodeIconProps) => (
  <Icon {...p}>
    <path d="M2.5 12S6 5.5 12 5.5 21.5 12 21.5 12 18 18.5 12 18.5 2.5 12 2.5 12Z" />
    <circle cx="12" cy="12" r="3" />
  </Icon>
);

export const SparkIcon = (p: NodeIconProps) => (
  <Icon {...p}>
    <path d="M12 3.5v4M12 16.5v4M3.5 12h4M16.5 12h4M6 6l2.5 2.5M15.5 15.5 18 18M6 18l2.5-2.5M15.5 8.5 18 6" />
  </Icon>
);

/** Backtest: a chart replayed from the past. */
export const BacktestIcon = (p: NodeIconProps) => (
  <Icon {...p}>
    <path d="M3.5 12a8.5 8.5 0 1 0 2.5-6" />
    <path d="M3.5 4v4.5H8" />
    <path d="M9 15.5v-2.5M12 15.5V9.5M15 15.5v-4" />
  </Icon>
);

/** Test one user: a flask. */
export const FlaskIcon = (p: NodeIconProps) => (
  <Icon {...p}>
    <path d="M9.5 3.5h5M10.5 3.5v5.2L5 18.2a1.6 1.6 0 0 0 1.4 2.3h11.2a1.6 1.6 0 0 0 1.4-2.3l-5.5-9.5V3.5" />
    <path d="M7.5 14.5h9" />
  </Icon>
);
