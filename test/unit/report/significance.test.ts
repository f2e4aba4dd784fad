import { describe, expect, it } from "vitest";
import { moments } from "../../../src/report/mean";
import { twoProportionTest, welchTest } from "../../../src/report/significance";

describe("welchTest", () => {
  it("reproduces the published Welch example (Wikipedia, 'Welch's t-test', example 1)", () => {
    // Published: t = 2.46, df = 24.99 (about 25), p = 0.021.
    const a1 = [
      27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4,
    ];
    const a2 = [
      27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4,
    ];
    const result = welchTest(moments(a1), moments(a2));
    expect(result?.difference).toBeCloseTo(2.1667, 4);
    expect(result?.statistic).toBeCloseTo(2.4554, 3);
    expect(result?.df).toBeCloseTo(24.9885, 3);
    expect(result?.pValue).toBeCloseTo(0.02138, 4);
    expect(result?.low).toBeCloseTo(0.3492, 3);
    expect(result?.high).toBeCloseTo(3.9841, 3);
  });

  it("is symmetric and needs two values per group", () => {
    const a = moments([1, 2, 3, 4]);
    const b = moments([2, 3, 4, 6]);
    expect(welchTest(b, a)?.difference).toBeCloseTo(-(welchTest(a, b)?.difference ?? 0), 12);
    expect(welchTest(b, a)?.pValue).toBeCloseTo(welchTest(a, b)?.pValue ?? 0, 12);
    expect(welchTest(moments([1]), b)).toBeNull();
  });

  it("treats groups without spread as exact", () => {
    expect(welchTest(moments([1, 1, 1]), moments([1, 1]))?.pValue).toBe(1);
    expect(welchTest(moments([1, 1, 1]), moments([0, 0]))?.pValue).toBe(0);
  });
});

describe("twoProportionTest", () => {
  it("takes interval and p-value from the same (unpooled) standard error", () => {
    // Unpooled SE = sqrt(0.1056/1000 + 0.1275/1000) = 0.0152807, z = 0.03 / SE = 1.964944,
    // p = 2 * (1 - Phi(1.964944)) = 0.049421 (python3 statistics.NormalDist, see
    // reference-values.py), interval 0.03 -+ 1.959964 * 0.0152807 = 0.000076 to 0.059924.
    // The pooled SE gave p = 0.0496 beside this same interval.
    const result = twoProportionTest(120, 1000, 150, 1000);
    expect(result?.difference).toBeCloseTo(0.03, 12);
    expect(result?.statistic).toBeCloseTo(1.964943729729648, 10);
    expect(result?.pValue).toBeCloseTo(0.04942075065958096, 10);
    expect(result?.low).toBeCloseTo(0.000076, 5);
    expect(result?.high).toBeCloseTo(0.059924, 5);
  });

  it("never pairs a significant p-value with an interval that crosses zero", () => {
    // 30/200 against 16/60: the pooled p-value was 0.0378 beside the unpooled interval
    // -0.0057 to +0.2390 (python3, statistics.NormalDist). Now both come from the unpooled SE:
    // p = 0.0616, no clear difference either way.
    const result = twoProportionTest(30, 200, 16, 60);
    expect(result?.pValue).toBeCloseTo(0.06163137650135264, 10);
    expect(result?.low).toBeCloseTo(-0.005682179787245542, 10);
  });

  it("gives p = 1 when both groups are at 0% and nothing for an empty group", () => {
    expect(twoProportionTest(0, 50, 0, 60)?.pValue).toBe(1);
    expect(twoProportionTest(0, 0, 3, 10)).toBeNull();
  });
});
