import type { SurveyType } from "../wire/event";
import { SCALES } from "../wire/scale";

/** The values a visitor can choose for each question type. */
export function scaleValues(type: SurveyType): number[] {
  const { min, max } = SCALES[type];
  return Array.from({ length: max - min + 1 }, (_, i) => min + i);
}
