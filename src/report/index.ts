export { MAX_COMMENT_LENGTH } from "../wire/limits";
export { EVENT_COLUMNS, type EventRow, rowToEvent, type StoredEvent } from "../wire/row";
export {
  type Band,
  bandOf,
  inSegment,
  isOnScale,
  SCALES,
  type Scale,
  SEGMENTS,
  type Segment,
  segmentOf,
} from "../wire/scale";
export { problemOf, type Validation, type ValidEvent, validateEvent } from "../wire/validate";
export { buildReport, PRIMARY_METRICS_NOTE } from "./aggregate";
export { ALPHA, compareArms, MIN_ANSWERS, MIN_IMPRESSIONS, PRIMARY_METRICS } from "./compare";
export { type ArmCounts, ternaryMoments } from "./counts";
export { CSAT_SATISFIED_MIN, csatEstimate, isSatisfied } from "./csat";
export { type DecideOptions, decide } from "./decide";
export { experimentsFromConfig } from "./experiments";
export { formatReport } from "./format";
export { type HolmResult, holm } from "./holm";
export { type Method, sequentialTest, testAt } from "./inference";
export { type Moments, meanEstimate, moments } from "./mean";
export { type ParseError, type ParseResult, parseEventArray, parseNdjson } from "./ndjson";
export { type NpsCounts, type NpsEstimate, npsEstimate, npsValue } from "./nps";
export { DEFAULT_MDE, dailyPerVariant, PLANNING_POWER, planStatus, visitorsNeeded } from "./plan";
export { wilsonEstimate } from "./proportion";
export {
  DEFAULT_TUNING_SIZE,
  mixtureRho,
  sequentialMultiplier,
  sequentialPValue,
} from "./sequential";
export {
  type DifferenceEstimate,
  fixedTest,
  meanDifference,
  proportionDifference,
  type TestResult,
  twoProportionTest,
  welchTest,
} from "./significance";
export { logBayesFactor, SRM_ALPHA, SRM_PRIOR_CONCENTRATION, sampleRatioCheck } from "./srm";
export {
  chiSquareCdf,
  chiSquareSurvival,
  normalCdf,
  normalQuantile,
  tCdf,
  tQuantile,
  Z_95,
} from "./stats";
export type {
  ArmReport,
  Comparison,
  Estimate,
  EventTotals,
  ExperimentPlanOptions,
  MetricKey,
  Outcome,
  Planning,
  PlanStatus,
  RawComparison,
  Report,
  ReportOptions,
  ReportThresholds,
  SampleRatioCheck,
  SurveyExperiment,
  SurveyReport,
  TouchpointReport,
} from "./types";
export { findWinners } from "./verdict";
