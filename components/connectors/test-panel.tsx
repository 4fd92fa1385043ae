"use client";

// "Test": one user walked through this draft on a virtual clock. The marketer scripts
// what the user does; the answer is the journey in words with each message rendered,
// while the canvas lights the path it took. Nothing is sent or saved.
import { useEffect, useRef, useState } from "react";
import type { SimulateEvent, Simulation } from "@/lib/client/connectors";
import { Alert } from "../ui/alert";
import { Spinner } from "../ui/spinner";
import { newRow, scriptEvents, type RowErrors, type ScriptRow } from "./event-script";
import { FlaskIcon } from "./node-icons";
import { PanelSection, SidePanel } from "./side-panel";
import { SimulatedJourneys } from "./simulated-journeys";
import { TestScriptForm } from "./test-script-form";

type Props = {
  triggerEvent: string | null;
  eventNames: readonly string[];
  simulation: Simulation | null;
  running: boolean;
  error: string | null;
  /** The canvas no longer runs the graph the shown journeys are about. */
  stale: boolean;
  hidden: boolean;
  onRun: (userId: string, events: SimulateEvent[]) => void;
  onClose: () => void;
};

const NO_ERRORS: ReadonlyMap<string, RowErrors> = new Map();

export function TestPanel({ triggerEvent, eventNames, simulation, running, error, stale, hidden, onRun, onClose }: Props) {
  const [userId, setUserId] = useState("");
  const [rows, setRows] = useState<ScriptRow[]>(() => [newRow(triggerEvent ?? "")]);
  const [errors, setErrors] = useState<ReadonlyMap<string, RowErrors>>(NO_ERRORS);
  const [userMissing, setUserMissing] = useState(false);
  const results = useRef<HTMLDivElement>(null);

  // A new answer may start below a long script: scroll its top into view.
  useEffect(() => {
    const element = results.current;
    const scroller = element?.closest("[data-panel-body]");
    if (!simulation || !element || !scroller) return;
    const top = element.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
    if (top > scroller.clientHeight - 96) scroller.scrollBy({ top: top - 16, behavior: "smooth" });
  }, [simulation]);

  function run() {
    const script = scriptEvents(rows);
    const missing = userId.trim() === "";
    setUserMissing(missing);
    setErrors(script.ok ? NO_ERRORS : script.errors);
    if (missing || !script.ok) return;
    onRun(userId.trim(), script.events);
  }

  return (
    <SidePanel
      icon={FlaskIcon}
      tile="bg-emerald-50 text-emerald-600 ring-emerald-100"
      title="Test a user"
      subtitle="Script what someone does and watch their path light up. Runs on a virtual clock; nothing is sent or saved."
      closeLabel="Close test"
      onClose={onClose}
      hidden={hidden}
      testId="test-panel"
    >
      <TestScriptForm
        userId={userId}
        onUserId={(next) => {
          setUserId(next);
          if (next.trim()) setUserMissing(false);
        }}
        rows={rows}
        onRows={setRows}
        errors={errors}
        userMissing={userMissing}
        eventNames={eventNames}
        running={running}
        onRun={run}
      />
      <div ref={results}>
        {error || simulation || running ? (
          <PanelSection title="What happens" aside={simulation ? <>to <span className="font-mono text-slate-700">{simulation.userId}</span></> : undefined} className="border-slate-200 bg-slate-50/60">
            {error ? (
              <Alert title="The test did not run">{error}</Alert>
            ) : running && !simulation ? (
              <div className="flex items-center justify-center gap-2 py-8 text-[13px] text-slate-500">
                <Spinner className="text-emerald-600" label="Running the test" /> Walking the events through…
              </div>
            ) : simulation ? (
              <div className={running ? "opacity-50" : undefined}>
                {stale ? (
                  <p className="mb-3 rounded-lg bg-amber-50 px-3 py-2 text-xs text-amber-900 ring-1 ring-amber-200 ring-inset" data-testid="test-stale">
                    The canvas changed since this ran: run the test again to see the new path.
                  </p>
                ) : null}
                <SimulatedJourneys simulation={simulation} triggerEvent={triggerEvent} />
              </div>
            ) : null}
          </PanelSection>
        ) : (
          <p className="mx-5 mb-5 rounded-xl border border-dashed border-slate-300 px-4 py-5 text-center text-[13px] leading-5 text-slate-500">
            The first event happens now; each next one after its gap. Delays, waits and cancels play out in seconds, and the path this user takes lights
            up on the canvas.
          </p>
        )}
      </div>
    </SidePanel>
  );
}
