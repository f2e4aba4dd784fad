// Config of delivery to the collector.

/** How and where events are delivered. */
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
   * CORS preflight, and unload deliveries cannot carry headers.
   */
  headers?: Record<string, string>;
}
