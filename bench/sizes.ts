// How big each scenario runs: full size on PostgreSQL, smaller on PGlite (everything
// there shares the server's event loop), tiny in --smoke (only checks every figure comes out).
import type { CapacityOptions } from "./capacity";

type Capacity = Omit<CapacityOptions, "perRequest">;
export type Sizes = {
  seconds: number;
  latencyEvents: number;
  latencyRate: number;
  tickEnrollments: number;
  capacitySingle: Capacity;
  capacityBatched: Capacity;
  // The many-connectors pair runs on PostgreSQL only.
  unrelatedConnectors: number;
};

// Capacity searches: steps of 8 s (6 s on PGlite) plus draining, at most ~2.5 min each on
// PostgreSQL and ~1 min on PGlite. The start rates are guesses (event → message at 50/s
// had p99 88 ms on the quiet machine): a wrong one costs a step or two, not the result.
// Batched searches go down to one 100-event request per step.
export const SIZES: Record<"postgres" | "pglite" | "smoke", Sizes> = {
  postgres: {
    seconds: 20, latencyEvents: 1000, latencyRate: 50, tickEnrollments: 100_000, unrelatedConnectors: 1000,
    capacitySingle: { startEps: 25, minEps: 2, stepSeconds: 8, budgetSeconds: 150, maxSteps: 12 },
    capacityBatched: { startEps: 200, minEps: 12, stepSeconds: 8, budgetSeconds: 150, maxSteps: 12 },
  },
  pglite: {
    seconds: 8, latencyEvents: 300, latencyRate: 25, tickEnrollments: 10_000, unrelatedConnectors: 0,
    capacitySingle: { startEps: 4, minEps: 0.5, stepSeconds: 6, budgetSeconds: 60, maxSteps: 10 },
    capacityBatched: { startEps: 50, minEps: 10, stepSeconds: 6, budgetSeconds: 60, maxSteps: 10 },
  },
  smoke: {
    seconds: 1.5, latencyEvents: 30, latencyRate: 30, tickEnrollments: 300, unrelatedConnectors: 5,
    capacitySingle: { startEps: 4, minEps: 0.5, stepSeconds: 1, budgetSeconds: 10, maxSteps: 2 },
    capacityBatched: { startEps: 100, minEps: 10, stepSeconds: 1, budgetSeconds: 10, maxSteps: 2 },
  },
};
// The inactivity scan's own data in smoke mode (it seeds 100,000 users and 1 M events otherwise).
export const SMOKE_INACTIVITY = { users: 1000, events: 10_000 };
// The backtest's own data in smoke mode (1 M events of 50,000 users otherwise).
export const SMOKE_BACKTEST = { users: 500, events: 5_000 };
