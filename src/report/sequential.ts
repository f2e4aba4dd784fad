// Asymptotic confidence sequences (Waudby-Smith, Arbour, Sinha, Kennedy and Ramdas 2023,
// "Time-uniform central limit theory and asymptotic confidence sequences", Theorem 2.2 with the
// normal-mixture boundary), the method GrowthBook's gbstats ships as its sequential test.

/**
 * Tuning sample size N* (both arms of a comparison together) when the experiment has no plan:
 * gbstats' default. The sequence is narrowest near N*.
 */
export const DEFAULT_TUNING_SIZE = 5000;

/**
 * Mixing parameter rho of the normal-mixture boundary that makes the sequence narrowest at
 * `tuningSize` observations (the paper's eq. for the optimal rho at a target time).
 */
export function mixtureRho(alpha: number, tuningSize: number): number {
  const log = -2 * Math.log(alpha);
  return Math.sqrt((log + Math.log(log + 1)) / tuningSize);
}

/**
 * How many standard errors the confidence sequence reaches either side of the estimate after `n`
 * observations (both arms), at level `alpha`: sqrt(2 (n rho^2 + 1) / (n rho^2) * ln(sqrt(n rho^2 + 1) / alpha)).
 * A fixed-horizon z interval would use 1.96 at alpha = 0.05; this is wider, and valid at every look.
 */
export function sequentialMultiplier(n: number, alpha: number, rho: number): number {
  const v = n * rho * rho;
  if (!(v > 0)) return Number.POSITIVE_INFINITY;
  return Math.sqrt(((2 * (v + 1)) / v) * Math.log(Math.sqrt(v + 1) / alpha));
}

/**
 * Always-valid two-sided p-value of a z statistic after `n` observations: the smallest alpha at
 * which the sequence excludes zero, min(1, sqrt(n rho^2 + 1) * exp(-z^2 n rho^2 / (2 (n rho^2 + 1)))).
 * It is below alpha exactly when the level-alpha sequence excludes zero, so a verdict's interval
 * and p-value never disagree.
 */
export function sequentialPValue(z: number, n: number, rho: number): number {
  const v = n * rho * rho;
  if (!(v > 0)) return 1;
  return Math.min(1, Math.sqrt(v + 1) * Math.exp((-z * z * v) / (2 * (v + 1))));
}
