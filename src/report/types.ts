import type { SurveyType } from "../outbox/event";

/**
 * A figure with its 95% interval. Rates and shares are in percent (0 to 100), NPS and net
 * promoters in points (-100 to 100), CES on its 1 to 7 scale.
 */
export interface Estimate {
  value: number;
  /** Lower end of the 95% interval; null when the sample is too small to give one. */
  low: number | null;
  /** Upper end of the 95% interval; null when the sample is too small to give one. */
  high: number | null;
  /** Observations behind the figure (visitors for rates, answers for scores). */
  n: number;
}

/** Figures for one copy variant (or the holdout group) at one touchpoint. */
export interface ArmReport {
  variant: string;
  /** Distinct visitors shown the prompt (distinct `visitorId` among impressions). */
  impressions: number;
  /** Answer events. */
  answers: number;
  /** Dismissal events. */
  dismissals: number;
  /**
   * Percent of impressed visitors who answered (Wilson interval). An answer from a visitor with
   * no recorded impression counts in `answers` but not here, so the rate never passes 100%.
   */
  responseRate: Estimate | null;
  /** Percent of impressed visitors who dismissed (Wilson interval). */
  dismissRate: Estimate | null;
  /** Responder score: NPS points (adjusted Wald), CSAT percent 4-5 (Wilson) or CES mean (t). */
  score: Estimate | null;
  /** Answers per score value on the survey's scale, e.g. `{ "0": 3, ..., "10": 12 }`. */
  scoreCounts: Record<string, number>;
  /**
   * NPS surveys only: per 100 impressed visitors, promoters minus detractors, counting
   * non-responders as 0 (t interval). Null for CSAT and CES.
   */
  netPromotersPerExposed: Estimate | null;
}

/** Names of the figures compared between a variant and the control. */
export type MetricKey =
  | "responseRate"
  | "netPromotersPerExposed"
  | "dismissRate"
  | "nps"
  | "csat"
  | "ces";

/** What a comparison concluded, in the direction that matters to the marketer. */
export type Outcome = "better" | "worse" | "no clear difference" | "not enough data";

/** One figure of one variant against the control. */
export interface Comparison {
  metric: MetricKey;
  /** Plain name, e.g. "response rate". */
  label: string;
  variant: string;
  control: string;
  test: "two-proportion z" | "Welch t";
  /** Variant minus control, in the figure's unit (percentage points, NPS points, CES points). */
  difference: number | null;
  low: number | null;
  high: number | null;
  pValue: number | null;
  /** What the minimum sample counts. */
  basis: "impressions" | "answers";
  /** The smaller of the two arms' counts of `basis`. */
  have: number;
  /** Minimum count of `basis` each arm needs before a winner may be named. */
  needed: number;
  outcome: Outcome;
}

/** Sample-ratio-mismatch check of impressions per variant against the expected weights. */
export interface SampleRatioCheck {
  observed: Record<string, number>;
  /** Expected share of impressions per variant, 0 to 1. */
  expectedShare: Record<string, number>;
  /** Whether the shares came from the given weights or assume equal weights. */
  weights: "given" | "equal";
  chiSquare: number;
  df: number;
  pValue: number;
  /** True when p is below {@link ReportThresholds.srmAlpha}: assignment or logging is broken. */
  flagged: boolean;
}

/** One touchpoint of one survey: its variants, the holdout group and the comparisons. */
export interface TouchpointReport {
  touchpoint: string;
  /** The variant the others are compared against; null when there are no variants. */
  control: string | null;
  /** Variants in the experiment, control first. */
  arms: ArmReport[];
  /** Visitors outside the experiment's coverage who saw the default copy; never mixed in. */
  holdout: ArmReport | null;
  comparisons: Comparison[];
  sampleRatio: SampleRatioCheck | null;
  /**
   * Variants that beat the control on a primary figure (response rate, net promoters per exposed
   * visitor) and lose on no figure counted over visitors shown; empty on a sample ratio mismatch.
   */
  winners: string[];
  /** Plain-words conclusions, one per variant, with warnings first. */
  verdicts: string[];
}

/** One survey and its touchpoints. */
export interface SurveyReport {
  surveyId: string;
  surveyType: SurveyType;
  touchpoints: TouchpointReport[];
}

/** Event counts behind the report. */
export interface EventTotals {
  /** Events received, duplicates included. */
  received: number;
  /** Repeated event ids (at-least-once delivery), counted once. */
  duplicates: number;
  /** Forced previews, left out of every figure. */
  forcedPreviews: number;
  /** Answers whose score is missing or off the survey's scale, left out of the scores. */
  invalidScores: number;
  /** Events behind the figures. */
  counted: number;
}

/** The rules a comparison must pass before a winner is named. */
export interface ReportThresholds {
  minAnswers: number;
  minImpressions: number;
  alpha: number;
  srmAlpha: number;
}

/** The whole report: plain JSON, safe to serialise. */
export interface Report {
  events: EventTotals;
  surveys: SurveyReport[];
  thresholds: ReportThresholds;
  /** Why response rate and net promoters per exposed visitor are the primary figures. */
  note: string;
}

/** Options of `buildReport`. */
export interface ReportOptions {
  /**
   * Expected traffic weights per variant key, for the sample-ratio check, e.g.
   * `{ control: 50, b: 50 }`. Used at a touchpoint only when it names every variant seen there.
   * @default equal weights
   */
  weights?: Readonly<Record<string, number>>;
  /**
   * Variant key to compare the others against.
   * @default "control" when present, else the first variant seen in the events
   */
  control?: string;
  /**
   * Per survey id, the weights and control of its copy variants as its config lists them
   * (see `experimentsFromConfig`). For that survey they take the place of `weights` and `control`.
   */
  experiments?: Readonly<Record<string, SurveyExperiment>>;
}

/** One survey's copy experiment, as its config declares it. */
export interface SurveyExperiment {
  /** Weight per variant key. */
  weights: Readonly<Record<string, number>>;
  /** The first variant, which the others are compared against. */
  control: string;
}
