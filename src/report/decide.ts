import { PRIMARY_METRICS } from "./compare";
import { holm } from "./holm";
import { type Method, testAt } from "./inference";
import type { TestResult } from "./significance";
import type { Comparison, Outcome, RawComparison } from "./types";

/** How `decide` tests a touchpoint's comparisons. */
export interface DecideOptions {
  method: Method;
  /** Error rate of each family of comparisons. */
  alpha: number;
  /** Mixing parameter of the confidence sequences (see `mixtureRho`). */
  rho: number;
}

/**
 * Family a comparison shares its error rate with: every primary comparison of every variant
 * (these name winners), and each secondary figure across variants.
 */
function familyOf(raw: RawComparison): string {
  return PRIMARY_METRICS.has(raw.metric) ? "primary" : raw.metric;
}

function clamp(value: number, range: number): number {
  return Math.min(range, Math.max(-range, value));
}

function outcomeOf(
  raw: RawComparison,
  result: TestResult | null,
  pValue: number,
  alpha: number,
): Outcome {
  if (!result || raw.have < raw.needed) return "not enough data";
  if (!(pValue < alpha) || result.difference === 0) return "no clear difference";
  return result.difference > 0 === raw.higherIsBetter ? "better" : "worse";
}

/**
 * Tests every comparison of a touchpoint: each family's p-values are adjusted by Holm's procedure,
 * and each interval is drawn at the level Holm gives it, by the same test as its p-value (an
 * always-valid confidence sequence, or a fixed-horizon z / Welch t test). So an interval excludes
 * zero exactly when the adjusted p-value is below alpha.
 */
export function decide(raws: readonly RawComparison[], options: DecideOptions): Comparison[] {
  const { method, alpha, rho } = options;
  const rawP = raws.map((raw) =>
    raw.estimate ? testAt(raw.estimate, method, alpha, rho).pValue : null,
  );
  const families = new Map<string, number[]>();
  raws.forEach((raw, i) => {
    const key = familyOf(raw);
    families.set(key, [...(families.get(key) ?? []), i]);
  });
  const comparisons: Comparison[] = new Array(raws.length);
  for (const members of families.values()) {
    const adjusted = holm(
      members.map((i) => rawP[i] ?? null),
      alpha,
    );
    members.forEach((i, k) => {
      const raw = raws[i] as RawComparison;
      const { adjusted: pValue, level } = adjusted[k] as { adjusted: number; level: number };
      const result = raw.estimate ? testAt(raw.estimate, method, level, rho) : null;
      const scaled = (value: number) => clamp(raw.scale * value, raw.range);
      comparisons[i] = {
        metric: raw.metric,
        label: raw.label,
        variant: raw.variant,
        control: raw.control,
        test: raw.test,
        method,
        difference: result ? raw.scale * result.difference : null,
        low: result ? scaled(result.low) : null,
        high: result ? scaled(result.high) : null,
        pValue: result ? pValue : null,
        rawPValue: rawP[i] ?? null,
        level,
        family: members.length,
        basis: raw.basis,
        have: raw.have,
        needed: raw.needed,
        outcome: outcomeOf(raw, result, pValue, alpha),
      };
    });
  }
  return comparisons;
}
