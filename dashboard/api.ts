import type { Report } from "../src/report/types";
import type { CommentRow, TimeseriesRow } from "../src/server/queries";
import type { Segment } from "../src/wire/scale";
import { apiFetch } from "./http";

export type { CommentRow, TimeseriesRow } from "../src/server/queries";

/** The collector's read API, relative to the dashboard (`/dashboard/` -> `/v1/`). */
const API = new URL("../v1/", document.baseURI);

/** What the dashboard shows: one site (or all) over one period. */
export interface Filters {
  /** Site key, or "" for every site. */
  site: string;
  /** Days back from today, or 0 for all time. */
  days: number;
}

/** Comment list options. */
export interface CommentQuery {
  /** "" lists every comment, lowest scores first. */
  segment: "" | Segment;
  touchpoint: string;
  limit: number;
}

export interface Meta {
  schemaVersion: number;
  sites: string[];
  journey: string[];
}

export interface ReportResponse {
  generatedAt: string;
  lastReceivedAt: string | null;
  report: Report;
}

/** A failed read, with the collector's own message when it gave one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The first day of the period as `YYYY-MM-DD` (UTC), or undefined for all time. */
export function fromDate(days: number, now = Date.now()): string | undefined {
  if (days <= 0) return undefined;
  return new Date(now - (days - 1) * 86_400_000).toISOString().slice(0, 10);
}

/** Query parameters of the filters, for the API and the export links. */
export function filterParams(
  filters: Filters,
  extra: Record<string, string> = {},
): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.site) params.set("siteKey", filters.site);
  const from = fromDate(filters.days);
  if (from) params.set("from", from);
  for (const [key, value] of Object.entries(extra)) if (value) params.set(key, value);
  return params;
}

/** URL of an API path with parameters. */
export function apiUrl(path: string, params = new URLSearchParams()): string {
  const url = new URL(path, API);
  url.search = params.toString();
  return url.href;
}

async function get<T>(path: string, params?: URLSearchParams): Promise<T> {
  const response = await apiFetch(apiUrl(path, params), {
    headers: { Accept: "application/json" },
  });
  const body = (await response.json().catch(() => ({}))) as { error?: string };
  if (!response.ok) {
    throw new ApiError(response.status, body.error ?? `${path} answered ${response.status}`);
  }
  return body as T;
}

export const fetchMeta = () => get<Meta>("meta");

export const fetchReport = (filters: Filters) =>
  get<ReportResponse>("report", filterParams(filters));

/** Answers over time of one survey, or of every survey of a type when `surveyId` is "". */
export const fetchTimeseries = (
  filters: Filters,
  surveyType: "nps" | "csat",
  surveyId: string,
  bucket: string,
) =>
  get<{ rows: TimeseriesRow[] }>(
    "timeseries",
    filterParams(filters, { surveyType, surveyId, bucket }),
  ).then((body) => body.rows);

export const fetchComments = (filters: Filters, query: CommentQuery) =>
  get<{ rows: CommentRow[] }>(
    "comments",
    filterParams(filters, {
      segment: query.segment,
      touchpoint: query.touchpoint,
      limit: String(query.limit),
    }),
  ).then((body) => body.rows);
