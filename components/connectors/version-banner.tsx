"use client";

import type { ConnectorVersion } from "@/lib/client/connectors";
import { Button } from "../ui/button";
import { RelativeTime } from "../ui/time";
import { EyeIcon } from "./node-icons";

/** Shown over the canvas while a past version is open read-only. */
export function VersionBanner({ version, onBack, onRestore }: { version: ConnectorVersion; onBack: () => void; onRestore: () => void }) {
  return (
    <div className="flex items-center gap-3 rounded-xl bg-white py-2 pr-2 pl-3.5 shadow-lg ring-1 ring-brand-200" data-testid="version-banner">
      <EyeIcon className="size-4 shrink-0 text-brand-600" />
      <p className="text-sm text-slate-700">
        <span className="font-semibold text-slate-900">Version {version.version}</span> · published <RelativeTime value={version.publishedAt} />
        {version.publishedBy ? ` by ${version.publishedBy}` : ""} · <span className="text-slate-500">read-only</span>
      </p>
      <Button size="sm" variant="secondary" onClick={onRestore} title="Replace the draft with this version; save to keep it">
        Restore to draft
      </Button>
      <Button size="sm" onClick={onBack}>
        Back to draft
      </Button>
    </div>
  );
}
