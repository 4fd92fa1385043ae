// The Templates section's icon, drawn like components/ui/icons (24×24 outline, currentColor).
import type { IconProps } from "../ui/icons";

export const TemplatesIcon = (p: IconProps) => (
  <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.75} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false" {...p}>
    <rect x="4" y="3.5" width="16" height="17" rx="2" />
    <path d="M4 8.5h16M8 12.5h8M8 16h5" />
  </svg>
);
