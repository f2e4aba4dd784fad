import { Z_95 } from "./stats";
import type { Estimate } from "./types";

/**
 * Wilson score 95% interval of a proportion, in percent. Unlike the plain Wald interval it stays
 * inside 0 to 100 and keeps its coverage near 0% and 100% and for small samples.
 * Returns null when `n` is 0.
 */
export function wilsonEstimate(successes: number, n: number, z = Z_95): Estimate | null {
  if (n <= 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return {
    value: 100 * p,
    low: 100 * Math.max(0, center - half),
    high: 100 * Math.min(1, center + half),
    n,
  };
}
