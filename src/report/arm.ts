import type { SurveyType } from "../wire/event";
import { SCALES } from "../wire/scale";
import type { ArmSummary } from "./counts";
import { csatEstimate } from "./csat";
import { meanEstimate, momentsEstimate } from "./mean";
import { npsEstimate, npsValue } from "./nps";
import { wilsonEstimate } from "./proportion";
import type { ArmTally } from "./tally";
import type { ArmReport, Estimate } from "./types";

/** Impressed visitors who are also in `visitors` (so a rate never exceeds 100%). */
export function countImpressed(arm: ArmTally, visitors: ReadonlySet<string>): number {
  let count = 0;
  for (const visitor of visitors) if (arm.impressed.has(visitor)) count += 1;
  return count;
}

/** One value per impressed visitor: +1 promoter, -1 detractor, 0 passive or no answer. */
export function netPromoterValues(arm: ArmTally): number[] {
  const values: number[] = [];
  for (const visitor of arm.impressed) {
    const answer = arm.latest.get(visitor);
    values.push(answer ? npsValue(answer.score) : 0);
  }
  return values;
}

function scoreEstimate(surveyType: SurveyType, scores: readonly number[]): Estimate | null {
  if (surveyType === "csat") return csatEstimate(scores);
  if (surveyType === "ces") return meanEstimate(scores, 1, SCALES.ces.min, SCALES.ces.max);
  let promoters = 0;
  let detractors = 0;
  for (const score of scores) {
    const value = npsValue(score);
    if (value > 0) promoters += 1;
    else if (value < 0) detractors += 1;
  }
  const passives = scores.length - promoters - detractors;
  const estimate = npsEstimate({ promoters, passives, detractors });
  if (!estimate) return null;
  const { value, low, high, n } = estimate;
  return { value, low, high, n };
}

function scoreCounts(surveyType: SurveyType, scores: readonly number[]): Record<string, number> {
  const { min, max } = SCALES[surveyType];
  const counts: Record<string, number> = {};
  for (let score = min; score <= max; score++) counts[score] = 0;
  for (const score of scores) counts[score] = (counts[score] ?? 0) + 1;
  return counts;
}

/** The published figures of one arm. */
export function armReport(arm: ArmTally, surveyType: SurveyType): ArmReport {
  const impressions = arm.impressed.size;
  return {
    variant: arm.variant,
    impressions,
    answers: arm.answers,
    dismissals: arm.dismissals,
    responseRate: wilsonEstimate(countImpressed(arm, arm.responders), impressions),
    dismissRate: wilsonEstimate(countImpressed(arm, arm.dismissers), impressions),
    score: scoreEstimate(surveyType, arm.scores),
    scoreCounts: scoreCounts(surveyType, arm.scores),
    netPromotersPerExposed:
      surveyType === "nps" ? meanEstimate(netPromoterValues(arm), 100, -1, 1) : null,
  };
}

/** The published figures of one arm, from its counts (see `summaryOf`). */
export function summaryReport(arm: ArmSummary, surveyType: SurveyType): ArmReport {
  const { min, max } = SCALES[surveyType];
  const scoreCounts: Record<string, number> = {};
  for (let score = min; score <= max; score++) scoreCounts[score] = arm.histogram[score] ?? 0;
  let score: Estimate | null;
  if (surveyType === "csat") score = wilsonEstimate(arm.satisfied, arm.scores.n);
  else if (surveyType === "ces") score = momentsEstimate(arm.scores, 1, min, max);
  else {
    let promoters = 0;
    let detractors = 0;
    for (const [value, count] of arm.histogram.entries()) {
      if (npsValue(value) > 0) promoters += count ?? 0;
      else if (npsValue(value) < 0) detractors += count ?? 0;
    }
    const passives = arm.scores.n - promoters - detractors;
    const estimate = npsEstimate({ promoters, passives, detractors });
    score = estimate
      ? { value: estimate.value, low: estimate.low, high: estimate.high, n: estimate.n }
      : null;
  }
  return {
    variant: arm.variant,
    impressions: arm.impressions,
    answers: arm.answers,
    dismissals: arm.dismissals,
    responseRate: wilsonEstimate(arm.responders, arm.impressions),
    dismissRate: wilsonEstimate(arm.dismissers, arm.impressions),
    score,
    scoreCounts,
    netPromotersPerExposed:
      surveyType === "nps" ? momentsEstimate(arm.netPromoters, 100, -1, 1) : null,
  };
}
