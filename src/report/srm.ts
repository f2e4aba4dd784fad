import { chiSquareSurvival } from "./stats";
import type { SampleRatioCheck } from "./types";

/** p-value below which impressions per variant are flagged as a sample ratio mismatch. */
export const SRM_ALPHA = 0.001;

/**
 * Chi-square goodness-of-fit test of impressions per variant against the expected weights.
 * The weights are used only when they give a positive weight to every observed variant (they
 * may name more, which then count as observed 0); otherwise equal weights are assumed.
 * Returns null with fewer than two variants or no impressions.
 */
export function sampleRatioCheck(
  observed: Readonly<Record<string, number>>,
  weights?: Readonly<Record<string, number>>,
): SampleRatioCheck | null {
  const seen = Object.keys(observed);
  const given = weights !== undefined && seen.every((key) => (weights[key] ?? 0) > 0);
  const keys = given
    ? [...new Set([...seen, ...Object.keys(weights).filter((key) => (weights[key] ?? 0) > 0)])]
    : seen;
  const weightOf = (key: string) => (given ? (weights?.[key] ?? 0) : 1);
  const total = keys.reduce((sum, key) => sum + (observed[key] ?? 0), 0);
  const totalWeight = keys.reduce((sum, key) => sum + weightOf(key), 0);
  if (keys.length < 2 || total <= 0) return null;
  const counts: Record<string, number> = {};
  const expectedShare: Record<string, number> = {};
  let chiSquare = 0;
  for (const key of keys) {
    const count = observed[key] ?? 0;
    const share = weightOf(key) / totalWeight;
    const expected = total * share;
    counts[key] = count;
    expectedShare[key] = share;
    chiSquare += (count - expected) ** 2 / expected;
  }
  const df = keys.length - 1;
  const pValue = chiSquareSurvival(chiSquare, df);
  return {
    observed: counts,
    expectedShare,
    weights: given ? "given" : "equal",
    chiSquare,
    df,
    pValue,
    flagged: pValue < SRM_ALPHA,
  };
}
