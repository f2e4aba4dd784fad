import { describe, expect, it } from "vitest";
import { holm } from "../../../src/report/holm";
import { sequentialTest } from "../../../src/report/inference";
import {
  DEFAULT_TUNING_SIZE,
  mixtureRho,
  sequentialMultiplier,
  sequentialPValue,
} from "../../../src/report/sequential";
import { fixedTest, proportionDifference } from "../../../src/report/significance";

// Reference values: test/unit/report/reference-values.py, a python3 script written from
// Waudby-Smith et al. 2023 (Theorem 2.2, normal-mixture boundary; always-valid p-value of
// eq. 155) with gbstats' rule for rho from the tuning size N*, standard library only.
describe("asymptotic confidence sequences (Waudby-Smith et al. 2023)", () => {
  it("tunes rho for N* as gbstats does", () => {
    expect(DEFAULT_TUNING_SIZE).toBe(5000);
    expect(mixtureRho(0.05, 5000)).toBeCloseTo(0.03984006677137368, 14);
    expect(mixtureRho(0.05, 4000)).toBeCloseTo(0.04454254876446106, 14);
  });

  it("gives the paper's interval and always-valid p-value for 200/1000 against 260/1000", () => {
    const estimate = proportionDifference(200, 1000, 260, 1000);
    if (!estimate) throw new Error("no estimate");
    expect(estimate.se).toBeCloseTo(0.018772320048411704, 14);
    const rho = mixtureRho(0.05, 5000);
    const result = sequentialTest(estimate, 0.05, rho);
    expect(result.high - result.difference).toBeCloseTo(0.058640580869454825, 12);
    expect(result.pValue).toBeCloseTo(0.042014152784385965, 12);
    const holmLevel = sequentialTest(estimate, 0.025, rho);
    expect(holmLevel.high - holmLevel.difference).toBeCloseTo(0.06388381407522535, 12);
    // The same data read once at a fixed horizon: z = 3.1962, p = 0.00139.
    expect(fixedTest(estimate).pValue).toBeCloseTo(0.0013925284836974194, 10);
  });

  it("is far wider than a z interval before N* and close to it after", () => {
    const rho = mixtureRho(0.05, 5000);
    expect(sequentialMultiplier(200, 0.05, rho)).toBeGreaterThan(4.5);
    expect(sequentialMultiplier(5000, 0.05, rho)).toBeCloseTo(3.0352, 3);
    expect(sequentialMultiplier(0, 0.05, rho)).toBe(Number.POSITIVE_INFINITY);
    const estimate = proportionDifference(2000, 10000, 2150, 10000);
    if (!estimate) throw new Error("no estimate");
    const result = sequentialTest(estimate, 0.05, rho);
    expect(result.high - result.difference).toBeCloseTo(0.017930530008376137, 12);
    expect(result.pValue).toBeCloseTo(0.207437683339523, 12);
  });

  it("puts p below alpha exactly when the interval excludes zero", () => {
    const rho = mixtureRho(0.05, 4000);
    for (let x = 150; x <= 300; x += 1) {
      const estimate = proportionDifference(200, 1000, x, 1000);
      if (!estimate) throw new Error("no estimate");
      for (const alpha of [0.05, 0.025, 0.0167]) {
        const result = sequentialTest(estimate, alpha, rho);
        expect(result.pValue < alpha).toBe(result.low > 0 || result.high < 0);
      }
      const fixed = fixedTest(estimate);
      expect(fixed.pValue < 0.05).toBe(fixed.low > 0 || fixed.high < 0);
    }
    expect(sequentialPValue(0, 1000, rho)).toBe(1);
  });
});

describe("holm (Holm 1979)", () => {
  it("matches the step-down adjusted p-values computed by hand", () => {
    // Sorted 0.005, 0.01, 0.03, 0.04: x4 = 0.02, x3 = 0.03, x2 = 0.06, x1 = 0.04 -> max 0.06.
    const results = holm([0.01, 0.04, 0.03, 0.005], 0.05);
    expect(results.map((r) => r.adjusted)).toEqual([
      0.03,
      expect.closeTo(0.06, 12),
      expect.closeTo(0.06, 12),
      0.02,
    ]);
    // Rejected at 0.05/4 and 0.05/3; the procedure stops at 0.05/2 for the rest.
    expect(results.map((r) => r.level)).toEqual([0.05 / 3, 0.05 / 2, 0.05 / 2, 0.05 / 4]);
  });

  it("counts a missing p-value as 1 so the family keeps its size", () => {
    expect(holm([0.02, null], 0.05).map((r) => r.adjusted)).toEqual([0.04, 1]);
    expect(holm([0.02], 0.05)[0]).toEqual({ adjusted: 0.02, level: 0.05 });
  });
});
