export type { Access, Principal, Right } from "./access";
export type { AccessStore, Role, TokenRecord } from "./access-store";
export { sqliteAccessStore } from "./access-store";
export type { Collector } from "./collector";
export { createCollector } from "./collector";
export type { CollectorDatabase } from "./db";
export { SCHEMA_VERSION } from "./db";
export type { IngestResult } from "./ingest";
export type { CollectorOptions, RateLimitOptions, SitePolicy } from "./options";
export type { Bucket, CommentRow, CommentSegment, SummaryRow, TimeseriesRow } from "./queries";
export { MAX_REPORT_EVENTS, reportFromDatabase } from "./report";
export { type SeedResult, seedDatabase } from "./seed";
export {
  type Behaviour,
  INCIDENT,
  SIMULATED_SURVEYS,
  type SimulatedSurvey,
  type SimulationOptions,
  simulateJourney,
  trueFigures,
} from "./simulate";
export { type CreatedToken, createToken, type TokenOptions } from "./tokens";
