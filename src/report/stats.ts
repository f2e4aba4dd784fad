import { betaRegularized, gammaP, gammaQ } from "./special";

/** Bound on bracket doublings and bisection steps when inverting a CDF. */
const MAX_BRACKET_STEPS = 64;
const MAX_BISECTION_STEPS = 200;

/** Standard normal cumulative distribution function. */
export function normalCdf(z: number): number {
  const tail = 0.5 * gammaQ(0.5, (z * z) / 2);
  return z < 0 ? tail : 1 - tail;
}

/** Student's t cumulative distribution function; `df` may be fractional (Welch) or Infinity. */
export function tCdf(t: number, df: number): number {
  if (df === Number.POSITIVE_INFINITY) return normalCdf(t);
  const t2 = t * t;
  // Pass whichever of x and 1 - x is small, computed directly, so no digits are lost.
  const tail =
    t2 < df
      ? 0.5 * (1 - betaRegularized(t2 / (df + t2), 0.5, df / 2))
      : 0.5 * betaRegularized(df / (df + t2), df / 2, 0.5);
  return t < 0 ? tail : 1 - tail;
}

/** Chi-square cumulative distribution function with `df` degrees of freedom. */
export function chiSquareCdf(x: number, df: number): number {
  return x <= 0 ? 0 : gammaP(df / 2, x / 2);
}

/** Upper tail 1 - CDF of the chi-square distribution: the p-value of a statistic `x`. */
export function chiSquareSurvival(x: number, df: number): number {
  return x <= 0 ? 1 : gammaQ(df / 2, x / 2);
}

/** Finds x with cdf(x) = p for an increasing CDF over the real line, by bracketing and bisection. */
function invert(cdf: (x: number) => number, p: number): number {
  if (!(p > 0 && p < 1)) {
    if (p === 0) return Number.NEGATIVE_INFINITY;
    return p === 1 ? Number.POSITIVE_INFINITY : Number.NaN;
  }
  let low = -1;
  let high = 1;
  for (let i = 0; i < MAX_BRACKET_STEPS && cdf(low) > p; i++) low *= 2;
  for (let i = 0; i < MAX_BRACKET_STEPS && cdf(high) < p; i++) high *= 2;
  for (let i = 0; i < MAX_BISECTION_STEPS; i++) {
    const mid = (low + high) / 2;
    if (mid === low || mid === high) break;
    if (cdf(mid) < p) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

/** Standard normal quantile: the z with `normalCdf(z) = p`. */
export function normalQuantile(p: number): number {
  return invert(normalCdf, p);
}

/** Student's t quantile: the t with `tCdf(t, df) = p`. */
export function tQuantile(p: number, df: number): number {
  return invert((t) => tCdf(t, df), p);
}

/** Two-sided 95% critical value of the standard normal distribution, about 1.959964. */
export const Z_95 = normalQuantile(0.975);
