"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { apiFetch } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/query-keys";
import type { AppSummary, AppsResponse } from "@/lib/client/types";
import { cx } from "../ui/cx";
import { CheckIcon, ChevronUpDownIcon, PlusIcon } from "../ui/icons";
import { Spinner } from "../ui/spinner";
import { NewAppDialog } from "./new-app-dialog";
import { sectionRoot } from "./nav-items";

function AppAvatar({ name, className }: { name: string; className?: string }) {
  return (
    <span
      aria-hidden="true"
      className={cx(
        "flex size-7 shrink-0 items-center justify-center rounded-md bg-slate-900 text-xs font-semibold text-white uppercase",
        className,
      )}
    >
      {name.trim().slice(0, 1) || "?"}
    </span>
  );
}

export function AppSwitcher({ apps, currentAppId, compact }: { apps: AppSummary[]; currentAppId: string; compact?: boolean }) {
  const router = useRouter();
  const pathname = usePathname();
  const queryClient = useQueryClient();
  const menuId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);
  const [creating, setCreating] = useState(false);
  const [switchingTo, setSwitchingTo] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const { data } = useQuery({
    queryKey: queryKeys.apps,
    queryFn: () => apiFetch<AppsResponse>("/api/dashboard/apps"),
    initialData: { apps, currentAppId },
  });
  // The server's props are the truth after router.refresh(); the query fills in between.
  const list = data.apps.length >= apps.length ? data.apps : apps;
  const current = list.find((app) => app.id === currentAppId) ?? list[0];

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") setOpen(false);
    };
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  async function switchTo(appId: string) {
    if (appId === currentAppId) return setOpen(false);
    setSwitchingTo(appId);
    setError(null);
    try {
      await apiFetch("/api/dashboard/apps/switch", { body: { appId } });
      // Everything cached belongs to the previous application.
      void queryClient.resetQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.apps[0] });
      void queryClient.invalidateQueries({ queryKey: queryKeys.apps });
      setOpen(false);
      const root = sectionRoot(pathname);
      if (root !== pathname) router.push(root);
      router.refresh();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : "Could not switch application");
    } finally {
      setSwitchingTo(null);
    }
  }

  return (
    <div ref={rootRef} className="relative">
      <button
        type="button"
        aria-haspopup="true"
        aria-expanded={open}
        aria-controls={menuId}
        aria-label={`Application: ${current?.name ?? "none"}. Switch application`}
        onClick={() => setOpen((value) => !value)}
        className={cx(
          "flex w-full items-center gap-2.5 rounded-lg bg-white text-left ring-1 ring-slate-200 transition-colors ring-inset hover:bg-slate-50",
          "focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-brand-500",
          compact ? "px-2 py-1.5" : "px-2.5 py-2",
        )}
      >
        <AppAvatar name={current?.name ?? "?"} className={compact ? "size-6" : undefined} />
        <span className="min-w-0 flex-1">
          {!compact ? <span className="block text-[11px] font-medium tracking-wide text-slate-400 uppercase">Application</span> : null}
          <span className="block truncate text-sm font-medium text-slate-900" data-testid="current-app-name">
            {current?.name}
          </span>
        </span>
        <ChevronUpDownIcon className="size-4 shrink-0 text-slate-400" />
      </button>

      {open ? (
        <div
          id={menuId}
          className="absolute inset-x-0 top-full z-40 mt-1.5 min-w-56 overflow-hidden rounded-xl bg-white p-1.5 shadow-lg ring-1 ring-slate-900/10"
        >
          <p className="px-2.5 pt-1.5 pb-1 text-[11px] font-medium tracking-wide text-slate-400 uppercase">Switch application</p>
          <ul className="max-h-72 overflow-y-auto">
            {list.map((app) => {
              const selected = app.id === currentAppId;
              return (
                <li key={app.id}>
                  <button
                    type="button"
                    onClick={() => switchTo(app.id)}
                    aria-current={selected ? "true" : undefined}
                    disabled={switchingTo !== null}
                    className="flex w-full items-center gap-2.5 rounded-lg px-2.5 py-2 text-left text-sm hover:bg-slate-50 focus-visible:bg-slate-50 focus-visible:outline-none disabled:opacity-60"
                  >
                    <AppAvatar name={app.name} className="size-6" />
                    <span className="min-w-0 flex-1">
                      <span className="block truncate font-medium text-slate-800">{app.name}</span>
                      <span className="block truncate font-mono text-[11px] text-slate-400">{app.key}</span>
                    </span>
                    {switchingTo === app.id ? (
                      <Spinner className="text-slate-400" />
                    ) : selected ? (
                      <CheckIcon className="size-4 text-brand-600" />
                    ) : null}
                  </button>
                </li>
              );
            })}
          </ul>
          {error ? (
            <p role="alert" className="px-2.5 py-1.5 text-xs text-red-600">
              {error}
            </p>
          ) : null}
          <div className="mt-1 border-t border-slate-100 pt-1">
            <button
              type="button"
              onClick={() => {
                setOpen(false);
                setCreating(true);
              }}
              className="flex w-full items-center gap-2.5 rounded-lg px-2.5 py-2 text-sm font-medium text-brand-700 hover:bg-brand-50 focus-visible:bg-brand-50 focus-visible:outline-none"
            >
              <span className="flex size-6 items-center justify-center rounded-md border border-dashed border-brand-300">
                <PlusIcon className="size-3.5" />
              </span>
              New application
            </button>
          </div>
        </div>
      ) : null}

      <NewAppDialog open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}
