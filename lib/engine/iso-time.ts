// A step's trace writes its time as ISO text, and the steps of one advance mostly share an
// instant (a walk enters and starts its delay at the trigger's time; its delay passes, its
// cancel check runs and its message goes at the due time). The last instant's text is
// kept, so a backtest's millions of steps write each instant once rather than per step.
let lastMs = Number.NaN;
let lastIso = "";

/** date.toISOString(), remembered for the last instant asked. */
export function isoTime(date: Date): string {
  const ms = date.getTime();
  if (ms !== lastMs) {
    lastIso = date.toISOString();
    lastMs = ms;
  }
  return lastIso;
}
