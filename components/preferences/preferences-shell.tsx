import type { ReactNode } from "react";

/**
 * The public page a person reaches from an email: the sign-in page's centred card, under
 * the name of the application that emailed them (they may never have heard of Cue).
 */
export function PreferencesShell({ appName, children }: { appName?: string; children: ReactNode }) {
  return (
    <main className="relative flex min-h-screen flex-col items-center justify-center overflow-hidden px-4 py-12">
      <div
        aria-hidden="true"
        className="pointer-events-none absolute inset-x-0 top-0 -z-10 h-96 bg-[radial-gradient(60%_100%_at_50%_0%,var(--color-brand-100),transparent)]"
      />
      {appName ? (
        <div className="flex items-center gap-3" data-testid="preferences-app">
          <span
            aria-hidden="true"
            className="flex size-10 items-center justify-center rounded-xl bg-white text-lg font-semibold text-slate-700 shadow-sm ring-1 ring-slate-200"
          >
            {appName.trim().charAt(0).toUpperCase() || "?"}
          </span>
          <span className="text-xl font-semibold tracking-tight text-slate-900">{appName}</span>
        </div>
      ) : null}
      <div className="mt-8 w-full max-w-md rounded-2xl bg-white px-7 py-8 shadow-lg shadow-slate-900/5 ring-1 ring-slate-200">{children}</div>
      <p className="mt-6 text-xs text-slate-400">
        Email preferences by <span className="font-medium text-slate-500">Cue</span>
      </p>
    </main>
  );
}
