import { logGamma } from "./special";
import type { SampleRatioCheck } from "./types";

/** p-value below which impressions per variant are flagged as a sample ratio mismatch. */
export const SRM_ALPHA = 0.001;
/**
 * Concentration of the Dirichlet prior around the expected shares (prior = 100 x shares), the
 * default of Lindon and Malek's reference implementation (savvi's `Multinomial`, k = 100).
 */
export const SRM_PRIOR_CONCENTRATION = 100;

/**
 * Log Bayes factor of a Dirichlet-multinomial alternative (prior concentration `k` around
 * `shares`) against the multinomial with exactly `shares`: Lindon and Malek 2022, "Anytime-valid
 * inference for multinomial count data". Its inverse is a p-value valid at every look.
 */
export function logBayesFactor(
  counts: readonly number[],
  shares: readonly number[],
  k = SRM_PRIOR_CONCENTRATION,
): number {
  const n = counts.reduce((sum, x) => sum + x, 0);
  let log = logGamma(k) - logGamma(k + n);
  counts.forEach((x, i) => {
    const share = shares[i] ?? 0;
    const prior = k * share;
    log += logGamma(prior + x) - logGamma(prior);
    if (x > 0) log -= x * Math.log(share);
  });
  return log;
}

/**
 * Sequential check of impressions per variant against the expected weights. Given weights are
 * used over the variants with a positive weight; a variant paused at weight 0 is left out (its
 * past visitors came in under a weight that is no longer known, and pausing one variant keeps
 * the others' ratios), and so is a variant the weights do not name (the caller warns about it).
 * A weighted variant with no impressions counts as 0. Without weights, equal shares are assumed.
 * Returns null with fewer than two variants to check or no impressions.
 */
export function sampleRatioCheck(
  observed: Readonly<Record<string, number>>,
  weights?: Readonly<Record<string, number>>,
): SampleRatioCheck | null {
  const given = weights !== undefined && Object.keys(weights).length > 0;
  const keys = given
    ? Object.keys(weights).filter((key) => (weights[key] ?? 0) > 0)
    : Object.keys(observed);
  const paused = given ? Object.keys(weights).filter((key) => weights[key] === 0) : [];
  // Keys are variant names from events and configs ("toString" too): own properties only.
  const own = (record: Readonly<Record<string, number>>, key: string) =>
    Object.hasOwn(record, key) ? (record[key] as number) : 0;
  const weightOf = (key: string) => (given && weights ? own(weights, key) : 1);
  const total = keys.reduce((sum, key) => sum + own(observed, key), 0);
  const totalWeight = keys.reduce((sum, key) => sum + weightOf(key), 0);
  if (keys.length < 2 || total <= 0) return null;
  const counts = keys.map((key) => own(observed, key));
  const shares = keys.map((key) => weightOf(key) / totalWeight);
  const log = logBayesFactor(counts, shares);
  const pValue = Math.min(1, Math.exp(-log));
  return {
    observed: Object.fromEntries(keys.map((key, i) => [key, counts[i] ?? 0])),
    expectedShare: Object.fromEntries(keys.map((key, i) => [key, shares[i] ?? 0])),
    weights: given ? "given" : "equal",
    logBayesFactor: log,
    pValue,
    flagged: pValue < SRM_ALPHA,
    paused,
  };
}
