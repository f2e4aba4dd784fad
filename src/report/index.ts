export { buildReport, PRIMARY_METRICS_NOTE, reportFromCounts } from "./aggregate";
export { ALPHA, MIN_ANSWERS, MIN_IMPRESSIONS, PRIMARY_METRICS } from "./compare";
export { CSAT_SATISFIED_MIN, csatEstimate, isSatisfied } from "./csat";
export { experimentsFromConfig } from "./experiments";
export { formatReport } from "./format";
export { type Moments, meanEstimate, moments } from "./mean";
export { type ParseError, type ParseResult, parseEventArray, parseNdjson } from "./ndjson";
export { type NpsCounts, type NpsEstimate, npsEstimate, npsValue } from "./nps";
export { wilsonEstimate } from "./proportion";
export { type EventRow, rowToEvent } from "./row";
export { isOnScale, SCALES } from "./scale";
export { type TestResult, twoProportionTest, welchTest } from "./significance";
export { SRM_ALPHA, sampleRatioCheck } from "./srm";
export {
  chiSquareCdf,
  chiSquareSurvival,
  normalCdf,
  normalQuantile,
  tCdf,
  tQuantile,
  Z_95,
} from "./stats";
export { type ArmCounts, type ReportCounts, type TouchpointCounts, tallyEvents } from "./tally";
export type {
  ArmReport,
  Comparison,
  Estimate,
  EventTotals,
  MetricKey,
  Outcome,
  Report,
  ReportOptions,
  ReportThresholds,
  SampleRatioCheck,
  SurveyExperiment,
  SurveyReport,
  TouchpointReport,
} from "./types";
export { MAX_COMMENT_LENGTH, validateEvent } from "./validate";
