export type {
  AnsweredPayload,
  Explanation,
  PromptEventPayload,
  ShowOptions,
  TouchpointApi,
  TouchpointEvents,
} from "./api";
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
export { browserEnvironment } from "./core/env";
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
} from "./core/instance";
export { createTouchpoint } from "./core/touchpoint";
export type { Environment } from "./engine/types";
export { ConfigError, DeliveryError, StorageError } from "./errors";
export type { Verdict } from "./targeting/eligibility";
export type { EventBatch, EventKind, SurveyType, TouchpointEvent } from "./wire/event";
