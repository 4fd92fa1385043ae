"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { AppSummary } from "@/lib/client/types";
import { cx } from "../ui/cx";
import { AppSwitcher } from "./app-switcher";
import { NAV_ITEMS, isActive } from "./nav-items";
import { SignOutButton } from "./sign-out-button";
import { Wordmark } from "./wordmark";

type SidebarProps = { email: string; apps: AppSummary[]; currentAppId: string };

function NavLinks({ orientation }: { orientation: "vertical" | "horizontal" }) {
  const pathname = usePathname();
  return (
    <ul className={orientation === "vertical" ? "space-y-0.5" : "flex gap-1"}>
      {NAV_ITEMS.map(({ href, label, icon: Icon }) => {
        const active = isActive(pathname, href);
        return (
          <li key={href}>
            <Link
              href={href}
              aria-current={active ? "page" : undefined}
              className={cx(
                "group flex items-center gap-3 rounded-lg px-3 py-2 text-sm font-medium transition-colors",
                "focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-brand-500",
                orientation === "horizontal" && "whitespace-nowrap",
                active ? "bg-brand-50 text-brand-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900",
              )}
            >
              <Icon
                className={cx(
                  "size-[18px] shrink-0",
                  active ? "text-brand-600" : "text-slate-400 group-hover:text-slate-500",
                )}
              />
              {label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

export function Sidebar({ email, apps, currentAppId }: SidebarProps) {
  return (
    <>
      <aside className="fixed inset-y-0 left-0 z-30 hidden w-64 flex-col border-r border-slate-200 bg-white md:flex">
        <div className="flex h-16 shrink-0 items-center px-5">
          <Link href="/overview" className="rounded-md focus-visible:outline-2 focus-visible:outline-brand-500" aria-label="Cue overview">
            <Wordmark />
          </Link>
        </div>
        <div className="px-3 pb-4">
          <AppSwitcher apps={apps} currentAppId={currentAppId} />
        </div>
        <nav aria-label="Main" className="flex-1 overflow-y-auto px-3">
          <NavLinks orientation="vertical" />
        </nav>
        <div className="border-t border-slate-200 p-3">
          <div className="flex items-center gap-3 rounded-lg px-2 py-1.5">
            <span
              aria-hidden="true"
              className="flex size-8 shrink-0 items-center justify-center rounded-full bg-slate-100 text-xs font-semibold text-slate-600 uppercase ring-1 ring-slate-200"
            >
              {email.slice(0, 1)}
            </span>
            <div className="min-w-0 flex-1">
              <p className="truncate text-sm font-medium text-slate-700" title={email} data-testid="signed-in-email">
                {email}
              </p>
              <p className="text-xs text-slate-400">Admin</p>
            </div>
            <SignOutButton />
          </div>
        </div>
      </aside>

      <div className="sticky top-0 z-30 border-b border-slate-200 bg-white md:hidden">
        <div className="flex h-14 items-center justify-between gap-3 px-4">
          <Link href="/overview" aria-label="Cue overview">
            <Wordmark />
          </Link>
          <div className="flex items-center gap-2">
            <div className="w-44">
              <AppSwitcher apps={apps} currentAppId={currentAppId} compact />
            </div>
            <SignOutButton />
          </div>
        </div>
        <nav aria-label="Main" className="overflow-x-auto px-2 pb-2">
          <NavLinks orientation="horizontal" />
        </nav>
      </div>
    </>
  );
}
