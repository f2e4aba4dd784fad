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
 * Mean with a Student t 95% interval, multiplied by `scale` (100 turns a -1/0/+1 mean into
 * points). The interval is null below 2 values and clamped to `[min, max]`, the values' possible
 * range (before scaling); the whole estimate is null without values. Used for CES (1 to 7) and
 * net promoters per exposed visitor (-1 to 1).
 */
export function meanEstimate(
  values: readonly number[],
  scale = 1,
  min = Number.NEGATIVE_INFINITY,
  max = Number.POSITIVE_INFINITY,
): Estimate | null {
  return momentsEstimate(moments(values), scale, min, max);
}

/** {@link meanEstimate} from moments already computed (e.g. from counts a database keeps). */
export function momentsEstimate(
  { n, mean, variance }: Moments,
  scale = 1,
  min = Number.NEGATIVE_INFINITY,
  max = Number.POSITIVE_INFINITY,
): Estimate | null {
  if (n === 0) return null;
  if (n < 2) return { value: scale * mean, low: null, high: null, n };
  const half = tQuantile(0.975, n - 1) * Math.sqrt(variance / n);
  const low = Math.max(min, mean - half);
  const high = Math.min(max, mean + half);
  return { value: scale * mean, low: scale * low, high: scale * high, n };
}
