import type { SurveyType } from "./event";

/** The end of a scale an answer falls in: unhappy, neutral or happy. */
export type Band = "low" | "middle" | "high";

/**
 * Which group an answer belongs to: NPS answers are `detractor`, `passive` or `promoter`; CSAT
 * and CES answers are `low`, `middle` or `high`. Copy, contact questions and alerts are chosen
 * by it.
 */
export type Segment = "detractor" | "passive" | "promoter" | Band;

/** Every segment name, NPS groups first. */
export const SEGMENTS: readonly Segment[] = [
  "detractor",
  "passive",
  "promoter",
  "low",
  "middle",
  "high",
];

/** One survey type's scale: whole scores `min` to `max`, split into three bands. */
export interface Scale {
  min: number;
  max: number;
  /** Highest score of the low band. */
  lowMax: number;
  /** Lowest score of the high band; the scores between the bands are the middle. */
  highMin: number;
}

/**
 * The one definition of each scale and its bands (README, "Scales and segments"):
 * NPS 0-10: detractors 0-6, passives 7-8, promoters 9-10 (Reichheld's Net Promoter Score);
 * CSAT 1-5: low 1-2, middle 3, high 4-5 (the satisfied answers: "top two boxes");
 * CES 1-7 ("... made it easy"): low 1-3 (disagree), middle 4, high 5-7 (agree).
 */
export const SCALES: Readonly<Record<SurveyType, Scale>> = {
  nps: { min: 0, max: 10, lowMax: 6, highMin: 9 },
  csat: { min: 1, max: 5, lowMax: 2, highMin: 4 },
  ces: { min: 1, max: 7, lowMax: 3, highMin: 5 },
};

/** The survey types, in the order of {@link SCALES}. */
export const SURVEY_TYPES = Object.keys(SCALES) as SurveyType[];

const NPS_GROUP = { low: "detractor", middle: "passive", high: "promoter" } as const;

/** True when `score` is a whole number on the scale of `surveyType`. */
export function isOnScale(surveyType: SurveyType, score: unknown): score is number {
  const { min, max } = SCALES[surveyType];
  return typeof score === "number" && Number.isInteger(score) && score >= min && score <= max;
}

/** The band of a score on its type's scale. */
export function bandOf(type: SurveyType, score: number): Band {
  const { lowMax, highMin } = SCALES[type];
  return score <= lowMax ? "low" : score >= highMin ? "high" : "middle";
}

/** The segment of an answer: its NPS group, or its band on a CSAT or CES scale. */
export function segmentOf(type: SurveyType, score: number): Segment {
  const band = bandOf(type, score);
  return type === "nps" ? NPS_GROUP[band] : band;
}

/**
 * True when an answer is in `segment` as a filter reads it (the comments list): an NPS group
 * holds NPS answers only; a band holds that end of every scale, NPS included.
 */
export function inSegment(segment: Segment, type: SurveyType, score: number): boolean {
  const band = bandOf(type, score);
  return segment === band || (type === "nps" && segment === NPS_GROUP[band]);
}

/** The scores of a band on its type's scale, lowest first, as `[from, to]`. */
export function bandRange(type: SurveyType, band: Band): readonly [number, number] {
  const { min, max, lowMax, highMin } = SCALES[type];
  if (band === "low") return [min, lowMax];
  return band === "high" ? [highMin, max] : [lowMax + 1, highMin - 1];
}

/** The band an NPS group or band name stands for. */
export function bandOfSegment(segment: Segment): Band {
  if (segment === "detractor") return "low";
  if (segment === "passive") return "middle";
  return segment === "promoter" ? "high" : segment;
}
