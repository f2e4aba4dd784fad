import { buildReport } from "../report/aggregate";
import type { Report, ReportOptions } from "../report/types";
import type { CollectorDatabase } from "./db";
import { type EventRow, EXPORT_COLUMNS, toWireEvent } from "./export";
import { type EventFilter, filterSql } from "./filter";
import { HttpError } from "./http";
import { describeValue, MAX_NAME_LENGTH } from "./validate";

/**
 * Most events one report reads. The report keeps every visitor id of every variant in memory and
 * runs synchronously, so an unbounded range could stall ingest; beyond this the request must be
 * narrowed.
 */
export const MAX_REPORT_EVENTS = 2_000_000;
/** Reports kept for repeated reads (a dashboard refreshing) while nothing new was stored. */
const CACHED_REPORTS = 16;
/** Most variants named in `weights`. */
const MAX_WEIGHTS = 20;
const WEIGHT_PAIR = /^([^:,]+):(\d+(?:\.\d+)?)$/;

function* wireEvents(rows: Iterable<unknown>) {
  for (const row of rows) yield toWireEvent(row as EventRow);
}

/**
 * The report module's figures ({@link buildReport}) over the stored events that match `filter`,
 * read row by row. Throws 422 when more than {@link MAX_REPORT_EVENTS} events match.
 */
export function reportFromDatabase(
  db: CollectorDatabase,
  filter: EventFilter,
  options: ReportOptions = {},
): Report {
  const where = `WHERE 1 = 1${filterSql(filter)}`;
  const { n } = db.prepare(`SELECT COUNT(*) AS n FROM events ${where}`).get(filter) as {
    n: number;
  };
  if (n > MAX_REPORT_EVENTS) {
    throw new HttpError(
      422,
      `the filter matches ${n} events, more than the ${MAX_REPORT_EVENTS} one report reads; narrow it with from, to, siteKey or surveyId`,
    );
  }
  const rows = db
    .prepare(`SELECT ${EXPORT_COLUMNS.join(", ")} FROM events ${where} ORDER BY rowid`)
    .iterate(filter);
  return buildReport(wireEvents(rows), options);
}

/** Reads a report, from the cache when no event was written since it was built. */
export type ReportReader = (filter: EventFilter, options: ReportOptions) => Report;

/**
 * {@link reportFromDatabase} behind a small cache. A report reads every matching row, so a few
 * dashboards refreshing an idle collector would otherwise redo the same work every few seconds.
 * The cache is keyed by the database's write stamp: this connection's change count and SQLite's
 * `data_version` (which moves when another process, such as `touchpoint seed`, commits).
 */
export function createReportReader(db: CollectorDatabase): ReportReader {
  const cache = new Map<string, { stamp: string; report: Report }>();
  const changes = db.prepare("SELECT total_changes() AS n");
  const stamp = () =>
    `${(changes.get() as { n: number }).n}:${db.pragma("data_version", { simple: true })}`;
  return (filter, options) => {
    const key = JSON.stringify([filter, options]);
    const now = stamp();
    const hit = cache.get(key);
    if (hit && hit.stamp === now) return hit.report;
    const report = reportFromDatabase(db, filter, options);
    cache.delete(key);
    cache.set(key, { stamp: now, report });
    if (cache.size > CACHED_REPORTS) cache.delete(cache.keys().next().value as string);
    return report;
  };
}

/**
 * Reads `control` (the variant the others are compared with), `weights`
 * (`control:50,benefit:50`, the expected traffic split for the sample-ratio check), `method`
 * (`sequential`, the default, or `fixed`) and `mde` (points of response rate, for planning).
 */
export function parseReportOptions(params: URLSearchParams): ReportOptions {
  const options: ReportOptions = {};
  const method = params.get("method");
  if (method) {
    if (method !== "sequential" && method !== "fixed") {
      throw new HttpError(
        400,
        `method: expected "sequential" or "fixed", got ${describeValue(method)}`,
      );
    }
    options.method = method;
  }
  const mde = params.get("mde");
  if (mde) {
    const value = Number(mde);
    if (!(value > 0 && value < 100)) {
      throw new HttpError(
        400,
        `mde: expected points of response rate between 0 and 100, got ${describeValue(mde)}`,
      );
    }
    options.mde = value;
  }
  const control = params.get("control");
  if (control) {
    if (control.length > MAX_NAME_LENGTH) {
      throw new HttpError(400, `control: expected at most ${MAX_NAME_LENGTH} characters`);
    }
    options.control = control;
  }
  const weights = params.get("weights");
  if (weights) {
    const pairs = weights.split(",").map((pair) => WEIGHT_PAIR.exec(pair.trim()));
    if (pairs.length > MAX_WEIGHTS || pairs.some((pair) => pair === null)) {
      throw new HttpError(
        400,
        `weights: expected up to ${MAX_WEIGHTS} variant:weight pairs such as control:50,benefit:50, got ${describeValue(weights)}`,
      );
    }
    options.weights = Object.fromEntries(
      pairs.map((pair) => [(pair as RegExpExecArray)[1], Number((pair as RegExpExecArray)[2])]),
    );
  }
  return options;
}
