import type { Report, ReportOptions } from "../../report/types";
import type { EventRow } from "../../wire/row";
import type { ValidEvent } from "../../wire/validate";
import type { EventFilter } from "../filter";
import type { Bucket, CommentRow, CommentSegment, SummaryRow, TimeseriesRow } from "../queries";

/** One row of the events table as read for an export: the columns and a storage position. */
export type ExportRow = EventRow & { position: number };

/** Database engines a collector can store events in. */
export type Engine = "sqlite" | "postgres";

/**
 * Where the collector keeps events, and everything read from them. One interface, two
 * implementations (SQLite, PostgreSQL) that pass one shared test suite. Every method may be
 * called concurrently; writes resolve only once committed.
 */
export interface EventStore {
  readonly engine: Engine;
  /** Resolves once the store is open and its schema current; rejects with why it cannot be. */
  readonly ready: Promise<void>;
  /**
   * Stores one request's validated events in one transaction; resolves to how many were new. A
   * re-sent answer carrying a comment fills in the stored row's missing comment.
   */
  write(events: readonly ValidEvent[], receivedAt: string): Promise<number>;
  summary(filter: EventFilter): Promise<SummaryRow[]>;
  timeseries(filter: EventFilter, bucket: Bucket): Promise<TimeseriesRow[]>;
  /** Site keys that have events. */
  sites(): Promise<string[]>;
  /** When the newest matching event was received, or null. */
  lastReceived(filter: EventFilter): Promise<string | null>;
  comments(
    filter: EventFilter,
    segment: CommentSegment | undefined,
    limit: number,
  ): Promise<CommentRow[]>;
  report(filter: EventFilter, options: ReportOptions): Promise<Report>;
  /** Up to `limit` matching events stored after position `after`, in storage order. */
  exportPage(filter: EventFilter, after: number, limit: number): Promise<ExportRow[]>;
  /** Resolves when the database answers. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The database cannot be reached right now (restarting, network, every connection busy). The
 * collector answers 503 with `Retry-After`: the SDK keeps the events and sends them again.
 */
export class StoreUnavailableError extends Error {
  constructor(
    message: string,
    /** Seconds after which a retry is worth it. */
    readonly retryAfter = 2,
  ) {
    super(message);
    this.name = "StoreUnavailableError";
  }
}
