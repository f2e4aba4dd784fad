import type { SurveyType } from "../wire/event";

/** Lowest and highest score of each survey type's scale. */
export const SCALES: Readonly<Record<SurveyType, { min: number; max: number }>> = {
  nps: { min: 0, max: 10 },
  csat: { min: 1, max: 5 },
  ces: { min: 1, max: 7 },
};

/** True when `score` is a whole number on the scale of `surveyType`. */
export function isOnScale(surveyType: SurveyType, score: unknown): score is number {
  const { min, max } = SCALES[surveyType];
  return typeof score === "number" && Number.isInteger(score) && score >= min && score <= max;
}
