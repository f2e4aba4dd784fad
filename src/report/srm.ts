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
  // Variant names come from events: "__proto__", "constructor" or "toString" must read as
  // variants, never as what a plain object inherits, so every lookup is an own-property one.
  const own = (record: Readonly<Record<string, number>>, key: string) =>
    Object.hasOwn(record, key) ? (record[key] as number) : 0;
  const seen = Object.keys(observed);
  const given = weights !== undefined && seen.every((key) => own(weights, key) > 0);
  const keys = given
    ? [...new Set([...seen, ...Object.keys(weights).filter((key) => own(weights, key) > 0)])]
    : seen;
  const weightOf = (key: string) => (given && weights ? own(weights, key) : 1);
  const total = keys.reduce((sum, key) => sum + own(observed, key), 0);
  const totalWeight = keys.reduce((sum, key) => sum + weightOf(key), 0);
  if (keys.length < 2 || total <= 0) return null;
  let chiSquare = 0;
  for (const key of keys) {
    const expected = (total * weightOf(key)) / totalWeight;
    chiSquare += (own(observed, key) - expected) ** 2 / expected;
  }
  // fromEntries defines own properties, where `counts[key] = …` would set a prototype.
  const counts = Object.fromEntries(keys.map((key) => [key, own(observed, key)]));
  const expectedShare = Object.fromEntries(keys.map((key) => [key, weightOf(key) / totalWeight]));
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
