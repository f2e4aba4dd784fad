import type { SurveyType } from "../wire/event";

/** The values a visitor can choose for each question type. */
export function scaleValues(type: SurveyType): number[] {
  const [min, max] = type === "nps" ? [0, 10] : type === "csat" ? [1, 5] : [1, 7];
  return Array.from({ length: max - min + 1 }, (_, i) => min + i);
}
