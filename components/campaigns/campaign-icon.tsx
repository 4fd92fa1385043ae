// The Campaigns section's icon, drawn like components/ui/icons (24×24 outline, currentColor).
import type { IconProps } from "../ui/icons";

export const CampaignsIcon = (p: IconProps) => (
  <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.75} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false" {...p}>
    <path d="M4 10v4a1 1 0 0 0 1 1h2l7 4V5L7 9H5a1 1 0 0 0-1 1Z" />
    <path d="M7 15v3.5a1.5 1.5 0 0 0 3 0V16.5" />
    <path d="M17.5 9a4 4 0 0 1 0 6M19.5 6.5a7.5 7.5 0 0 1 0 11" />
  </svg>
);
