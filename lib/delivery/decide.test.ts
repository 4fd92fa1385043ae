import { describe, expect, it } from "vitest";
import { decide, type Consent, type Pending } from "./decide";
import { NO_POLICY, type DeliveryPolicy } from "./policy";

const subscribed: Consent = { topic: { subscribed: true, name: "Marketing" }, channel: true };
const push = (at: string, extra: Partial<Pending> = {}): Pending => ({
  channel: "push", topic: "marketing", at: new Date(at), ignoreQuietHours: false, ignoreCaps: false, timezone: null, ...extra,
});
const policy: DeliveryPolicy = {
  timezone: "Europe/Lisbon",
  quietHours: { start: "21:00", end: "08:00", channels: ["push", "sms"], mode: "hold" },
  caps: [{ channel: "push", max: 1, per: { amount: 1, unit: "days" } }],
  capMode: "drop",
};

describe("decide", () => {
  it("queues everything without a policy", () => {
    expect(decide(push("2026-01-15T23:00:00Z"), subscribed, NO_POLICY, [])).toEqual({ status: "queued", reason: null, sendAt: new Date("2026-01-15T23:00:00Z") });
  });

  it("skips a topic the user left, but never a transactional message", () => {
    const left: Consent = { topic: { subscribed: false, name: "Weekly deals" }, channel: true };
    expect(decide(push("2026-01-15T12:00:00Z"), left, NO_POLICY, [])).toMatchObject({ status: "skipped", reason: "Unsubscribed from Weekly deals" });
    expect(decide(push("2026-01-15T12:00:00Z", { topic: "transactional" }), left, NO_POLICY, [])).toMatchObject({ status: "queued" });
  });

  it("skips everything on a channel the user left, transactional too", () => {
    const noPush: Consent = { ...subscribed, channel: false };
    expect(decide(push("2026-01-15T12:00:00Z", { topic: "transactional" }), noPush, NO_POLICY, [])).toMatchObject({ status: "skipped", reason: "Unsubscribed from push" });
  });

  it("holds for quiet hours in the user's zone, else the policy's, and says until when", () => {
    expect(decide(push("2026-01-15T23:00:00Z"), subscribed, policy, [])).toEqual({
      status: "held", reason: "Held for quiet hours until 08:00 Europe/Lisbon", sendAt: new Date("2026-01-16T08:00:00Z"),
    });
    // 23:00 UTC is 18:00 in New York: not quiet there.
    expect(decide(push("2026-01-15T23:00:00Z", { timezone: "America/New_York" }), subscribed, policy, [])).toMatchObject({ status: "queued" });
  });

  it("drops in quiet hours in drop mode; exempts transactional, ignoreQuietHours and unlisted channels", () => {
    const drop: DeliveryPolicy = { ...policy, quietHours: { ...policy.quietHours!, mode: "drop" } };
    expect(decide(push("2026-01-15T23:00:00Z"), subscribed, drop, [])).toMatchObject({ status: "skipped", reason: "Quiet hours (21:00–08:00 Europe/Lisbon)" });
    expect(decide(push("2026-01-15T23:00:00Z", { topic: "transactional" }), subscribed, drop, [])).toMatchObject({ status: "queued" });
    expect(decide(push("2026-01-15T23:00:00Z", { ignoreQuietHours: true }), subscribed, drop, [])).toMatchObject({ status: "queued" });
    expect(decide(push("2026-01-15T23:00:00Z", { channel: "email" }), subscribed, drop, [])).toMatchObject({ status: "queued" });
  });

  it("drops over a cap, or defers to when the window has room", () => {
    const earlier = [{ channel: "push" as const, at: new Date("2026-01-15T10:00:00Z").getTime() }];
    expect(decide(push("2026-01-15T12:00:00Z"), subscribed, policy, earlier)).toMatchObject({ status: "skipped", reason: "Capped: at most 1 push per user per day" });
    expect(decide(push("2026-01-15T12:00:00Z"), subscribed, { ...policy, capMode: "defer" }, earlier)).toEqual({
      status: "held", reason: "Held by the cap (at most 1 push per user per day) until Jan 16, 10:00 Europe/Lisbon", sendAt: new Date("2026-01-16T10:00:00Z"),
    });
    expect(decide(push("2026-01-15T12:00:00Z", { ignoreCaps: true }), subscribed, policy, earlier)).toMatchObject({ status: "queued" });
  });
});
