import type { ServerResponse } from "node:http";
import type { TouchpointEvent } from "../wire/event";
import { csvRow } from "./csv";
import type { EventFilter } from "./filter";
import type { EventStore } from "./storage/types";

/** Rows read per query; pages keep the connection free for ingest between them. */
const EXPORT_PAGE_ROWS = 1000;

/** Export formats: the wire format one event per line, or a spreadsheet. */
export type ExportFormat = "ndjson" | "csv";

/** The table's columns, in CSV column order. */
export const EXPORT_COLUMNS = [
  "id",
  "site_key",
  "kind",
  "survey_id",
  "survey_type",
  "touchpoint",
  "variant",
  "forced",
  "holdout",
  "score",
  "comment",
  "created_at",
  "received_at",
  "visitor_id",
  "user_id",
  "session_id",
  "url",
  "locale",
  "sdk_version",
] as const;

/** One row of the events table as read for an export. */
export type EventRow = { [K in (typeof EXPORT_COLUMNS)[number]]: string | number | null } & {
  position: number;
};

/** An exported NDJSON line: the wire-format event plus when the collector received it. */
export type ExportedEvent = TouchpointEvent & { receivedAt: string };

/** A stored row in the wire format, plus when the collector received it. */
export function toWireEvent(row: Omit<EventRow, "position">): ExportedEvent {
  const event = {
    id: row.id,
    kind: row.kind,
    siteKey: row.site_key,
    surveyId: row.survey_id,
    surveyType: row.survey_type,
    touchpoint: row.touchpoint,
    variant: row.variant,
    forced: row.forced === 1,
    holdout: row.holdout === 1,
    ...(row.score === null ? {} : { score: row.score }),
    ...(row.comment === null ? {} : { comment: row.comment }),
    createdAt: row.created_at,
    receivedAt: row.received_at,
    visitorId: row.visitor_id,
    ...(row.user_id === null ? {} : { userId: row.user_id }),
    sessionId: row.session_id,
    url: row.url,
    locale: row.locale,
    sdkVersion: row.sdk_version,
  };
  return event as ExportedEvent;
}

function formatPage(rows: readonly EventRow[], format: ExportFormat): string {
  if (format === "ndjson")
    return rows.map((row) => `${JSON.stringify(toWireEvent(row))}\n`).join("");
  return rows.map((row) => csvRow(EXPORT_COLUMNS.map((column) => row[column]))).join("");
}

function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}

/**
 * Streams every matching event in insertion order, a page at a time, waiting for the client to
 * drain each one, so an export of millions of rows holds one page in memory and never blocks
 * ingest for long. A failure mid-stream destroys the response, so a truncated export cannot pass
 * for a complete one.
 */
export async function streamExport(
  res: ServerResponse,
  store: EventStore,
  filter: EventFilter,
  format: ExportFormat,
): Promise<void> {
  const first = await store.exportPage(filter, 0, EXPORT_PAGE_ROWS);
  res.statusCode = 200;
  res.setHeader(
    "Content-Type",
    format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
  );
  res.setHeader("Content-Disposition", `attachment; filename="touchpoint-events.${format}"`);
  res.setHeader("Cache-Control", "no-store");
  if (format === "csv") res.write(csvRow(EXPORT_COLUMNS));
  let rows = first;
  for (;;) {
    const last = rows.at(-1);
    if (!last || res.destroyed) break;
    if (!res.write(formatPage(rows, format))) {
      await drainedOrClosed(res);
    }
    if (rows.length < EXPORT_PAGE_ROWS || res.destroyed) break;
    rows = await store.exportPage(filter, last.position, EXPORT_PAGE_ROWS);
  }
  res.end();
}
