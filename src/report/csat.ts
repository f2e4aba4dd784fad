import { SCALES } from "../wire/scale";
import { wilsonEstimate } from "./proportion";
import type { Estimate } from "./types";

/** Lowest CSAT score that counts as satisfied (4 and 5 on the 1 to 5 scale). */
export const CSAT_SATISFIED_MIN = SCALES.csat.highMin;

/** True for a satisfied CSAT answer (4 or 5). */
export function isSatisfied(score: number): boolean {
  return score >= CSAT_SATISFIED_MIN;
}

/** CSAT: percent of answers scoring 4 or 5, with a Wilson 95% interval; null without answers. */
export function csatEstimate(scores: readonly number[]): Estimate | null {
  return wilsonEstimate(scores.filter(isSatisfied).length, scores.length);
}
