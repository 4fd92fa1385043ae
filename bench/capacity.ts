// e2m_capacity_single_eps / _batched_eps: the highest steady rate of events at which the
// p99 of event → sentAt (as event_to_message measures it) stays within 1 s. Each step
// sends open-loop at one rate for a few seconds (long enough for a backlog to show),
// then waits for its messages to drain. The rate doubles (or halves, when the first step
// fails) until a pass and a fail bracket it, then bisects between the two, geometrically,
// until they are within 10 % or the time budget is spent. A step passes only if every
// request got 202 and every message came.
import type { CueServer } from "../tests/support/cue-server";
import { collectLatencies, quantile, sendAtRate } from "./event-to-message";
import type { SentReader } from "./sent-messages";
import { serverGone } from "./workload";

export type CapacityOptions = {
  /** Events per request: 1 (single) or 100 (batched). */
  perRequest: number;
  startEps: number;
  /** Below this a failing search stops and reports 0. */
  minEps: number;
  stepSeconds: number;
  /** No new step starts once the search has run this long, counting the step's expected duration. */
  budgetSeconds: number;
  maxSteps: number;
  p99LimitMs?: number;
};

export type CapacityStep = { eps: number; p99_ms: number | null; events: number; missing: number; errors: number; pass: boolean; seconds: number };

const PRECISION = 1.1;

/** Records each step in `steps` as it ends, so a search that fails halfway still shows what it did. */
export async function capacitySearch(server: CueServer, read: SentReader, connectorId: string, label: string, options: CapacityOptions, steps: CapacityStep[] = []) {
  const limit = options.p99LimitMs ?? 1000;
  let pass: number | undefined;
  let fail: number | undefined;
  let eps = options.startEps;
  let errors = 0;
  const started = performance.now();
  while (steps.length < options.maxSteps) {
    if (serverGone(server)) throw new Error("the Cue server exited during the search");
    const longest = Math.max(0, ...steps.map((s) => s.seconds));
    if (steps.length > 0 && (performance.now() - started) / 1000 + longest > options.budgetSeconds) break;
    const stepStarted = performance.now();
    const events = Math.max(options.perRequest, Math.round((eps * options.stepSeconds) / options.perRequest) * options.perRequest);
    const sent = await sendAtRate(server, { prefix: `cap_${label}_${steps.length}`, events, eventsPerSecond: eps, perRequest: options.perRequest });
    // Long enough for a backlog of twice the capacity to drain before the next step.
    const { latencies, missing } = await collectLatencies(server, read, connectorId, sent.started, options.stepSeconds * 3 + 5);
    const p99 = quantile(latencies, 0.99);
    const ok = sent.errors === 0 && missing === 0 && latencies.length > 0 && p99 <= limit;
    errors += sent.errors;
    // A backlog still draining would load the next step: give it more time (not measured).
    if (missing > 0) await collectLatencies(server, read, connectorId, sent.started, options.stepSeconds * 3);
    steps.push({
      eps: Math.round(eps * 10) / 10,
      p99_ms: Number.isFinite(p99) ? Math.round(p99) : null,
      events,
      missing,
      errors: sent.errors,
      pass: ok,
      seconds: Math.round((performance.now() - stepStarted) / 100) / 10,
    });
    if (ok) pass = Math.max(pass ?? 0, eps);
    else fail = Math.min(fail ?? Infinity, eps);
    if (pass !== undefined && fail !== undefined) {
      if (fail / pass <= PRECISION) break;
      eps = Math.sqrt(pass * fail);
    } else if (pass !== undefined) eps = pass * 2;
    else {
      eps = fail! / 2;
      if (eps < options.minEps) break;
    }
  }
  return { eps: pass ?? 0, errors, steps };
}
