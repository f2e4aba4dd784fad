export type {
  CollectorConfig,
  CopyConfig,
  FrequencyConfig,
  PolicyConfig,
  SurveyConfig,
  ThemeConfig,
  TouchpointConfig,
  TriggerConfig,
} from "./config/types";
export type { ConfigProblem } from "./config/checks";
export { validate } from "./config/validate";
export type { Environment } from "./core/env";
export { browserEnvironment } from "./core/env";
export type { AnsweredPayload, PromptEventPayload } from "./core/prompt";
export type { EventBatch, EventKind, SurveyType, TouchpointEvent } from "./outbox/event";
export type { Verdict } from "./targeting/eligibility";
export type { Explanation, TouchpointApi, TouchpointEvents } from "./touchpoint";
export { createTouchpoint } from "./touchpoint";
export { consent, destroy, explain, flush, identify, init, off, on, reset, show, track } from "./instance";
