import type { Metadata } from "next";
import { PreferencesShell } from "@/components/preferences/preferences-shell";
import { WarningIcon } from "@/components/ui/icons";

export const metadata: Metadata = { title: "Link not valid", robots: { index: false, follow: false } };

// A forged, altered or truncated link, or one whose recipient no longer exists: nothing is shown or changed.
export default function PreferencesLinkNotFound() {
  return (
    <PreferencesShell>
      <div className="flex size-10 items-center justify-center rounded-full bg-amber-50 ring-1 ring-amber-200">
        <WarningIcon className="size-5 text-amber-500" />
      </div>
      <h1 className="mt-4 text-xl font-semibold tracking-tight text-slate-900">This link doesn&apos;t work</h1>
      <p className="mt-1.5 text-sm leading-6 text-slate-500">
        It may have been altered or copied incompletely, or the account it was for no longer exists. Open the unsubscribe link in your
        most recent email instead.
      </p>
    </PreferencesShell>
  );
}
