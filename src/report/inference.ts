import { sequentialMultiplier, sequentialPValue } from "./sequential";
import { type DifferenceEstimate, fixedTest, type TestResult } from "./significance";

/**
 * How verdicts are reached. `sequential` (the default): always-valid confidence sequences, true
 * however often the report is read. `fixed`: classic z and Welch t tests, true only when read once,
 * at a sample size fixed in advance.
 */
export type Method = "sequential" | "fixed";

/**
 * Confidence sequence at level `alpha` after `estimate.n` observations, with the always-valid
 * p-value of the same boundary (mixing parameter `rho`, see `mixtureRho`).
 */
export function sequentialTest(
  estimate: DifferenceEstimate,
  alpha: number,
  rho: number,
): TestResult {
  const { difference, se, n, df } = estimate;
  if (se === 0) return fixedTest(estimate, alpha);
  const statistic = difference / se;
  const half = sequentialMultiplier(n, alpha, rho) * se;
  return {
    difference,
    low: difference - half,
    high: difference + half,
    pValue: sequentialPValue(statistic, n, rho),
    statistic,
    df,
  };
}

/** The interval at level `alpha` and the p-value of one estimate, by either method. */
export function testAt(
  estimate: DifferenceEstimate,
  method: Method,
  alpha: number,
  rho: number,
): TestResult {
  return method === "sequential"
    ? sequentialTest(estimate, alpha, rho)
    : fixedTest(estimate, alpha);
}
