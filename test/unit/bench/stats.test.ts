import { describe, expect, it } from "vitest";
import { cell, percentile, ratio, summary } from "../../../bench/lib/stats.mjs";

describe("bench statistics", () => {
  it("summarises runs as median, min and max, ignoring failed runs", () => {
    expect(summary([3, 1, 2])).toEqual({ median: 2, min: 1, max: 3, n: 3 });
    expect(summary([4, 1, 3, 2, Number.NaN])).toEqual({ median: 2.5, min: 1, max: 4, n: 4 });
    expect(summary([])).toBeUndefined();
  });

  it("takes nearest-rank percentiles", () => {
    const values = Array.from({ length: 50 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(25);
    expect(percentile(values, 95)).toBe(48);
    expect(percentile([7], 95)).toBe(7);
  });

  it("writes a figure with its range and the ratio of medians", () => {
    const ours = { median: 5610, min: 5610, max: 5610, n: 5 };
    const theirs = { median: 171160, min: 171000, max: 171200, n: 5 };
    expect(cell(ours, "kb")).toBe("5.61 KB (5.61–5.61)");
    expect(cell({ median: 12.34, min: 9.5, max: 130, n: 3 }, "ms")).toBe("12 ms (9.5–130)");
    expect(cell(undefined, "ms")).toBe("n/a");
    expect(cell("n/a¹", "ms")).toBe("n/a¹");
    expect(ratio(ours, theirs)).toBe("0.033 (1/31)");
    expect(ratio(theirs, ours)).toBe("30.51");
    expect(ratio(ours, "n/a")).toBe("");
  });
});
