/** Bound on continued-fraction and series terms; all converge in far fewer for our arguments. */
const MAX_TERMS = 500;
const EPSILON = 1e-15;
/** Stands in for zero in Lentz's method, where a zero denominator would divide by zero. */
const TINY = 1e-300;
const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
/** Below this, log-gamma is shifted up by the recurrence so the Stirling series is accurate. */
const STIRLING_MIN = 10;

/** Natural logarithm of the gamma function, for x > 0 (absolute error below 1e-13). */
export function logGamma(x: number): number {
  let shift = 0;
  let z = x;
  while (z < STIRLING_MIN) {
    shift += Math.log(z);
    z += 1;
  }
  const inv = 1 / z;
  const inv2 = inv * inv;
  const series =
    inv * (1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260 - inv2 * (1 / 1680 - inv2 / 1188))));
  return (z - 0.5) * Math.log(z) - z + HALF_LOG_TWO_PI + series - shift;
}

function clampTiny(value: number): number {
  return Math.abs(value) < TINY ? TINY : value;
}

/** Regularized lower incomplete gamma function P(a, x), for a > 0 and x >= 0. */
export function gammaP(a: number, x: number): number {
  return 1 - gammaQ(a, x);
}

/** Regularized upper incomplete gamma function Q(a, x) = 1 - P(a, x), accurate in the far tail. */
export function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  if (x === Number.POSITIVE_INFINITY) return 0;
  const logPrefix = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < MAX_TERMS && Math.abs(term) > Math.abs(sum) * EPSILON; n++) {
      term *= x / (a + n);
      sum += term;
    }
    return 1 - sum * Math.exp(logPrefix);
  }
  // Continued fraction for Q, evaluated with the modified Lentz method.
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let fraction = d;
  for (let i = 1; i < MAX_TERMS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = 1 / clampTiny(an * d + b);
    c = clampTiny(b + an / c);
    const delta = d * c;
    fraction *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return Math.exp(logPrefix) * fraction;
}

/** Continued fraction of the incomplete beta function, by the modified Lentz method. */
function betaFraction(x: number, a: number, b: number): number {
  let c = 1;
  let d = 1 / clampTiny(1 - ((a + b) * x) / (a + 1));
  let fraction = d;
  for (let m = 1; m < MAX_TERMS; m++) {
    const even = (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m));
    d = 1 / clampTiny(1 + even * d);
    c = clampTiny(1 + even / c);
    fraction *= d * c;
    const odd = (-(a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1));
    d = 1 / clampTiny(1 + odd * d);
    c = clampTiny(1 + odd / c);
    const delta = d * c;
    fraction *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return fraction;
}

/** Regularized incomplete beta function I_x(a, b), for a, b > 0 and 0 <= x <= 1. */
export function betaRegularized(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const logFront =
    a * Math.log(x) + b * Math.log1p(-x) - (logGamma(a) + logGamma(b) - logGamma(a + b));
  // The fraction converges fast only below this point; above it, use I_x(a, b) = 1 - I_{1-x}(b, a).
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(logFront) * betaFraction(x, a, b)) / a;
  return 1 - (Math.exp(logFront) * betaFraction(1 - x, b, a)) / b;
}
