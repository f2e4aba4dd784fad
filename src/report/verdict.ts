import { PRIMARY_METRICS } from "./compare";
import { formatCount, formatFixed, formatP, formatSigned } from "./numbers";
import type { Comparison, SampleRatioCheck } from "./types";

function unit(comparison: Comparison): string {
  return comparison.metric === "ces" || comparison.metric === "netPromotersPerExposed"
    ? ""
    : " points";
}

function digits(comparison: Comparison): number {
  return comparison.metric === "ces" ? 2 : 1;
}

/** "95% interval", or the wider level Holm's procedure gave the comparison ("97.5% interval"). */
export function intervalName(comparison: Comparison): string {
  const confidence = 100 * (1 - comparison.level);
  return `${Number(confidence.toFixed(1))}% interval`;
}

/** One figure in words, e.g. "response rate +4.1 points, 95% interval +1.2 to +7.0 (p = 0.006)". */
export function describeComparison(comparison: Comparison): string {
  const { label, difference, low, high, pValue, outcome } = comparison;
  if (comparison.have < comparison.needed) {
    const what = comparison.basis === "answers" ? "answers" : "visitors shown";
    return `not enough ${what} yet to compare ${label} (${comparison.have} of ${comparison.needed} needed)`;
  }
  if (difference === null || low === null || high === null || pValue === null) {
    return `${label} cannot be compared`;
  }
  const d = digits(comparison);
  const figure = `${label} ${formatSigned(difference, d)}${unit(comparison)}, ${intervalName(comparison)} ${formatSigned(low, d)} to ${formatSigned(high, d)} (${formatP(pValue)})`;
  if (outcome === "better" || outcome === "worse") return `${figure}, ${outcome}`;
  return `${figure}, no clear difference`;
}

/**
 * Variants that beat the control on a primary figure and lose on no figure counted over every
 * visitor shown (so more answers bought with more dismissals is no win). Responder scores do not
 * veto a win: copy that brings in more answers also changes who answers.
 */
export function findWinners(comparisons: readonly Comparison[]): string[] {
  const winners: string[] = [];
  for (const variant of new Set(comparisons.map((c) => c.variant))) {
    const own = comparisons.filter((c) => c.variant === variant);
    const primary = own.filter((c) => PRIMARY_METRICS.has(c.metric));
    const wins = primary.some((c) => c.outcome === "better");
    const losses = own.some((c) => c.outcome === "worse" && c.basis === "impressions");
    if (wins && !losses) winners.push(variant);
  }
  return winners;
}

/** The verdict line of one variant: who wins, then every figure in words, primary ones first. */
export function variantVerdict(
  variant: string,
  comparisons: readonly Comparison[],
  isWinner: boolean,
): string {
  const own = comparisons.filter((c) => c.variant === variant);
  const control = own[0]?.control ?? "control";
  const lead = isWinner
    ? `variant ${variant} beats ${control}`
    : `variant ${variant} vs ${control}`;
  return `${lead}: ${own.map(describeComparison).join("; ")}`;
}

/** The warning shown instead of a winner when impressions do not match the expected split. */
export function sampleRatioWarning(check: SampleRatioCheck): string {
  const split = Object.entries(check.observed)
    .map(([key, count]) => {
      const expected = formatFixed(100 * (check.expectedShare[key] ?? 0), 0);
      return `${key} ${formatCount(count)} (expected ${expected}%)`;
    })
    .join(", ");
  return `sample ratio mismatch: visitors shown ${split}, ${formatP(check.pValue)} (sequential test); assignment or event delivery is broken, so no winner is named`;
}
