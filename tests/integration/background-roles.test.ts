// The background loop's wake-ups coalesce: a burst of kicks or notices costs one drain
// and at most one more pass, and a web process sends at most one notice at a time plus
// one after it. The engine is replaced by counters here; the process-level behaviour of
// the roles is in tests/reliability/roles.test.ts.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { deliverDue } from "@/lib/server/channels/outbox";
import { db } from "@/lib/server/db";
import { backgroundIdle, kickMatching, startBackground, stopBackground } from "@/lib/server/engine/background";
import { matchPendingEvents } from "@/lib/server/engine/match-events";
import { listen, notify } from "@/lib/server/notify";
import { cueRole } from "@/lib/server/startup";

vi.mock("@/lib/server/engine/match-events", () => ({ matchPendingEvents: vi.fn() }));
vi.mock("@/lib/server/engine/run-enrollments", () => ({ runEnrollments: vi.fn(async () => ({})) }));
vi.mock("@/lib/server/channels/outbox", () => ({ deliverDue: vi.fn(async () => ({ attempted: 0, deferred: 0, events: 0 })) }));
vi.mock("@/lib/server/notify", () => ({ notify: vi.fn(), listen: vi.fn(async () => () => {}), stopListening: vi.fn() }));

const match = vi.mocked(matchPendingEvents);
const sendNotice = vi.mocked(notify);

/** Makes `fn` hold its first call until released; later calls return at once. */
function holdFirstCall<T>(fn: { mockImplementation(impl: () => Promise<T>): unknown }, value: T) {
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let first = true;
  fn.mockImplementation(async () => {
    if (first) {
      first = false;
      await held;
    }
    return value;
  });
  return release;
}

const nothingMatched = { claimed: 0, events: 0, enrolled: [], cancelled: 0 } as unknown as Awaited<ReturnType<typeof matchPendingEvents>>;

beforeAll(async () => {
  await db(); // opened before any test changes DATABASE_URL
});

afterEach(() => {
  vi.clearAllMocks();
  delete process.env.CUE_ROLE;
});

describe("wake-ups in one process (CUE_ROLE=all)", () => {
  it("a burst of kicks before the drain starts matching costs one pass", async () => {
    match.mockResolvedValue(nothingMatched);
    for (let i = 0; i < 100; i++) kickMatching();
    await backgroundIdle();
    expect(match).toHaveBeenCalledTimes(1);
  });

  it("a burst during a drain costs one more pass, not one per kick", async () => {
    const release = holdFirstCall(match, nothingMatched);
    kickMatching();
    await vi.waitFor(() => expect(match).toHaveBeenCalledTimes(1));
    for (let i = 0; i < 100; i++) kickMatching();
    release();
    await backgroundIdle();
    expect(match).toHaveBeenCalledTimes(2);
    expect(deliverDue).toHaveBeenCalledTimes(2);
  });
});

describe("a web process (CUE_ROLE=web)", () => {
  it("runs nothing itself and sends one notice, plus one after it for the kicks that came meanwhile", async () => {
    process.env.CUE_ROLE = "web";
    const release = holdFirstCall(sendNotice, undefined);
    kickMatching();
    await vi.waitFor(() => expect(sendNotice).toHaveBeenCalledTimes(1));
    for (let i = 0; i < 100; i++) kickMatching();
    release();
    await backgroundIdle();
    expect(sendNotice).toHaveBeenCalledTimes(2);
    expect(sendNotice.mock.calls.every(([, channel]) => channel === "cue_work")).toBe(true);
    expect(match).not.toHaveBeenCalled();
  });
});

describe("a worker", () => {
  it("drains at start, and a burst of cue_work notices during a drain costs one more pass", async () => {
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL ||= "postgres://listening.only.in.this.test/"; // the database is already open
    try {
      const release = holdFirstCall(match, nothingMatched);
      await startBackground("worker", 0);
      expect(listen).toHaveBeenCalledWith("cue_work", expect.any(Function));
      const onNotice = vi.mocked(listen).mock.calls[0]![1];
      await vi.waitFor(() => expect(match).toHaveBeenCalledTimes(1)); // the start-up drain
      for (let i = 0; i < 100; i++) onNotice("");
      release();
      await backgroundIdle();
      expect(match).toHaveBeenCalledTimes(2);
    } finally {
      await stopBackground();
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
    }
  });
});

describe("CUE_ROLE", () => {
  it("defaults to all, and refuses web and worker without PostgreSQL, or an unknown role", () => {
    expect(cueRole({})).toBe("all");
    expect(cueRole({ CUE_ROLE: "web", DATABASE_URL: "postgres://db/cue" })).toBe("web");
    expect(() => cueRole({ CUE_ROLE: "web" })).toThrow(/CUE_ROLE=web needs DATABASE_URL.*PGlite/);
    expect(() => cueRole({ CUE_ROLE: "worker" })).toThrow(/CUE_ROLE=worker needs DATABASE_URL/);
    expect(() => cueRole({ CUE_ROLE: "both", DATABASE_URL: "postgres://db/cue" })).toThrow(/web, worker or all/);
  });
});
