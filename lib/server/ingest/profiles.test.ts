import { describe, expect, it } from "vitest";
import { foldProfileUpdates } from "./profiles";

describe("foldProfileUpdates", () => {
  it("lets later updates of a user win, field by field and attribute by attribute", () => {
    const folded = foldProfileUpdates([
      { userId: "u", fields: { email: "a@example.com", name: "A" }, attributes: { plan: "free", city: "Delft" }, seenAt: new Date(2) },
      { userId: "v", fields: {}, attributes: { x: 1 }, seenAt: new Date(1) },
      { userId: "u", fields: { name: "B" }, attributes: { plan: "pro", city: null }, seenAt: new Date(1) },
    ]);
    expect(folded.get("u")).toEqual({
      fields: { email: "a@example.com", name: "B" },
      attributes: { plan: "pro", city: null },
      seenAt: new Date(2),
    });
    expect(folded.get("v")?.attributes).toEqual({ x: 1 });
  });
});
