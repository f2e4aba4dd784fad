import type { Moments } from "./mean";
import { normalCdf, tCdf, tQuantile, Z_95 } from "./stats";

/** A difference (second group minus first) and its standard error, before any test is chosen. */
export interface DifferenceEstimate {
  difference: number;
  /** Unpooled standard error of the difference. */
  se: number;
  /** Observations in both groups together (the confidence sequence's time). */
  n: number;
  /** Degrees of freedom: Welch-Satterthwaite for means, Infinity for proportions (z). */
  df: number;
}

/** A difference with its 95% interval and two-sided p-value. */
export interface TestResult {
  difference: number;
  low: number;
  high: number;
  pValue: number;
  /** The z or t statistic. */
  statistic: number;
  /** Degrees of freedom of a t test; Infinity for a z test. */
  df: number;
}

/** Difference of two proportions `x2 / n2 - x1 / n1` with the unpooled standard error. */
export function proportionDifference(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
): DifferenceEstimate | null {
  if (n1 <= 0 || n2 <= 0) return null;
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const se = Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
  return { difference: p2 - p1, se, n: n1 + n2, df: Number.POSITIVE_INFINITY };
}

/** Difference of means `b - a` with Welch's standard error and degrees of freedom. */
export function meanDifference(a: Moments, b: Moments): DifferenceEstimate | null {
  if (a.n < 2 || b.n < 2) return null;
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  const se = Math.sqrt(va + vb);
  const df = se > 0 ? (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1)) : a.n + b.n - 2;
  return { difference: b.mean - a.mean, se, n: a.n + b.n, df };
}

/**
 * Fixed-horizon test of an estimate: a t (or z, for df = Infinity) interval at level `alpha` and
 * the p-value of the same statistic, so the interval excludes zero exactly when p < alpha.
 */
export function fixedTest(estimate: DifferenceEstimate, alpha = 0.05): TestResult {
  const { difference, se, df } = estimate;
  if (se === 0) {
    // No spread at all: the difference is exact.
    const same = difference === 0;
    const statistic = same ? 0 : Math.sign(difference) * Number.POSITIVE_INFINITY;
    return { difference, low: difference, high: difference, pValue: same ? 1 : 0, statistic, df };
  }
  const statistic = difference / se;
  const critical =
    df === Number.POSITIVE_INFINITY && alpha === 0.05 ? Z_95 : tQuantile(1 - alpha / 2, df);
  const tail =
    df === Number.POSITIVE_INFINITY
      ? normalCdf(-Math.abs(statistic))
      : tCdf(-Math.abs(statistic), df);
  return {
    difference,
    low: difference - critical * se,
    high: difference + critical * se,
    pValue: 2 * tail,
    statistic,
    df,
  };
}

/**
 * Two-proportion z-test of `x2 / n2` against `x1 / n1`, interval and p-value both from the
 * unpooled standard error. Returns null when either group is empty.
 */
export function twoProportionTest(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
): TestResult | null {
  const estimate = proportionDifference(x1, n1, x2, n2);
  return estimate && fixedTest(estimate);
}

/**
 * Welch's unequal-variances t-test of the mean of `b` against the mean of `a`, with
 * Welch-Satterthwaite degrees of freedom. Returns null when either group has fewer than 2 values.
 */
export function welchTest(a: Moments, b: Moments): TestResult | null {
  const estimate = meanDifference(a, b);
  return estimate && fixedTest(estimate);
}
