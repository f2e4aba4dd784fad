import { describe, expect, it } from "vitest";
import { sampleRatioCheck } from "../../../src/report/srm";

describe("sampleRatioCheck", () => {
  it("computes the chi-square statistic against equal weights by default", () => {
    // (5150 - 5000)^2 / 5000 * 2 = 9, p = 0.0027: suspicious but below the alarm.
    const check = sampleRatioCheck({ control: 5150, b: 4850 });
    expect(check).toMatchObject({ chiSquare: 9, df: 1, weights: "equal", flagged: false });
    expect(check?.pValue).toBeCloseTo(0.0027, 4);
    // (5250 - 5000)^2 / 5000 * 2 = 25, p = 5.7e-7.
    expect(sampleRatioCheck({ control: 5250, b: 4750 })?.flagged).toBe(true);
  });

  it("uses the given weights, counting a weighted variant with no impressions as 0", () => {
    expect(sampleRatioCheck({ control: 6000, b: 4000 }, { control: 60, b: 40 })).toMatchObject({
      chiSquare: 0,
      weights: "given",
      flagged: false,
      expectedShare: { control: 0.6, b: 0.4 },
    });
    const missing = sampleRatioCheck({ control: 100 }, { control: 1, b: 1 });
    expect(missing).toMatchObject({ observed: { control: 100, b: 0 }, flagged: true });
  });

  it("falls back to equal weights when the given ones do not name every variant", () => {
    const check = sampleRatioCheck({ control: 500, other: 500 }, { control: 90, b: 10 });
    expect(check).toMatchObject({ weights: "equal", chiSquare: 0 });
  });

  it("has nothing to check with one variant or no impressions", () => {
    expect(sampleRatioCheck({ control: 10 })).toBeNull();
    expect(sampleRatioCheck({ control: 0, b: 0 })).toBeNull();
  });
});
