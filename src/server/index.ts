export type { Collector } from "./collector";
export { createCollector } from "./collector";
export type { CollectorDatabase } from "./db";
export { SCHEMA_VERSION } from "./db";
export type { IngestResult } from "./ingest";
export type { CollectorOptions, RateLimitOptions, SitePolicy } from "./options";
export type { Bucket, CommentRow, CommentSegment, SummaryRow, TimeseriesRow } from "./queries";
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
export { isPostgresUrl, type OpenStoreOptions, openStore } from "./storage/open";
export { type Engine, type EventStore, StoreUnavailableError } from "./storage/types";
