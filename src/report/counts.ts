import type { SurveyType } from "../wire/event";
import { countImpressed } from "./arm";
import { isSatisfied } from "./csat";
import type { Moments } from "./mean";
import { npsValue } from "./nps";
import { dailyPerVariant } from "./plan";
import type { ArmTally, TouchpointTally } from "./tally";

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

/** Everything the report shows of one arm, as counts: what a database can keep. */
export interface ArmSummary extends ArmCounts {
  /** Answer events. */
  answers: number;
  /** Dismissal events. */
  dismissals: number;
  /** On-scale answers per score: `histogram[7]` answers scored 7. */
  histogram: number[];
  /** Visitors shown whose latest on-scale answer is a promoter (9-10) or a detractor (0-6). */
  promotersShown: number;
  detractorsShown: number;
}

/** One touchpoint of one survey as counts, ready for the report. */
export interface TouchpointSummary {
  siteKey: string;
  surveyId: string;
  surveyType: SurveyType;
  touchpoint: string;
  /** Variants in the order they first appear. */
  arms: ArmSummary[];
  holdout: ArmSummary | null;
  /** Visitors shown per variant per day lately (see `dailyPerVariant`), or null. */
  daily: number | null;
}

/** Moments of values given as a histogram (`histogram[value]` times each value, mapped). */
function histogramMoments(histogram: readonly number[], map: (value: number) => number): Moments {
  let n = 0;
  let sum = 0;
  for (const [value, count] of histogram.entries()) {
    n += count ?? 0;
    sum += map(value) * (count ?? 0);
  }
  if (n === 0) return { n: 0, mean: 0, variance: 0 };
  const mean = sum / n;
  let squares = 0;
  for (const [value, count] of histogram.entries())
    squares += (count ?? 0) * (map(value) - mean) ** 2;
  return { n, mean, variance: n > 1 ? squares / (n - 1) : 0 };
}

/**
 * An arm's summary from its counts: the same figures whether they were tallied from events or
 * kept by a collector's database.
 */
export function summaryFromCounts(counts: {
  variant: string;
  impressions: number;
  responders: number;
  dismissers: number;
  answers: number;
  dismissals: number;
  histogram: readonly number[];
  promotersShown: number;
  detractorsShown: number;
}): ArmSummary {
  const histogram = Array.from(counts.histogram, (count) => count ?? 0);
  let satisfied = 0;
  for (const [score, count] of histogram.entries()) if (isSatisfied(score)) satisfied += count;
  return {
    ...counts,
    histogram,
    netPromoters: ternaryMoments(counts.promotersShown, counts.detractorsShown, counts.impressions),
    npsAnswers: histogramMoments(histogram, npsValue),
    scores: histogramMoments(histogram, (score) => score),
    satisfied,
  };
}

/** The summary of one arm of the tally. */
export function summaryOf(arm: ArmTally): ArmSummary {
  const histogram: number[] = [];
  for (const score of arm.scores) histogram[score] = (histogram[score] ?? 0) + 1;
  let promotersShown = 0;
  let detractorsShown = 0;
  for (const visitor of arm.impressed) {
    const answer = arm.latest.get(visitor);
    if (!answer) continue;
    const value = npsValue(answer.score);
    if (value > 0) promotersShown += 1;
    else if (value < 0) detractorsShown += 1;
  }
  return summaryFromCounts({
    variant: arm.variant,
    impressions: arm.impressed.size,
    responders: countImpressed(arm, arm.responders),
    dismissers: countImpressed(arm, arm.dismissers),
    answers: arm.answers,
    dismissals: arm.dismissals,
    histogram,
    promotersShown,
    detractorsShown,
  });
}

/** A touchpoint of the tally as counts. */
export function touchpointSummary(tally: TouchpointTally): TouchpointSummary {
  const arms = [...tally.arms.values()].map(summaryOf);
  return {
    siteKey: tally.siteKey,
    surveyId: tally.surveyId,
    surveyType: tally.surveyType,
    touchpoint: tally.touchpoint,
    arms,
    holdout: tally.holdout ? summaryOf(tally.holdout) : null,
    daily: dailyPerVariant([...tally.firstShown.values()], arms.length),
  };
}
