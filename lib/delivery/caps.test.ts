import { describe, expect, it } from "vitest";
import { capExceeded, type Slot } from "./caps";
import type { Cap } from "./policy";

const H = 3_600_000;
const at = new Date("2026-06-01T12:00:00Z");
const ago = (hours: number, channel: Slot["channel"] = "push"): Slot => ({ channel, at: at.getTime() - hours * H });
const threePerDay: Cap = { channel: "push", max: 3, per: { amount: 1, unit: "days" } };

describe("capExceeded", () => {
  it("has room below the cap, counting only the window and the cap's channel", () => {
    expect(capExceeded([threePerDay], [ago(1), ago(2), ago(25), ago(1, "email")], "push", at)).toBeNull();
  });

  it("is exceeded at the cap, with room once the oldest that fill the window leave it", () => {
    const verdict = capExceeded([threePerDay], [ago(1), ago(5), ago(10), ago(20)], "push", at);
    // Four in the window, max 3: the two oldest (20 h and 10 h ago) must leave; the second leaves at −10 h + 24 h.
    expect(verdict?.roomAt).toEqual(new Date(at.getTime() + 14 * H));
  });

  it("counts a message exactly one window old as outside it", () => {
    expect(capExceeded([threePerDay], [ago(24), ago(2), ago(3)], "push", at)).toBeNull();
  });

  it("counts a message due later inside the window too, so one decided late never squeezes in before it", () => {
    const later = { channel: "push" as const, at: at.getTime() + 2 * H };
    const hourly: Cap = { channel: "push", max: 1, per: { amount: 1, unit: "hours" } };
    // The slot 2 hours later shares no hour with this one, the one 30 minutes later does.
    expect(capExceeded([hourly], [later], "push", at)).toBeNull();
    const soon = { channel: "push" as const, at: at.getTime() + 0.5 * H };
    expect(capExceeded([hourly], [soon], "push", at)?.roomAt).toEqual(new Date(at.getTime() + 1.5 * H));
  });

  it("'any' covers every channel but webhook", () => {
    const any: Cap = { channel: "any", max: 2, per: { amount: 1, unit: "hours" } };
    expect(capExceeded([any], [ago(0.1, "email"), ago(0.2, "sms")], "push", at)).not.toBeNull();
    expect(capExceeded([any], [ago(0.1, "webhook"), ago(0.2, "webhook")], "push", at)).toBeNull();
    expect(capExceeded([any], [ago(0.1, "email"), ago(0.2, "sms")], "webhook", at)).toBeNull();
  });

  it("waits for the latest room over all the caps exceeded", () => {
    const hourly: Cap = { channel: "push", max: 1, per: { amount: 1, unit: "hours" } };
    const verdict = capExceeded([hourly, threePerDay], [ago(0.5), ago(2), ago(3)], "push", at);
    expect(verdict?.cap).toBe(threePerDay);
    expect(verdict?.roomAt).toEqual(new Date(at.getTime() + 21 * H));
  });
});
