// The dashboard's filters live in its URL, so a view can be bookmarked or sent to a colleague.
import { SEGMENTS as SEGMENT_NAMES } from "../src/wire/scale";
import type { CommentQuery, Filters } from "./api";
import { COMMENTS_PAGE } from "./components/Comments";

const DEFAULT_DAYS = 90;
const SEGMENTS = new Set<string>(["", ...SEGMENT_NAMES]);

/** Filters and comment options from the page URL, with defaults for anything missing or odd. */
export function readState(search = location.search): {
  filters: Filters;
  comments: CommentQuery;
  /** Touchpoints in journey order from `?journey=a,b,c`, overriding the collector's. */
  journey: string[] | undefined;
} {
  const params = new URLSearchParams(search);
  const journey = params.get("journey");
  const days = Number(params.get("days") ?? DEFAULT_DAYS);
  const segment = params.get("segment") ?? "";
  return {
    filters: {
      site: params.get("site") ?? "",
      days: Number.isInteger(days) && days >= 0 && days <= 3660 ? days : DEFAULT_DAYS,
    },
    comments: {
      segment: (SEGMENTS.has(segment) ? segment : "") as CommentQuery["segment"],
      touchpoint: params.get("touchpoint") ?? "",
      limit: COMMENTS_PAGE,
    },
    journey: journey ? journey.split(",").map((name) => name.trim()) : undefined,
  };
}

/** Puts the current view in the URL without adding a history entry. */
export function writeState(filters: Filters, comments: CommentQuery): void {
  const params = new URLSearchParams(location.search);
  const set = (key: string, value: string, fallback: string) => {
    if (value === fallback) params.delete(key);
    else params.set(key, value);
  };
  set("site", filters.site, "");
  set("days", String(filters.days), String(DEFAULT_DAYS));
  set("segment", comments.segment, "");
  set("touchpoint", comments.touchpoint, "");
  const query = params.toString();
  history.replaceState(null, "", `${location.pathname}${query ? `?${query}` : ""}${location.hash}`);
}
