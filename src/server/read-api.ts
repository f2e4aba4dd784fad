import type { ServerResponse } from "node:http";
import { SEGMENTS } from "../wire/scale";
import { describeValue } from "../wire/validate";
import { SCHEMA_VERSION } from "./db";
import { streamExport } from "./export";
import { type EventFilter, parseFilter } from "./filter";
import { HttpError, sendJson } from "./http";
import { type Bucket, type CommentSegment, MAX_COMMENTS } from "./queries";
import { parseReportOptions } from "./report";
import { PG_SCHEMA_VERSION } from "./storage/postgres-schema";
import type { EventStore } from "./storage/types";

/** Comments returned when the request names no `limit`. */
const DEFAULT_COMMENTS = 50;
const BUCKETS: readonly Bucket[] = ["day", "week"];

/** What the read routes need from the collector. */
export interface ReadContext {
  store: EventStore;
  /** Touchpoint names in journey order, for the dashboard. */
  journey: readonly string[];
  now: () => number;
}

/**
 * A read route: answers a GET from its parsed URL. `site` is the one site the caller may read
 * (its `siteKey` parameter is already set to it), or undefined when it may read every site.
 */
export type ReadHandler = (
  url: URL,
  res: ServerResponse,
  context: ReadContext,
  site?: string,
) => void | Promise<void>;

function echoFilter(filter: EventFilter) {
  return {
    siteKey: filter.siteKey ?? null,
    surveyId: filter.surveyId ?? null,
    surveyType: filter.surveyType ?? null,
    touchpoint: filter.touchpoint ?? null,
    from: filter.from ?? null,
    to: filter.to ?? null,
  };
}

/** A series mixing scales would add NPS and CSAT scores together, so one of them is required. */
function requireSurvey(filter: EventFilter): EventFilter {
  if (filter.surveyId === undefined && filter.surveyType === undefined) {
    throw new HttpError(400, "surveyId or surveyType: required, e.g. surveyType=nps");
  }
  return filter;
}

function bucketOf(params: URLSearchParams): Bucket {
  const raw = params.get("bucket") ?? "day";
  if ((BUCKETS as readonly string[]).includes(raw)) return raw as Bucket;
  throw new HttpError(400, `bucket: expected "day" or "week", got ${describeValue(raw)}`);
}

function commentLimit(params: URLSearchParams): number {
  const raw = params.get("limit");
  if (raw === null || raw === "") return DEFAULT_COMMENTS;
  const limit = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(limit >= 1 && limit <= MAX_COMMENTS)) {
    throw new HttpError(
      400,
      `limit: expected an integer from 1 to ${MAX_COMMENTS}, got ${describeValue(raw)}`,
    );
  }
  return limit;
}

function commentSegment(params: URLSearchParams): CommentSegment | undefined {
  const raw = params.get("segment");
  if (raw === null || raw === "") return undefined;
  if ((SEGMENTS as readonly string[]).includes(raw)) return raw as CommentSegment;
  throw new HttpError(
    400,
    `segment: expected one of ${SEGMENTS.join(", ")}, got ${describeValue(raw)}`,
  );
}

const summary: ReadHandler = async (url, res, { store }) => {
  const filter = parseFilter(url.searchParams);
  sendJson(res, 200, { ...echoFilter(filter), rows: await store.summary(filter) });
};

const timeseries: ReadHandler = async (url, res, { store }) => {
  const bucket = bucketOf(url.searchParams);
  const filter = requireSurvey(parseFilter(url.searchParams));
  const rows = await store.timeseries(filter, bucket);
  sendJson(res, 200, { ...echoFilter(filter), bucket, rows });
};

const report: ReadHandler = async (url, res, { store, now }) => {
  const filter = parseFilter(url.searchParams);
  const options = parseReportOptions(url.searchParams);
  const generatedAt = new Date(now()).toISOString();
  const [lastReceivedAt, built] = await Promise.all([
    store.lastReceived(filter),
    store.report(filter, options),
  ]);
  sendJson(res, 200, { ...echoFilter(filter), generatedAt, lastReceivedAt, report: built });
};

const meta: ReadHandler = async (_url, res, { store, journey }, site) => {
  const schemaVersion = store.engine === "postgres" ? PG_SCHEMA_VERSION : SCHEMA_VERSION;
  const sites = site === undefined ? await store.sites() : [site];
  sendJson(res, 200, { schemaVersion, sites, journey });
};

const comments: ReadHandler = async (url, res, { store }) => {
  const filter = parseFilter(url.searchParams);
  const segment = commentSegment(url.searchParams);
  const limit = commentLimit(url.searchParams);
  const rows = await store.comments(filter, segment, limit);
  sendJson(res, 200, { ...echoFilter(filter), segment: segment ?? null, limit, rows });
};

const health: ReadHandler = async (_url, res, { store }) => {
  await store.ping();
  sendJson(res, 200, { ok: true });
};

/** Read routes by path; all answer GET (and HEAD), to callers with the `read` right only. */
export const READ_ROUTES: Readonly<Record<string, ReadHandler>> = {
  "/v1/summary": summary,
  "/v1/timeseries": timeseries,
  "/v1/comments": comments,
  "/v1/report": report,
  "/v1/meta": meta,
  "/v1/events.ndjson": (url, res, { store }) =>
    streamExport(res, store, parseFilter(url.searchParams), "ndjson"),
  "/v1/events.csv": (url, res, { store }) =>
    streamExport(res, store, parseFilter(url.searchParams), "csv"),
  "/healthz": health,
};
