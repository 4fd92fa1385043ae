"use client";

// The demo's window into the SDK: what the shop called, and what the SDK reports about
// itself (who it logs for, how much waits in its offline queue).
import type { CueStatus } from "@/lib/sdk/types";

export type Activity = { id: number; at: string; method: string; subject?: string; detail?: string };

export function ActivityPanel({
  status,
  activity,
  pushMessage,
  onEnablePush,
}: {
  status: CueStatus | null;
  activity: Activity[];
  pushMessage: string | null;
  onEnablePush: () => void;
}) {
  const who = status?.userId ?? status?.anonymousId ?? null;
  return (
    <aside aria-label="Cue SDK activity" className="self-start rounded-2xl bg-stone-900 p-5 text-stone-100 shadow-sm lg:sticky lg:top-6">
      <div className="flex items-center justify-between gap-3">
        <h2 className="text-sm font-semibold">Cue SDK</h2>
        <span className="inline-flex items-center gap-1.5 text-xs text-stone-400">
          <span className={`size-2 rounded-full ${status?.initialized ? (status.queued > 0 ? "bg-amber-400" : "bg-emerald-400") : "bg-stone-500"}`} />
          {status?.initialized ? (status.paused ? "paused: check the credentials" : status.queued > 0 ? "sending…" : "all sent") : "loading /sdk.js"}
        </span>
      </div>

      <dl className="mt-4 space-y-3 text-xs">
        <div>
          <dt className="text-stone-400">{status?.userId ? "Signed-in user" : "Anonymous id (until identify)"}</dt>
          <dd className="mt-0.5 truncate font-mono text-stone-100" data-testid={status?.userId ? "sdk-user-id" : "sdk-anonymous-id"} title={who ?? ""}>
            {who ?? "—"}
          </dd>
        </div>
        {status?.userId && status.anonymousId ? (
          <div>
            <dt className="text-stone-400">Anonymous id before sign-up</dt>
            <dd className="mt-0.5 truncate font-mono text-stone-400" data-testid="sdk-anonymous-id" title={status.anonymousId}>
              {status.anonymousId}
            </dd>
          </div>
        ) : null}
        <div className="flex items-baseline justify-between gap-3">
          <dt className="text-stone-400">Waiting in the offline queue</dt>
          <dd className="font-mono text-sm text-stone-100" data-testid="sdk-queued">
            {status?.queued ?? 0}
          </dd>
        </div>
      </dl>

      <h3 className="mt-5 text-xs font-medium tracking-wide text-stone-400 uppercase">Calls from this page</h3>
      <ol className="mt-2 max-h-80 space-y-2 overflow-y-auto font-mono text-[11.5px] leading-4" data-testid="sdk-activity">
        {activity.length === 0 ? <li className="text-stone-500">Nothing yet.</li> : null}
        {activity.map((item) => (
          <li key={item.id} className="rounded-lg bg-white/5 px-2.5 py-2">
            <div className="flex items-baseline justify-between gap-2 text-[10.5px] text-stone-500">
              <span>{item.method}</span>
              <span>{item.at}</span>
            </div>
            {item.subject ? <p className="mt-0.5 font-semibold text-amber-200 [overflow-wrap:anywhere]">{item.subject}</p> : null}
            {item.detail ? <p className="mt-1 text-stone-400 [overflow-wrap:anywhere]">{item.detail}</p> : null}
          </li>
        ))}
      </ol>

      <div className="mt-5 border-t border-white/10 pt-4">
        <button
          type="button"
          onClick={onEnablePush}
          disabled={!status?.initialized}
          className="w-full rounded-full bg-white/10 px-4 py-2 text-xs font-medium text-white hover:bg-white/15 disabled:opacity-50"
        >
          Enable push notifications
        </button>
        {pushMessage ? <p className="mt-2 text-xs leading-5 text-stone-400" role="status">{pushMessage}</p> : null}
      </div>
    </aside>
  );
}
