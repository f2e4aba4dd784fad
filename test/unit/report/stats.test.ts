import { describe, expect, it } from "vitest";
import { betaRegularized, gammaQ, logGamma } from "../../../src/report/special";
import {
  chiSquareCdf,
  chiSquareSurvival,
  normalCdf,
  normalQuantile,
  tCdf,
  tQuantile,
  Z_95,
} from "../../../src/report/stats";

// Reference values are from published tables, checked against scipy.stats 1.17.
describe("special functions", () => {
  it("computes log-gamma at known points", () => {
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(100)).toBeCloseTo(359.1342053695754, 9);
  });

  it("computes incomplete gamma and beta functions with closed forms", () => {
    // Q(1, x) = exp(-x); I_x(1, b) = 1 - (1 - x)^b; I_x(a, 1) = x^a.
    expect(gammaQ(1, 2.5)).toBeCloseTo(Math.exp(-2.5), 13);
    expect(gammaQ(1, 0.3)).toBeCloseTo(Math.exp(-0.3), 13);
    expect(betaRegularized(0.3, 1, 4)).toBeCloseTo(1 - 0.7 ** 4, 13);
    expect(betaRegularized(0.8, 3, 1)).toBeCloseTo(0.8 ** 3, 13);
  });
});

describe("normal distribution", () => {
  it("matches the standard normal table, far tails included", () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517795, 12);
    expect(normalCdf(-3)).toBeCloseTo(0.0013498980316301, 14);
    expect(normalCdf(-8) / 6.22096057427174e-16).toBeCloseTo(1, 9);
  });

  it("inverts the CDF", () => {
    expect(Z_95).toBeCloseTo(1.959963984540054, 10);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 12);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167813, 10);
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe("Student t distribution", () => {
  it("matches the t table", () => {
    expect(tCdf(2.228138851986, 10)).toBeCloseTo(0.975, 10);
    expect(tCdf(0, 3)).toBeCloseTo(0.5, 14);
    // t with 1 degree of freedom is Cauchy: CDF = 1/2 + atan(t) / pi.
    expect(tCdf(-3, 1)).toBeCloseTo(0.5 + Math.atan(-3) / Math.PI, 13);
    expect(tCdf(1.5, Number.POSITIVE_INFINITY)).toBe(normalCdf(1.5));
  });

  it("inverts the CDF, fractional degrees of freedom included", () => {
    expect(tQuantile(0.975, 1)).toBeCloseTo(12.706204736174694, 8);
    expect(tQuantile(0.975, 4)).toBeCloseTo(2.7764451051977987, 10);
    expect(tQuantile(0.975, 30)).toBeCloseTo(2.042272456301238, 10);
    expect(tCdf(tQuantile(0.025, 24.9885), 24.9885)).toBeCloseTo(0.025, 12);
  });
});

describe("chi-square distribution", () => {
  it("matches the chi-square table", () => {
    expect(chiSquareCdf(3.841458820694124, 1)).toBeCloseTo(0.95, 12);
    expect(chiSquareSurvival(18.307038053275146, 10)).toBeCloseTo(0.05, 12);
    // With 2 degrees of freedom the CDF is 1 - exp(-x / 2).
    expect(chiSquareCdf(5, 2)).toBeCloseTo(1 - Math.exp(-2.5), 13);
    expect(chiSquareSurvival(100, 3) / 1.5541594313896026e-21).toBeCloseTo(1, 9);
    expect(chiSquareSurvival(0, 4)).toBe(1);
  });
});
