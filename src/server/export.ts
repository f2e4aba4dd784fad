import type { ServerResponse } from "node:http";
import { EVENT_COLUMNS, rowToEvent } from "../wire/row";
import { csvRow } from "./csv";
import type { EventFilter } from "./filter";
import type { EventStore, ExportRow } from "./storage/types";

/** Rows read per query; pages keep the connection free for ingest between them. */
const EXPORT_PAGE_ROWS = 1000;

/** Export formats: the wire format one event per line, or a spreadsheet. */
export type ExportFormat = "ndjson" | "csv";

function formatPage(rows: readonly ExportRow[], format: ExportFormat): string {
  if (format === "ndjson")
    return rows.map((row) => `${JSON.stringify(rowToEvent(row))}\n`).join("");
  return rows.map((row) => csvRow(EVENT_COLUMNS.map((column) => row[column]))).join("");
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
  if (format === "csv") res.write(csvRow(EVENT_COLUMNS));
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
