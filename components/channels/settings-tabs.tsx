"use client";

// Settings has sections of its own; this bar switches between them. Every settings
// page (General, Channels, Topics, Delivery policy) renders it.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cx } from "../ui/cx";

const TABS = [
  { href: "/settings", label: "General" },
  { href: "/settings/channels", label: "Channels" },
  { href: "/settings/topics", label: "Topics" },
  { href: "/settings/delivery", label: "Delivery policy" },
];

export function SettingsTabs() {
  const pathname = usePathname();
  return (
    <nav aria-label="Settings sections" className="mb-8 border-b border-slate-200">
      <ul className="-mb-px flex gap-6">
        {TABS.map((tab) => {
          const active = pathname === tab.href;
          return (
            <li key={tab.href}>
              <Link
                href={tab.href}
                aria-current={active ? "page" : undefined}
                className={cx(
                  "inline-flex border-b-2 px-0.5 pb-3 text-sm font-medium transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500",
                  active ? "border-brand-600 text-brand-700" : "border-transparent text-slate-500 hover:border-slate-300 hover:text-slate-800",
                )}
              >
                {tab.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
