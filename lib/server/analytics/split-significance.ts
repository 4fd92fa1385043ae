// Which branch of a split converts best, and how sure we can be: a two-sided
// two-proportion z-test of the best branch against the holdout (when the split has one)
// or else the worst branch. `confidence` is 1 − p; `best` is named only from 0.95 on.
import { errorFunction } from "simple-statistics";

export type BranchCount = { key: string; entered: number; converted: number };
export type BranchResult = BranchCount & { rate: number | null };
export type SplitResult = { branches: BranchResult[]; best: string | null; confidence: number | null };

export const CONFIDENT = 0.95;

const rateOf = (b: BranchCount) => (b.entered > 0 ? b.converted / b.entered : null);

/** 1 − p of the two-sided two-proportion z-test (pooled); null when it cannot be computed. */
export function twoProportionConfidence(a: BranchCount, b: BranchCount): number | null {
  if (a.entered === 0 || b.entered === 0) return null;
  const pooled = (a.converted + b.converted) / (a.entered + b.entered);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / a.entered + 1 / b.entered));
  if (se === 0) return 0; // both all or nothing: no difference to speak of
  const z = Math.abs(a.converted / a.entered - b.converted / b.entered) / se;
  // Two-sided p = 2 (1 − Φ(z)) = 1 − erf(z / √2), so the confidence is erf(z / √2);
  // erf's approximation dips a hair below 0 at z = 0 (equal rates), never a real confidence.
  return Math.min(1, Math.max(0, errorFunction(z / Math.SQRT2)));
}

export function compareBranches(counts: BranchCount[], holdout: string | null): SplitResult {
  const branches = counts.map((b) => ({ ...b, rate: rateOf(b) }));
  const measured = branches.filter((b) => b.rate !== null);
  if (measured.length < 2) return { branches, best: null, confidence: null };
  const byRate = [...measured].sort((x, y) => y.rate! - x.rate! || x.key.localeCompare(y.key));
  const top = byRate[0]!;
  const baseline = measured.find((b) => b.key === holdout && b.key !== top.key) ?? byRate[byRate.length - 1]!;
  const confidence = twoProportionConfidence(top, baseline);
  return { branches, best: confidence !== null && confidence >= CONFIDENT && top.rate! > baseline.rate! ? top.key : null, confidence };
}

/** "b converts 12.1% vs a 9.8% — 97% confidence", or says plainly that it is too early. */
export function describeSplit(result: SplitResult, holdout: string | null): string {
  const pct = (rate: number | null) => (rate === null ? "–" : `${(rate * 100).toFixed(1)}%`);
  const measured = result.branches.filter((b) => b.rate !== null).sort((x, y) => y.rate! - x.rate!);
  if (measured.length < 2 || result.confidence === null) return "Too early to tell: not every branch has users yet";
  const top = measured[0]!;
  const other = measured.find((b) => b.key === holdout && b.key !== top.key) ?? measured[measured.length - 1]!;
  const confidence = `${Math.floor(result.confidence * 100)}% confidence`;
  const line = `${top.key} converts ${pct(top.rate)} vs ${other.key} ${pct(other.rate)} — ${confidence}`;
  return result.best ? line : `Too early to tell: ${line}`;
}
