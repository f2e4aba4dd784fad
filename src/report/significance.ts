import type { Moments } from "./mean";
import { normalCdf, tCdf, tQuantile, Z_95 } from "./stats";

/** A difference (second group minus first) with its 95% interval and two-sided p-value. */
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

/**
 * Two-proportion z-test of `x2 / n2` against `x1 / n1`. The p-value uses the pooled standard
 * error (the one valid under "no difference"); the 95% interval uses the unpooled one.
 * Returns null when either group is empty.
 */
export function twoProportionTest(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
): TestResult | null {
  if (n1 <= 0 || n2 <= 0) return null;
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const difference = p2 - p1;
  const pooled = (x1 + x2) / (n1 + n2);
  const pooledSe = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const se = Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
  const statistic = pooledSe > 0 ? difference / pooledSe : 0;
  return {
    difference,
    low: difference - Z_95 * se,
    high: difference + Z_95 * se,
    pValue: 2 * normalCdf(-Math.abs(statistic)),
    statistic,
    df: Number.POSITIVE_INFINITY,
  };
}

/**
 * Welch's unequal-variances t-test of the mean of `b` against the mean of `a`, with
 * Welch-Satterthwaite degrees of freedom. Returns null when either group has fewer than 2 values.
 */
export function welchTest(a: Moments, b: Moments): TestResult | null {
  if (a.n < 2 || b.n < 2) return null;
  const difference = b.mean - a.mean;
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  const se = Math.sqrt(va + vb);
  if (se === 0) {
    // No spread at all: the difference is exact.
    const df = a.n + b.n - 2;
    const same = difference === 0;
    const statistic = same ? 0 : Math.sign(difference) * Number.POSITIVE_INFINITY;
    return { difference, low: difference, high: difference, pValue: same ? 1 : 0, statistic, df };
  }
  const df = (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
  const statistic = difference / se;
  const half = tQuantile(0.975, df) * se;
  return {
    difference,
    low: difference - half,
    high: difference + half,
    pValue: 2 * tCdf(-Math.abs(statistic), df),
    statistic,
    df,
  };
}
