export type { Access, Principal, Right } from "./access";
export type { AccessStore, Role, TokenRecord } from "./access-store";
export { sqliteAccessStore } from "./access-store";
export type { Collector } from "./collector";
export { createCollector } from "./collector";
export type { ConfigStore, ConfigVersion, ConfigVersionSummary } from "./config-store";
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
export { type CollectorStores, openStores, storesOf } from "./storage/stores";
export { type Engine, type EventStore, StoreUnavailableError } from "./storage/types";
export { type CreatedToken, createToken, type TokenOptions } from "./tokens";
