import { tQuantile } from "./stats";
import type { Estimate } from "./types";

/** Count, mean and unbiased sample variance of a set of values. */
export interface Moments {
  n: number;
  mean: number;
  /** Sample variance with n - 1 in the denominator; 0 when n < 2. */
  variance: number;
}

/** Computes {@link Moments} in one pass (Welford's update, stable for long runs of similar values). */
export function moments(values: readonly number[]): Moments {
  let n = 0;
  let mean = 0;
  let squares = 0;
  for (const value of values) {
    n += 1;
    const delta = value - mean;
    mean += delta / n;
    squares += delta * (value - mean);
  }
  return { n, mean, variance: n > 1 ? squares / (n - 1) : 0 };
}

/**
 * {@link Moments} of values given with their counts (a histogram), in time linear in the number of
 * distinct values: two passes, the second summing squared deviations from the mean.
 */
export function momentsOfCounts(
  counts: Iterable<readonly [value: number, count: number]>,
): Moments {
  const pairs = [...counts].filter(([, count]) => count > 0);
  let n = 0;
  let sum = 0;
  for (const [value, count] of pairs) {
    n += count;
    sum += value * count;
  }
  if (n === 0) return { n: 0, mean: 0, variance: 0 };
  const mean = sum / n;
  let squares = 0;
  for (const [value, count] of pairs) squares += count * (value - mean) ** 2;
  return { n, mean, variance: n > 1 ? squares / (n - 1) : 0 };
}

/**
 * Mean with a Student t 95% interval, multiplied by `scale` (100 turns a -1/0/+1 mean into
 * points). The interval is null below 2 values; the whole estimate is null without values.
 * Used for CES (1 to 7) and net promoters per exposed visitor.
 */
export function meanEstimate(values: readonly number[], scale = 1): Estimate | null {
  return momentsEstimate(moments(values), scale);
}

/** {@link meanEstimate} from moments already computed. */
export function momentsEstimate({ n, mean, variance }: Moments, scale = 1): Estimate | null {
  if (n === 0) return null;
  if (n < 2) return { value: scale * mean, low: null, high: null, n };
  const half = tQuantile(0.975, n - 1) * Math.sqrt(variance / n);
  return { value: scale * mean, low: scale * (mean - half), high: scale * (mean + half), n };
}
