export type { Collector } from "./collector";
export { createCollector } from "./collector";
export type { CollectorDatabase } from "./db";
export { SCHEMA_VERSION } from "./db";
export type { IngestResult } from "./ingest";
export type { CollectorOptions, RateLimitOptions, SitePolicy } from "./options";
export type { CommentRow, CommentSegment, SummaryRow, TimeseriesRow } from "./queries";
