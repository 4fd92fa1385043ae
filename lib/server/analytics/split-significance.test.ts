import { describe, expect, it } from "vitest";
import { compareBranches, describeSplit, twoProportionConfidence } from "./split-significance";

describe("twoProportionConfidence", () => {
  it.each<[string, [number, number], [number, number], number]>([
    // Reference values of 1 − p for the pooled two-sided z-test.
    ["a clear difference", [1000, 121], [1000, 98], 0.897],
    ["a large sample", [10_000, 1210], [10_000, 980], 0.99999],
    ["no difference", [500, 50], [500, 50], 0],
    ["z = 2.25", [2000, 236], [2000, 192], 0.9756],
  ])("%s", (_, [n1, c1], [n2, c2], expected) => {
    expect(twoProportionConfidence({ key: "a", entered: n1, converted: c1 }, { key: "b", entered: n2, converted: c2 })!).toBeCloseTo(expected, 2);
  });

  it("is exactly 0 for equal rates, never a hair below it", () => {
    expect(twoProportionConfidence({ key: "a", entered: 100, converted: 10 }, { key: "b", entered: 200, converted: 20 })).toBe(0);
  });

  it("cannot tell without users on both sides", () => {
    expect(twoProportionConfidence({ key: "a", entered: 0, converted: 0 }, { key: "b", entered: 10, converted: 1 })).toBeNull();
  });
});

describe("compareBranches", () => {
  it("names the best branch from 95% confidence, against the holdout when there is one", () => {
    const result = compareBranches(
      [
        { key: "a", entered: 4000, converted: 392 },
        { key: "b", entered: 4000, converted: 484 },
        { key: "control", entered: 1000, converted: 80 },
      ],
      "control",
    );
    expect(result.best).toBe("b");
    expect(result.confidence!).toBeGreaterThan(0.95);
    expect(describeSplit(result, "control")).toMatch(/^b converts 12\.1% vs control 8\.0% — \d\d% confidence$/);
  });

  it("says plainly when it is too early", () => {
    const result = compareBranches([{ key: "a", entered: 40, converted: 4 }, { key: "b", entered: 40, converted: 5 }], null);
    expect(result.best).toBeNull();
    expect(describeSplit(result, null)).toMatch(/^Too early to tell: b converts 12\.5% vs a 10\.0% — \d+% confidence$/);
    expect(describeSplit(compareBranches([{ key: "a", entered: 0, converted: 0 }, { key: "b", entered: 3, converted: 1 }], null), null)).toBe(
      "Too early to tell: not every branch has users yet",
    );
  });
});
