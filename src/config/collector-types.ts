// Config of delivery to the collector.
import type { EventBatch } from "../wire/event";

/** How and where events are delivered, and how long they may wait. */
export interface CollectorConfig {
  /**
   * The endpoint that receives POSTed batches.
   * @example "https://feedback.example.com/v1/events"
   */
  url: string;
  /**
   * Body format: a JSON batch `{ schema, sentAt, events }`, or newline-delimited JSON events.
   * @default "json"
   */
  format?: "json" | "ndjson";
  /**
   * Extra request headers. Note: any header other than a simple one makes browsers send a
   * CORS preflight, and the `sendBeacon` fallback used while a page unloads cannot carry them.
   */
  headers?: Record<string, string>;
  /**
   * Reshapes each batch for a collector that expects another body. Its return value is the
   * request body: a string is sent as it is, anything else as JSON. A function, so it can only
   * be given to `init()`, not in a JSON config. If it throws for an event, that event is set
   * aside as a dead letter.
   * @example (batch) => ({ records: batch.events.map((e) => ({ id: e.id, nps: e.score })) })
   * @hidden (not in the JSON Schema: JSON cannot hold a function)
   */
  transform?: (batch: EventBatch) => unknown;
  /**
   * How long to wait for the collector's answer before treating the request as failed.
   * @default 15000
   */
  timeoutMs?: number;
  /**
   * Backoff after a failed delivery: the first wait is a random share of this, doubling with
   * each failure in a row (full jitter), up to `retryMaxMs`. A `Retry-After` is honoured.
   * @default 1000
   */
  retryBaseMs?: number;
  /**
   * Longest wait between two delivery attempts.
   * @default 300000
   */
  retryMaxMs?: number;
  /**
   * Most events kept waiting; over it the oldest impressions go first, then dismissals, then
   * answers, each drop reported on the `error` event.
   * @default 1000
   */
  maxEvents?: number;
  /**
   * Most bytes of events kept waiting, dropped like over `maxEvents`.
   * @default 1000000
   */
  maxBytes?: number;
  /**
   * Days an event may wait for delivery before it is dropped (and reported).
   * @default 30
   */
  maxAgeDays?: number;
}
