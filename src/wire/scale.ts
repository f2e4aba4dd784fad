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
 * The one definition of each scale and its bands (README, "Scales and segments"), as
 * `[min, max, lowMax, highMin]` (numbers only: the UI chunk reads them and stays small):
 * NPS 0-10: detractors 0-6, passives 7-8, promoters 9-10 (Reichheld's Net Promoter Score);
 * CSAT 1-5: low 1-2, middle 3, high 4-5 (the satisfied answers: "top two boxes");
 * CES 1-7 ("... made it easy"): low 1-3 (disagree), middle 4, high 5-7 (agree).
 */
const BOUNDS: Readonly<Record<SurveyType, readonly [number, number, number, number]>> = {
  nps: [0, 10, 6, 9],
  csat: [1, 5, 2, 4],
  ces: [1, 7, 3, 5],
};

const toScale = ([min, max, lowMax, highMin]: readonly number[]) =>
  ({ min, max, lowMax, highMin }) as Scale;

/** Each scale with its bands, by survey type. */
export const SCALES: Readonly<Record<SurveyType, Scale>> = {
  nps: /* @__PURE__ */ toScale(BOUNDS.nps),
  csat: /* @__PURE__ */ toScale(BOUNDS.csat),
  ces: /* @__PURE__ */ toScale(BOUNDS.ces),
};

/** The survey types, in the order of {@link SCALES}. */
export const SURVEY_TYPES = /* @__PURE__ */ Object.keys(BOUNDS) as SurveyType[];

const BANDS = ["low", "middle", "high"] as const;
const NPS_GROUPS = ["detractor", "passive", "promoter"] as const;

/** True when `score` is a whole number on the scale of `surveyType`. */
export function isOnScale(surveyType: SurveyType, score: unknown): score is number {
  const { min, max } = SCALES[surveyType];
  return typeof score === "number" && Number.isInteger(score) && score >= min && score <= max;
}

/** Every score of a type's scale, lowest first: the values a visitor can choose. */
export function scoresOf(type: SurveyType): number[] {
  const [min, max] = BOUNDS[type];
  return Array.from({ length: max - min + 1 }, (_, i) => min + i);
}

/** The segment of an answer: its NPS group, or its band on a CSAT or CES scale. */
export function segmentOf(type: SurveyType, score: number): Segment {
  const [, , lowMax, highMin] = BOUNDS[type];
  return (type === "nps" ? NPS_GROUPS : BANDS)[score <= lowMax ? 0 : score >= highMin ? 2 : 1];
}

/** The band of a score on its type's scale. */
export function bandOf(type: SurveyType, score: number): Band {
  return bandOfSegment(segmentOf(type, score));
}

/**
 * True when an answer is in `segment` as a filter reads it (the comments list): an NPS group
 * holds NPS answers only; a band holds that end of every scale, NPS included.
 */
export function inSegment(segment: Segment, type: SurveyType, score: number): boolean {
  return segment === bandOf(type, score) || segment === segmentOf(type, score);
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
