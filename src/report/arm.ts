import type { SurveyType } from "../outbox/event";
import { CSAT_SATISFIED_MIN } from "./csat";
import { type Moments, momentsEstimate, momentsOfCounts } from "./mean";
import { npsEstimate, npsValue } from "./nps";
import { wilsonEstimate } from "./proportion";
import { SCALES } from "./scale";
import type { ArmCounts } from "./tally";
import type { ArmReport, Estimate } from "./types";

/** On-scale answers of an arm. */
export function scoredAnswers(arm: ArmCounts): number {
  let n = 0;
  for (const count of arm.scores) n += count ?? 0;
  return n;
}

/** Answers scoring at least `min`. */
export function answersFrom(arm: ArmCounts, min: number): number {
  let n = 0;
  for (const [score, count] of arm.scores.entries()) if (score >= min) n += count ?? 0;
  return n;
}

/** Per visitor shown: +1 promoter, -1 detractor, 0 passive or no answer. */
export function netPromoterMoments(arm: ArmCounts): Moments {
  const { promotersShown: up, detractorsShown: down, impressions } = arm;
  return momentsOfCounts([
    [1, up],
    [-1, down],
    [0, impressions - up - down],
  ]);
}

/** Per answer: the score itself (CES) or its NPS value (+1 / 0 / -1). */
export function scoreMoments(arm: ArmCounts, asNps: boolean): Moments {
  return momentsOfCounts(
    arm.scores.map((count, score) => [asNps ? npsValue(score) : score, count ?? 0] as const),
  );
}

function scoreEstimate(surveyType: SurveyType, arm: ArmCounts): Estimate | null {
  const n = scoredAnswers(arm);
  if (surveyType === "csat") return wilsonEstimate(answersFrom(arm, CSAT_SATISFIED_MIN), n);
  if (surveyType === "ces") return momentsEstimate(scoreMoments(arm, false));
  const promoters = answersFrom(arm, 9);
  const detractors = n - answersFrom(arm, 7);
  const estimate = npsEstimate({ promoters, passives: n - promoters - detractors, detractors });
  if (!estimate) return null;
  const { value, low, high } = estimate;
  return { value, low, high, n: estimate.n };
}

function scoreCounts(surveyType: SurveyType, arm: ArmCounts): Record<string, number> {
  const { min, max } = SCALES[surveyType];
  const counts: Record<string, number> = {};
  for (let score = min; score <= max; score++) counts[score] = arm.scores[score] ?? 0;
  return counts;
}

/** The published figures of one arm. */
export function armReport(arm: ArmCounts, surveyType: SurveyType): ArmReport {
  const { impressions } = arm;
  return {
    variant: arm.variant,
    impressions,
    answers: arm.answers,
    dismissals: arm.dismissals,
    responseRate: wilsonEstimate(arm.respondersShown, impressions),
    dismissRate: wilsonEstimate(arm.dismissersShown, impressions),
    score: scoreEstimate(surveyType, arm),
    scoreCounts: scoreCounts(surveyType, arm),
    netPromotersPerExposed:
      surveyType === "nps" ? momentsEstimate(netPromoterMoments(arm), 100) : null,
  };
}
