import type { SurveyType } from "../wire/event";
import type { Method } from "./inference";
import type { DifferenceEstimate } from "./significance";

export type { Method } from "./inference";

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

/** One figure of one variant against the control, measured but not yet tested. */
export interface RawComparison {
  metric: MetricKey;
  label: string;
  variant: string;
  control: string;
  test: "two-proportion z" | "Welch t";
  basis: "impressions" | "answers";
  /** The smaller of the two arms' counts of `basis`. */
  have: number;
  /** Minimum count of `basis` each arm needs before a winner may be named. */
  needed: number;
  /** Multiplies the raw difference into the reported unit. */
  scale: number;
  /** Largest possible size of the difference in the reported unit; intervals are clamped to it. */
  range: number;
  higherIsBetter: boolean;
  /** Raw difference (variant minus control) and its standard error; null when not computable. */
  estimate: DifferenceEstimate | null;
}

/** One figure of one variant against the control. */
export interface Comparison {
  metric: MetricKey;
  /** Plain name, e.g. "response rate". */
  label: string;
  variant: string;
  control: string;
  test: "two-proportion z" | "Welch t";
  /** `sequential`: always-valid confidence sequence; `fixed`: fixed-horizon test. */
  method: Method;
  /** Variant minus control, in the figure's unit (percentage points, NPS points, CES points). */
  difference: number | null;
  /** Interval at level `level` (95% when the family has one comparison), clamped to what is possible. */
  low: number | null;
  high: number | null;
  /**
   * Holm-adjusted p-value of the same test as the interval: below the report's alpha exactly when
   * the interval excludes zero.
   */
  pValue: number | null;
  /** The p-value before the Holm adjustment. */
  rawPValue: number | null;
  /** Error rate the interval is drawn at (alpha shared out by Holm's procedure). */
  level: number;
  /** Comparisons sharing the error rate with this one (Holm family). */
  family: number;
  /** What the minimum sample counts. */
  basis: "impressions" | "answers";
  /** The smaller of the two arms' counts of `basis`. */
  have: number;
  /** Minimum count of `basis` each arm needs before a winner may be named. */
  needed: number;
  outcome: Outcome;
}

/**
 * Sample-ratio-mismatch check of impressions per variant against the expected weights: the
 * sequential Dirichlet-multinomial Bayes factor test (Lindon and Malek 2022), valid however often
 * it is read.
 */
export interface SampleRatioCheck {
  /** Impressions per variant checked (variants with a positive weight). */
  observed: Record<string, number>;
  /** Expected share of impressions per variant, 0 to 1. */
  expectedShare: Record<string, number>;
  /** Whether the shares came from the given weights or assume equal weights. */
  weights: "given" | "equal";
  /**
   * Natural log of the Bayes factor of "the split differs" against "the split is as expected"
   * (a log, so a large mismatch stays a finite JSON number).
   */
  logBayesFactor: number;
  /** Always-valid p-value, min(1, 1 / Bayes factor). */
  pValue: number;
  /** True when p is below {@link ReportThresholds.srmAlpha}: assignment or logging is broken. */
  flagged: boolean;
  /** Variants left out of the check because their weight is 0 (paused): their past is unknown. */
  paused: string[];
}

/** A fixed-horizon plan and how far the experiment has come. */
export interface PlanStatus {
  /** Visitors shown per variant the plan runs to. */
  visitorsPerVariant: number | null;
  /** End of the plan, ISO date. */
  end: string | null;
  /** Fewest visitors shown in any variant so far. */
  have: number;
  /** True once the visitors are in or the end date has passed. */
  reached: boolean;
  /** "plan reached: read now" or "1,200 of 2,000 visitors: do not decide yet". */
  message: string;
}

/** How many visitors a test needs to see a given lift in response rate, and how long that takes. */
export interface Planning {
  /** Smallest lift worth finding, in points of response rate. */
  mde: number;
  /** The control's response rate now, percent. */
  baseline: number;
  /**
   * Visitors shown per variant needed for 80% power at the report's method and alpha; null when
   * the lift would pass 100%.
   */
  visitorsPerVariant: number | null;
  /** Visitors shown per variant per day, over the last 7 days of data (null without traffic). */
  dailyPerVariant: number | null;
  /** Days still needed at that traffic (0 when there are enough); null without traffic. */
  daysLeft: number | null;
}

/** One touchpoint of one survey: its variants, the holdout group and the comparisons. */
export interface TouchpointReport {
  touchpoint: string;
  /** How the verdicts were reached. */
  method: Method;
  /** The method in one line, with its reference, e.g. for a footnote under the verdict. */
  methodNote: string;
  /** What the verdict means, in one line for a marketer. */
  summary: string;
  /** Problems with the input worth a marketer's attention, e.g. a weight naming no variant seen. */
  warnings: string[];
  /** The experiment's plan, when it has one. */
  plan: PlanStatus | null;
  /** Visitors needed for the report's minimum detectable effect; null without two variants. */
  planning: Planning | null;
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

/** One survey at one site key, and its touchpoints. */
export interface SurveyReport {
  /** The same survey id under two site keys is reported twice, once per site key. */
  siteKey: string;
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
  /** Default verdict method. */
  method: Method;
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
   * `sequential` (default): verdicts hold however often the report is read. `fixed`: fixed-horizon
   * tests, for a plan set in advance and read once.
   * @default "sequential"
   */
  method?: Method;
  /** Smallest lift in response rate worth finding, in points, for the planning figures. @default 3 */
  mde?: number;
  /** The time the report is read at, for end-date plans. @default now */
  now?: number;
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
  /** `experiment.plan` of the survey's config, when it has one. */
  plan?: ExperimentPlanOptions;
}

/** A planned experiment size (`experiment.plan` in the config). */
export interface ExperimentPlanOptions {
  visitorsPerVariant?: number;
  /** ISO date. */
  end?: string;
  method?: Method;
}
