import type { SurveyType } from "../wire/event";
import type { Segment } from "../wire/scale";

/** Most summary rows returned; one row per survey, touchpoint, variant and holdout flag. */
export const MAX_SUMMARY_ROWS = 10_000;
/** Most days in one time series (ten years). */
export const MAX_TIMESERIES_DAYS = 3660;
/** Most site keys listed by `/v1/meta`. */
export const MAX_SITES = 1000;
/** Most comments in one response. */
export const MAX_COMMENTS = 500;

/** Comment segments: NPS groups (NPS answers only), or a band of any scale, NPS included. */
export type CommentSegment = Segment;

/** Aggregates for one survey, touchpoint, variant and holdout flag; forced previews left out. */
export interface SummaryRow {
  siteKey: string;
  surveyId: string;
  surveyType: string;
  touchpoint: string;
  variant: string;
  holdout: boolean;
  /** Distinct visitors who saw the prompt. */
  impressions: number;
  answers: number;
  dismissals: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** CSAT answers in the high band (4 or 5). */
  csatSatisfied: number;
  /** Sum of all answer scores. */
  scoreSum: number;
  /** Sum of squared answer scores, for a variance. */
  scoreSquareSum: number;
  /** Sum of CES answer scores. */
  cesSum: number;
}

/** Time-series buckets: UTC days, or ISO weeks (Monday to Sunday, UTC). */
export type Bucket = "day" | "week";

/**
 * Counts in one bucket, forced previews left out. `day` is the bucket's first UTC day
 * (`YYYY-MM-DD`): the day itself, or the Monday of the week.
 */
export interface TimeseriesRow {
  day: string;
  impressions: number;
  dismissals: number;
  answers: number;
  promoters: number;
  passives: number;
  detractors: number;
  csatSatisfied: number;
  scoreSum: number;
}

/** One answer with a follow-up comment. */
export interface CommentRow {
  id: string;
  surveyId: string;
  surveyType: SurveyType;
  touchpoint: string;
  variant: string;
  score: number;
  comment: string;
  createdAt: string;
  locale: string;
  url: string;
}
