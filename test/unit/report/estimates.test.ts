import { describe, expect, it } from "vitest";
import { csatEstimate } from "../../../src/report/csat";
import { meanEstimate, moments } from "../../../src/report/mean";
import { npsEstimate, npsValue } from "../../../src/report/nps";
import { wilsonEstimate } from "../../../src/report/proportion";

describe("npsEstimate (adjusted Wald)", () => {
  it("gives NPS 30 with SE about 3.9 points for 200 promoters and 80 detractors of 400", () => {
    // By hand: n' = 403, p_pro = 200.75/403 = 0.498139, p_det = 80.75/403 = 0.200372,
    // d = 120/403 = 0.297767, var = (0.698511 - 0.088665)/403 = 0.00151327,
    // SE = 0.038901 -> 3.890 points; interval 29.777 -+ 1.959964 * 3.890 = 22.152 to 37.401.
    const estimate = npsEstimate({ promoters: 200, passives: 120, detractors: 80 });
    expect(estimate?.value).toBe(30);
    expect(estimate?.standardError).toBeCloseTo(3.8901, 3);
    expect(estimate?.low).toBeCloseTo(22.152, 2);
    expect(estimate?.high).toBeCloseTo(37.401, 2);
    expect(estimate?.n).toBe(400);
  });

  it("keeps the interval inside -100 to 100 and has nothing to say without answers", () => {
    const all = npsEstimate({ promoters: 5, passives: 0, detractors: 0 });
    expect(all?.value).toBe(100);
    expect(all?.high).toBeLessThanOrEqual(100);
    expect(all?.low).toBeLessThan(100);
    expect(npsEstimate({ promoters: 0, passives: 0, detractors: 0 })).toBeNull();
  });

  it("classifies scores", () => {
    expect([0, 6, 7, 8, 9, 10].map(npsValue)).toEqual([-1, -1, 0, 0, 1, 1]);
  });
});

describe("wilsonEstimate and csatEstimate", () => {
  it("matches the hand-computed Wilson interval for 80 of 100", () => {
    // By hand with z = 1.959964, z^2 = 3.841459: centre (0.8 + 0.019207)/1.038415 = 0.788901,
    // half (1.959964/1.038415) * sqrt(0.0016 + 0.0000960365) = 0.077732 -> 71.117% to 86.663%.
    const estimate = wilsonEstimate(80, 100);
    expect(estimate?.value).toBe(80);
    expect(estimate?.low).toBeCloseTo(71.117, 2);
    expect(estimate?.high).toBeCloseTo(86.663, 2);
  });

  it("stays above 0 at 0 successes", () => {
    const estimate = wilsonEstimate(0, 10);
    expect(estimate?.low).toBe(0);
    expect(estimate?.high).toBeGreaterThan(20);
    expect(wilsonEstimate(0, 0)).toBeNull();
  });

  it("counts 4 and 5 as satisfied", () => {
    const estimate = csatEstimate([5, 4, 3, 2, 1, 4, 5, 5]);
    expect(estimate?.value).toBe(62.5);
    expect(estimate?.n).toBe(8);
  });
});

describe("meanEstimate", () => {
  it("gives a t interval for a CES mean", () => {
    // By hand: mean 5.6, s^2 = 5.2/4 = 1.3, SE = 0.509902, t(0.975, 4) = 2.776445,
    // half-width 1.415715 -> 4.1843 to 7.0157.
    const estimate = meanEstimate([5, 6, 7, 4, 6]);
    expect(estimate?.value).toBeCloseTo(5.6, 12);
    expect(estimate?.low).toBeCloseTo(4.1843, 3);
    expect(estimate?.high).toBeCloseTo(7.0157, 3);
  });

  it("scales to points, and gives no interval from one value", () => {
    expect(meanEstimate([1, 0, 0, -1, 1], 100)?.value).toBeCloseTo(20, 12);
    expect(meanEstimate([4])).toEqual({ value: 4, low: null, high: null, n: 1 });
    expect(meanEstimate([])).toBeNull();
  });

  it("computes the unbiased variance", () => {
    expect(moments([2, 4, 4, 4, 5, 5, 7, 9])).toEqual({ n: 8, mean: 5, variance: 32 / 7 });
  });
});
