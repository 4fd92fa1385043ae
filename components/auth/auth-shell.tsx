import type { ReactNode } from "react";
import { Wordmark } from "../layout/wordmark";

/** The centred card that sign-in and first-run setup share. */
export function AuthShell({ title, subtitle, children, footer }: { title: string; subtitle?: ReactNode; children: ReactNode; footer?: ReactNode }) {
  return (
    <main className="relative flex min-h-screen flex-col items-center justify-center overflow-hidden px-4 py-12">
      <div
        aria-hidden="true"
        className="pointer-events-none absolute inset-x-0 top-0 -z-10 h-96 bg-[radial-gradient(60%_100%_at_50%_0%,var(--color-brand-100),transparent)]"
      />
      <Wordmark size="lg" />
      <div className="mt-8 w-full max-w-sm rounded-2xl bg-white px-7 py-8 shadow-lg shadow-slate-900/5 ring-1 ring-slate-200">
        <h1 className="text-xl font-semibold tracking-tight text-slate-900">{title}</h1>
        {subtitle ? <p className="mt-1.5 text-sm leading-6 text-slate-500">{subtitle}</p> : null}
        <div className="mt-6">{children}</div>
      </div>
      {footer ? <div className="mt-6 text-center text-sm text-slate-500">{footer}</div> : null}
    </main>
  );
}
