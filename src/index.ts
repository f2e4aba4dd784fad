export type { ConfigProblem } from "./config/checks";
export type {
  CollectorConfig,
  CopyConfig,
  CopyVariant,
  ExperimentConfig,
  ExperimentPlan,
  FrequencyConfig,
  PolicyConfig,
  SurveyConfig,
  ThemeConfig,
  TouchpointConfig,
  TriggerConfig,
} from "./config/types";
export { validate } from "./config/validate";
export type { Environment } from "./core/env";
export { browserEnvironment } from "./core/env";
export type { AnsweredPayload, PromptEventPayload } from "./core/prompt";
export {
  consent,
  destroy,
  explain,
  flush,
  identify,
  init,
  off,
  on,
  reset,
  show,
  track,
} from "./instance";
export type { Verdict } from "./targeting/eligibility";
export type {
  Explanation,
  ShowOptions,
  TouchpointApi,
  TouchpointEvents,
} from "./touchpoint";
export { createTouchpoint } from "./touchpoint";
export type { EventBatch, EventKind, SurveyType, TouchpointEvent } from "./wire/event";
