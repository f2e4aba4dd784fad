// Turns the report module's JSON into what the dashboard draws: journey stages, headline figures
// and experiments. Pure functions of the report, so they are tested without a browser.

import { meanEstimate } from "../src/report/mean";
import { npsEstimate } from "../src/report/nps";
import { wilsonEstimate } from "../src/report/proportion";
import type { ArmReport, Estimate, Report, TouchpointReport } from "../src/report/types";
import type { SurveyType } from "../src/wire/event";
import { type Band, bandOf, SCALES } from "../src/wire/scale";

/** Answers by band of the scale: unhappy (low), neutral (middle), happy (high). */
export type Split = Record<Band, number>;

/** The arms of one survey at one touchpoint, added together. */
export interface Totals {
  impressions: number;
  answers: number;
  dismissals: number;
  responders: number;
  dismissers: number;
  responseRate: Estimate | null;
  dismissRate: Estimate | null;
  /** NPS points, CSAT percent 4-5, or CES mean. */
  score: Estimate | null;
  scoreCounts: Record<string, number>;
  split: Split;
}

/** One survey at one touchpoint: a stage of the journey. */
export interface Stage {
  key: string;
  siteKey: string;
  surveyId: string;
  surveyType: SurveyType;
  touchpoint: string;
  report: TouchpointReport;
  totals: Totals;
}

/** Visitors an estimate's rate was computed over, turned back into a count. */
function countOf(rate: Estimate | null): number {
  return rate ? Math.round((rate.value * rate.n) / 100) : 0;
}

/** Adds score counts of several arms. */
export function addCounts(counts: readonly Record<string, number>[]): Record<string, number> {
  const sum: Record<string, number> = {};
  for (const c of counts)
    for (const [score, n] of Object.entries(c)) sum[score] = (sum[score] ?? 0) + n;
  return sum;
}

/** Low / middle / high answers of a score histogram. */
export function splitOf(type: SurveyType, counts: Record<string, number>): Split {
  const split: Split = { low: 0, middle: 0, high: 0 };
  for (const [score, n] of Object.entries(counts)) split[bandOf(type, Number(score))] += n;
  return split;
}

/** The survey's score with its 95% interval from a histogram (the report module's estimators). */
export function scoreOf(type: SurveyType, counts: Record<string, number>): Estimate | null {
  const split = splitOf(type, counts);
  const n = split.low + split.middle + split.high;
  if (type === "nps") {
    const estimate = npsEstimate({
      promoters: split.high,
      passives: split.middle,
      detractors: split.low,
    });
    return estimate && { value: estimate.value, low: estimate.low, high: estimate.high, n };
  }
  if (type === "csat") return wilsonEstimate(split.high, n);
  const values: number[] = [];
  for (const [score, count] of Object.entries(counts)) {
    for (let i = 0; i < count; i++) values.push(Number(score));
  }
  return meanEstimate(values, 1, SCALES.ces.min, SCALES.ces.max);
}

/** Adds arms together: the figures of everyone who saw the survey at that touchpoint. */
export function totalsOf(type: SurveyType, arms: readonly ArmReport[]): Totals {
  const sum = (pick: (arm: ArmReport) => number) => arms.reduce((s, arm) => s + pick(arm), 0);
  const impressions = sum((arm) => arm.impressions);
  const responders = sum((arm) => countOf(arm.responseRate));
  const dismissers = sum((arm) => countOf(arm.dismissRate));
  const scoreCounts = addCounts(arms.map((arm) => arm.scoreCounts));
  return {
    impressions,
    answers: sum((arm) => arm.answers),
    dismissals: sum((arm) => arm.dismissals),
    responders,
    dismissers,
    responseRate: wilsonEstimate(responders, impressions),
    dismissRate: wilsonEstimate(dismissers, impressions),
    score: scoreOf(type, scoreCounts),
    scoreCounts,
    split: splitOf(type, scoreCounts),
  };
}

/**
 * One stage per survey and touchpoint, in journey order: touchpoints named in `journey` first in
 * that order, then the others alphabetically.
 */
export function stagesOf(report: Report, journey: readonly string[]): Stage[] {
  const stages: Stage[] = [];
  for (const survey of report.surveys) {
    for (const touchpoint of survey.touchpoints) {
      const arms = touchpoint.holdout ? [...touchpoint.arms, touchpoint.holdout] : touchpoint.arms;
      stages.push({
        key: `${survey.siteKey}:${survey.surveyId}@${touchpoint.touchpoint}`,
        siteKey: survey.siteKey,
        surveyId: survey.surveyId,
        surveyType: survey.surveyType,
        touchpoint: touchpoint.touchpoint,
        report: touchpoint,
        totals: totalsOf(survey.surveyType, arms),
      });
    }
  }
  const rank = (stage: Stage) => {
    const index = journey.indexOf(stage.touchpoint);
    return index < 0 ? journey.length : index;
  };
  return stages.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      a.touchpoint.localeCompare(b.touchpoint) ||
      a.surveyId.localeCompare(b.surveyId),
  );
}

/** Headline figures across every stage: overall NPS and CSAT, response and dismissal rates. */
export function headlineOf(stages: readonly Stage[]) {
  const ofType = (type: SurveyType) =>
    addCounts(stages.filter((s) => s.surveyType === type).map((s) => s.totals.scoreCounts));
  const impressions = stages.reduce((s, stage) => s + stage.totals.impressions, 0);
  return {
    nps: scoreOf("nps", ofType("nps")),
    csat: scoreOf("csat", ofType("csat")),
    responseRate: wilsonEstimate(
      stages.reduce((s, stage) => s + stage.totals.responders, 0),
      impressions,
    ),
    dismissRate: wilsonEstimate(
      stages.reduce((s, stage) => s + stage.totals.dismissers, 0),
      impressions,
    ),
    impressions,
    answers: stages.reduce((s, stage) => s + stage.totals.answers, 0),
  };
}

/** Fewest answers before a stage may be called the low point of the journey. */
export const MIN_ANSWERS_FOR_LOW_POINT = 30;

/** The stage with the largest share of unhappy answers, when it has enough answers. */
export function lowPointOf(stages: readonly Stage[]): Stage | undefined {
  let worst: Stage | undefined;
  let worstShare = -1;
  for (const stage of stages) {
    const { low, middle, high } = stage.totals.split;
    const n = low + middle + high;
    if (n < MIN_ANSWERS_FOR_LOW_POINT) continue;
    if (low / n > worstShare) {
      worst = stage;
      worstShare = low / n;
    }
  }
  return worst;
}

/** Stages running an A/B test: more than one variant shown. */
export function experimentsOf(stages: readonly Stage[]): Stage[] {
  return stages.filter((stage) => stage.report.arms.length > 1);
}
