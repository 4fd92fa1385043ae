import { describe, expect, it } from "vitest";
import { bucketLabel, changeLabel, compactNumber, percent, tickLabel } from "./chart-format";

describe("chart labels", () => {
  it("label buckets in UTC, by day or hour", () => {
    expect(tickLabel("2026-11-26T00:00:00.000Z", "day")).toBe("26 Nov");
    expect(tickLabel("2026-11-26T14:00:00.000Z", "hour")).toBe("14:00");
    expect(tickLabel("2026-11-26T00:00:00.000Z", "hour")).toBe("26 Nov");
    const now = new Date("2026-11-26T14:30:00Z");
    expect(bucketLabel("2026-11-26T13:00:00.000Z", "hour", now)).toBe("Thu 26 Nov, 13:00 UTC");
    expect(bucketLabel("2026-11-26T14:00:00.000Z", "hour", now)).toBe("Thu 26 Nov, 14:00 UTC · so far");
    expect(bucketLabel("2026-11-25T00:00:00.000Z", "day", now)).toBe("Wed 25 Nov");
    expect(bucketLabel("2026-11-26T00:00:00.000Z", "day", now)).toBe("Thu 26 Nov · so far");
  });

  it("show change with a sign, and nothing when there was nothing before", () => {
    expect(changeLabel(0.5)).toBe("+50%");
    expect(changeLabel(-0.125)).toBe("−13%");
    expect(changeLabel(0.025)).toBe("+2.5%");
    expect(changeLabel(0)).toBe("0%");
    expect(changeLabel(null)).toBeNull();
    expect(changeLabel(240.8)).toBe("242×");
    expect(changeLabel(8.5)).toBe("+850%");
  });

  it("shorten numbers and rates", () => {
    expect(compactNumber(1234)).toBe("1.2K");
    expect(compactNumber(12)).toBe("12");
    expect(percent(0.25)).toBe("25%");
    expect(percent(0.0125)).toBe("1.3%");
    expect(percent(null)).toBe("—");
  });
});
