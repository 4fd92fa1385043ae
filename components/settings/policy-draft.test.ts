import { describe, expect, it } from "vitest";
import { NO_POLICY, type DeliveryPolicy } from "@/lib/delivery/policy";
import { capDraft, draftFrom, errorUnder, errorsFrom, isDirty, policyFrom, quietHoursWords } from "./policy-draft";

const policy: DeliveryPolicy = {
  timezone: "Europe/Lisbon",
  quietHours: { start: "21:00", end: "08:00", channels: ["push", "sms"], mode: "hold" },
  caps: [
    { channel: "push", max: 3, per: { amount: 1, unit: "days" } },
    { channel: "any", max: 10, per: { amount: 7, unit: "days" } },
  ],
  capMode: "defer",
};

describe("the delivery policy editor's draft", () => {
  it("turns a stored policy into a draft and back unchanged", () => {
    expect(policyFrom(draftFrom(policy))).toEqual({ policy });
    expect(policyFrom(draftFrom(NO_POLICY))).toEqual({ policy: NO_POLICY });
  });

  it("sends no quiet hours while they are switched off, and keeps their values for switching back on", () => {
    const off = { ...draftFrom(policy), quietOn: false };
    expect(policyFrom(off)).toEqual({ policy: { ...policy, quietHours: null } });
    expect(policyFrom({ ...off, quietOn: true })).toEqual({ policy });
  });

  it("proposes 21:00 to 08:00 for push and SMS when a policy without quiet hours switches them on", () => {
    const draft = { ...draftFrom(NO_POLICY), quietOn: true };
    expect(quietHoursWords(draft)).toBe("Push and SMS wait from 21:00 to 08:00 in each user's time zone");
  });

  it("names the cap fields that are not whole numbers on the API's paths, and sends nothing", () => {
    const draft = draftFrom(policy);
    draft.caps[1] = { ...draft.caps[1]!, max: "", amount: "2.5" };
    expect(policyFrom(draft)).toEqual({ errors: { "caps.1.max": "Enter a whole number", "caps.1.per.amount": "Enter a whole number" } });
  });

  it("is dirty only when it says something other than the saved policy", () => {
    const draft = draftFrom(policy);
    expect(isDirty(draft, policy)).toBe(false);
    expect(isDirty({ ...draft, caps: [...draft.caps, capDraft()] }, policy)).toBe(true);
    expect(isDirty({ ...draft, quietOn: false }, policy)).toBe(true);
    // Switched off, the hidden window's values do not matter.
    expect(isDirty({ ...draftFrom(NO_POLICY), start: "22:00" }, NO_POLICY)).toBe(false);
  });

  it("puts the API's errors on their fields, and gathers a row's errors under the row", () => {
    const errors = errorsFrom([
      { path: "quietHours.end", message: "The window ends when it starts: choose a different end" },
      { path: "caps.0.per.amount", message: "At least 1" },
      { path: "caps.0.max", message: "At least 1" },
    ]);
    expect(errors["quietHours.end"]).toBe("The window ends when it starts: choose a different end");
    expect(errorUnder(errors, "caps.0")).toBe("At least 1 · At least 1");
    expect(errorUnder(errors, "caps.1")).toBeUndefined();
  });

  it("says what is missing instead of a rule it cannot state", () => {
    const draft = draftFrom(policy);
    expect(quietHoursWords({ ...draft, channels: [] })).toBe("Choose the channels quiet hours apply to.");
    expect(quietHoursWords({ ...draft, end: "8" })).toBe("Give the start and end as 24-hour times, like 21:00 and 08:00.");
    expect(quietHoursWords({ ...draft, quietOn: false })).toBe("No quiet hours: messages go out at any hour.");
  });
});
