import { countImpressed, netPromoterValues } from "./arm";
import { isSatisfied } from "./csat";
import { type Moments, moments } from "./mean";
import { npsValue } from "./nps";
import type { ArmTally } from "./tally";

/** What the comparisons need of one arm: counts and moments, no visitor ids. */
export interface ArmCounts {
  variant: string;
  /** Distinct visitors shown the prompt. */
  impressions: number;
  /** Visitors shown who answered. */
  responders: number;
  /** Visitors shown who dismissed. */
  dismissers: number;
  /** Per visitor shown: +1 promoter, -1 detractor, 0 otherwise (NPS surveys). */
  netPromoters: Moments;
  /** Per answer: +1 promoter, -1 detractor, 0 passive (NPS surveys). */
  npsAnswers: Moments;
  /** The answers' scores on their scale (CES). */
  scores: Moments;
  /** Answers scoring 4 or 5 (CSAT). */
  satisfied: number;
}

/** Moments of values that are +1 `plus` times, -1 `minus` times and 0 the rest of `n`. */
export function ternaryMoments(plus: number, minus: number, n: number): Moments {
  if (n <= 0) return { n: 0, mean: 0, variance: 0 };
  const mean = (plus - minus) / n;
  const variance = n > 1 ? Math.max(0, (plus + minus - n * mean * mean) / (n - 1)) : 0;
  return { n, mean, variance };
}

/** The counts of one arm of the tally. */
export function countsOf(arm: ArmTally): ArmCounts {
  return {
    variant: arm.variant,
    impressions: arm.impressed.size,
    responders: countImpressed(arm, arm.responders),
    dismissers: countImpressed(arm, arm.dismissers),
    netPromoters: moments(netPromoterValues(arm)),
    npsAnswers: moments(arm.scores.map(npsValue)),
    scores: moments(arm.scores),
    satisfied: arm.scores.filter(isSatisfied).length,
  };
}
