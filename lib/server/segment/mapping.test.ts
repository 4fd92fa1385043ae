import { describe, expect, it } from "vitest";
import { eventOf, PAGE_EVENT, profileFromTraits, profileOf, SCREEN_EVENT } from "./mapping";
import type { SegmentMessage } from "./messages";

const base: SegmentMessage = { type: "track", userId: "u", properties: {}, traits: {}, context: null, timestamp: new Date(0) };

describe("eventOf", () => {
  it("stores track under its event name with properties as data", () => {
    expect(eventOf({ ...base, event: "Order Completed", properties: { total: 42 } })).toEqual({ name: "Order Completed", data: { total: 42 } });
  });

  it("stores page and screen under fixed names with name and category in data", () => {
    expect(eventOf({ ...base, type: "page", name: "Pricing", category: "Docs", properties: { path: "/pricing" } })).toEqual({
      name: PAGE_EVENT,
      data: { path: "/pricing", name: "Pricing", category: "Docs" },
    });
    expect(eventOf({ ...base, type: "screen", name: "Home" })).toEqual({ name: SCREEN_EVENT, data: { name: "Home" } });
  });

  it.each(["identify", "group", "alias"] as const)("stores no event for %s", (type) => {
    expect(eventOf({ ...base, type })).toBeNull();
  });
});

describe("profileFromTraits", () => {
  it("fills email, phone and name, and keeps the rest as attributes", () => {
    expect(profileFromTraits({ email: "a@example.com", phone: "+31612345678", name: "Ada", plan: "pro", address: { city: "Delft" } })).toEqual({
      fields: { email: "a@example.com", phone: "+31612345678", name: "Ada" },
      attributes: { plan: "pro", address: { city: "Delft" } },
    });
  });

  it("builds the name from firstName and lastName when there is no name", () => {
    expect(profileFromTraits({ firstName: "Ada", lastName: "Lovelace" }).fields).toEqual({ name: "Ada Lovelace" });
  });

  it("keeps a value Cue cannot take as a field as an attribute instead of refusing it", () => {
    expect(profileFromTraits({ email: "not an address" })).toEqual({ fields: {}, attributes: { email: "not an address" } });
  });

  it("clears a field given as null", () => {
    expect(profileFromTraits({ phone: null }).fields).toEqual({ phone: null });
  });
});

describe("profileOf", () => {
  it("records the group on the user", () => {
    expect(profileOf({ ...base, type: "group", groupId: "acme", traits: { name: "Acme" } })).toEqual({
      fields: {},
      attributes: { groupId: "acme", group: { name: "Acme" } },
    });
  });
});
