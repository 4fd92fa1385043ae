"use client";

// The editor's header: back, name (click to rename), status, the dry runs (test one
// user, backtest on past events) and the save / publish / pause / history actions.
import Link from "next/link";
import { useState, type FormEvent } from "react";
import type { ConnectorDetail } from "@/lib/client/connectors";
import type { Busy } from "./use-connector-actions";
import { Button } from "../ui/button";
import { cx } from "../ui/cx";
import { ArrowLeftIcon } from "../ui/icons";
import { inputClasses } from "../ui/input";
import { Spinner } from "../ui/spinner";
import { BacktestIcon, FlaskIcon, HistoryIcon, PauseIcon, PencilIcon, PlayIcon, SaveIcon } from "./node-icons";
import { StatusBadge } from "./status-badge";

type Props = {
  connector: ConnectorDetail;
  dirty: boolean;
  problemCount: number;
  viewing: boolean;
  historyOpen: boolean;
  /** Which dry-run panel is open. */
  tryPanel: "backtest" | "test" | null;
  backtestRunning: boolean;
  busy: Busy;
  flash: string | null;
  onRename: (name: string) => void;
  onSave: () => void;
  onPublish: () => void;
  onPause: () => void;
  onResume: () => void;
  onToggleHistory: () => void;
  onBacktest: () => void;
  onToggleTest: () => void;
};

const fixFirst = (count: number) => `Fix ${count} ${count === 1 ? "problem" : "problems"} first`;

// The dry-run toggles: a secondary button at rest, tinted with the run's colour while its panel is open.
const TRY_BUTTON =
  "inline-flex h-8 items-center gap-2 whitespace-nowrap rounded-lg px-3 text-[13px] font-medium ring-1 ring-inset transition-colors " +
  "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500 disabled:pointer-events-none disabled:opacity-55 [&_svg]:size-4 [&_svg]:shrink-0";
const TRY_TONES = {
  idle: "bg-white text-slate-700 shadow-xs ring-slate-300 hover:bg-slate-50 hover:text-slate-900",
  backtest: "bg-violet-50 text-violet-800 ring-violet-300 hover:bg-violet-100",
  test: "bg-emerald-50 text-emerald-800 ring-emerald-300 hover:bg-emerald-100",
};

function NameEditor({ name, onRename, busy }: { name: string; onRename: (name: string) => void; busy: boolean }) {
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(name);

  function submit(event: FormEvent) {
    event.preventDefault();
    setEditing(false);
    if (value.trim() && value.trim() !== name) onRename(value.trim());
  }

  if (editing) {
    return (
      <form onSubmit={submit} className="min-w-0">
        <input
          autoFocus
          value={value}
          maxLength={200}
          onChange={(event) => setValue(event.target.value)}
          onBlur={submit}
          onKeyDown={(event) => event.key === "Escape" && (setValue(name), setEditing(false))}
          aria-label="Connector name"
          className={cx(inputClasses, "h-8 w-72 py-1 text-[15px] font-semibold")}
        />
      </form>
    );
  }
  return (
    <button
      type="button"
      onClick={() => (setValue(name), setEditing(true))}
      disabled={busy}
      className="group flex min-w-0 items-center gap-1.5 rounded-md px-1.5 py-1 text-left hover:bg-slate-100"
      title="Rename"
    >
      <h1 className="truncate text-[15px] font-semibold text-slate-900" data-testid="connector-name">
        {name}
      </h1>
      <PencilIcon className="size-3.5 shrink-0 text-slate-400 opacity-0 group-hover:opacity-100" />
    </button>
  );
}

export function EditorToolbar(props: Props) {
  const { connector, dirty, problemCount, viewing, historyOpen, tryPanel, busy, flash } = props;
  const published = connector.version !== null;
  const publishLabel = !published ? "Publish" : dirty || connector.hasUnpublishedChanges ? "Publish changes" : "Published";
  const upToDate = published && !dirty && !connector.hasUnpublishedChanges && connector.status !== "draft";

  return (
    <header className="flex h-14 shrink-0 items-center gap-3 border-b border-slate-200 bg-white px-3">
      <Link href="/connectors" className="rounded-md p-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-800" aria-label="Back to connectors">
        <ArrowLeftIcon className="size-4.5" />
      </Link>
      <NameEditor name={connector.name} onRename={props.onRename} busy={busy === "rename"} />
      <StatusBadge status={connector.status} />
      {published ? <span className="text-xs text-slate-500 tabular-nums" data-testid="connector-version">v{connector.version}</span> : null}
      <span className="truncate text-xs text-slate-500" aria-live="polite" data-testid="save-state">
        {flash ? (
          <span className="text-emerald-700">{flash}</span>
        ) : dirty ? (
          <span className="inline-flex items-center gap-1.5 text-amber-700">
            <span className="size-1.5 rounded-full bg-amber-500" aria-hidden="true" />
            Unsaved changes
          </span>
        ) : published && connector.hasUnpublishedChanges ? (
          "Saved · not published yet"
        ) : (
          "All changes saved"
        )}
      </span>

      <div className="ml-auto flex items-center gap-2">
        <button
          type="button"
          onClick={props.onToggleTest}
          aria-pressed={tryPanel === "test"}
          disabled={viewing || (problemCount > 0 && tryPanel !== "test")}
          className={cx(TRY_BUTTON, TRY_TONES[tryPanel === "test" ? "test" : "idle"])}
          title={problemCount > 0 ? fixFirst(problemCount) : "Walk one user through this draft on a virtual clock"}
        >
          <FlaskIcon className={tryPanel === "test" ? undefined : "text-emerald-600"} />
          Test
        </button>
        <button
          type="button"
          onClick={props.onBacktest}
          aria-pressed={tryPanel === "backtest"}
          disabled={viewing || (problemCount > 0 && tryPanel !== "backtest")}
          className={cx(TRY_BUTTON, TRY_TONES[tryPanel === "backtest" ? "backtest" : "idle"])}
          title={problemCount > 0 ? fixFirst(problemCount) : "Replay this draft on the app's past events"}
        >
          {props.backtestRunning ? <Spinner className="text-violet-600" label="Backtest running" /> : <BacktestIcon className={tryPanel === "backtest" ? undefined : "text-violet-600"} />}
          Backtest
        </button>
        <span className="mx-1 h-5 w-px bg-slate-200" aria-hidden="true" />
        <Button variant={historyOpen ? "primary" : "ghost"} size="sm" onClick={props.onToggleHistory} aria-pressed={historyOpen}>
          <HistoryIcon />
          History
        </Button>
        {connector.status === "active" ? (
          <Button variant="secondary" size="sm" onClick={props.onPause} loading={busy === "pause"} disabled={busy !== null}>
            <PauseIcon />
            Pause
          </Button>
        ) : connector.status === "paused" ? (
          <Button variant="secondary" size="sm" onClick={props.onResume} loading={busy === "resume"} disabled={busy !== null}>
            <PlayIcon />
            Resume
          </Button>
        ) : null}
        <Button variant="secondary" size="sm" onClick={props.onSave} loading={busy === "save"} disabled={!dirty || viewing || busy !== null} title="Save (Ctrl+S)">
          <SaveIcon />
          Save
        </Button>
        <Button
          size="sm"
          variant={upToDate ? "secondary" : "primary"}
          onClick={props.onPublish}
          loading={busy === "check" || busy === "publish"}
          disabled={problemCount > 0 || viewing || busy !== null || upToDate}
          title={problemCount > 0 ? fixFirst(problemCount) : undefined}
        >
          {publishLabel}
        </Button>
      </div>
    </header>
  );
}
