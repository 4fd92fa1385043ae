import { describe, expect, it } from "vitest";
import { backtestChips, backtestHeadline, dailySeries } from "./backtest-text";

const result = (users: number, byChannel: Record<string, number>) => ({
  users,
  messages: { total: Object.values(byChannel).reduce((a, b) => a + b, 0), byChannel, byDay: [], samples: [] },
});
const counts = (values: Partial<Record<"entered" | "passed" | "waiting" | "cancelled" | "sent" | "skipped", number>>) => ({
  entered: 0, passed: 0, waiting: 0, cancelled: 0, sent: 0, skipped: 0, ...values,
});

describe("backtestHeadline", () => {
  it("says who would have entered and the messages by channel, busiest first", () => {
    expect(backtestHeadline(result(412, { email: 53, push: 180 }), 30)).toBe("Over the last 30 days: 412 users would have entered; 233 messages: 180 push, 53 email");
    expect(backtestHeadline(result(1_250, { sms: 2, push: 2, webhook: 0 }), 90)).toBe("Over the last 90 days: 1,250 users would have entered; 4 messages: 2 push, 2 SMS");
  });

  it("speaks of one user and one message in the singular", () => {
    expect(backtestHeadline(result(1, { push: 1 }), 7)).toBe("Over the last 7 days: 1 user would have entered; 1 message: 1 push");
  });

  it("says so when nobody entered or nothing would have been sent", () => {
    expect(backtestHeadline(result(0, {}), 30)).toBe("Over the last 30 days: no one would have entered; no messages");
    expect(backtestHeadline(result(5, { push: 0 }), 30)).toBe("Over the last 30 days: 5 users would have entered; no messages");
  });
});

describe("dailySeries", () => {
  it("gives every UTC day of the window a bar, empty days at zero", () => {
    const series = dailySeries("2026-11-01T12:00:00.000Z", "2026-11-04T12:00:00.000Z", [{ day: "2026-11-02", count: 3 }]);
    expect(series).toEqual([
      { day: "2026-11-01", count: 0 },
      { day: "2026-11-02", count: 3 },
      { day: "2026-11-03", count: 0 },
      { day: "2026-11-04", count: 0 },
    ]);
  });

  it("leaves out the day `to` starts when the window ends at midnight", () => {
    expect(dailySeries("2026-11-01T00:00:00.000Z", "2026-11-03T00:00:00.000Z", []).map((d) => d.day)).toEqual(["2026-11-01", "2026-11-02"]);
  });
});

describe("backtestChips", () => {
  it("shows a node's first count always and the others once they happened", () => {
    expect(backtestChips("trigger", {}, counts({ entered: 7, passed: 7 }))).toEqual([{ key: "entered", value: 7 }]);
    expect(backtestChips("delay", {}, counts({ entered: 6, passed: 4 }))).toEqual([{ key: "waiting", value: 0 }, { key: "passed", value: 4 }]);
    expect(backtestChips("cancel", {}, undefined)).toEqual([{ key: "cancelled", value: 0 }]);
  });

  it("leaves out what a backtest does not count (held, failed)", () => {
    expect(backtestChips("action", { kind: "send" }, counts({ sent: 3, skipped: 1 }))).toEqual([{ key: "sent", value: 3 }, { key: "skipped", value: 1 }]);
  });

  it("counts what an action that sends nothing did: passed", () => {
    expect(backtestChips("action", { kind: "setAttributes" }, counts({ passed: 5 }))).toEqual([{ key: "passed", value: 5 }]);
    expect(backtestChips("action", { kind: "addToSegment" }, undefined)).toEqual([{ key: "passed", value: 0 }]);
  });
});
