import type { Filters } from "../api";
import { apiUrl, filterParams } from "../api";
import { ago, clockLabel } from "../format";

/** Seconds between automatic refreshes while the page is visible. */
export const REFRESH_SECONDS = 15;
const PERIODS: ReadonlyArray<readonly [number, string]> = [
  [7, "Last 7 days"],
  [30, "Last 30 days"],
  [90, "Last 90 days"],
  [365, "Last 12 months"],
  [0, "All time"],
];

/** The page header: title, freshness, the site and period filters, refresh and exports. */
export function Header(props: {
  filters: Filters;
  sites: readonly string[];
  updatedAt: Date | undefined;
  lastReceivedAt: string | null;
  autoRefresh: boolean;
  onFilters: (filters: Filters) => void;
  onRefresh: () => void;
  onAutoRefresh: (on: boolean) => void;
}) {
  const {
    filters,
    sites,
    updatedAt,
    lastReceivedAt,
    autoRefresh,
    onFilters,
    onRefresh,
    onAutoRefresh,
  } = props;
  const exportParams = filterParams(filters);
  return (
    <header class="top">
      <div class="title">
        <h1>Touchpoint results</h1>
        <p class="freshness">
          {updatedAt ? `Updated ${clockLabel(updatedAt)}` : "Loading…"}
          {lastReceivedAt && ` · last event received ${ago(lastReceivedAt)}`}
        </p>
        <a
          class="studio-link"
          href={`./?view=studio${filters.site ? `&site=${encodeURIComponent(filters.site)}` : ""}`}
        >
          Edit surveys in the studio
        </a>
      </div>
      <form class="controls" onSubmit={(e) => e.preventDefault()}>
        <label>
          Site
          <select
            value={filters.site}
            onChange={(e) => onFilters({ ...filters, site: e.currentTarget.value })}
          >
            <option value="">All sites</option>
            {[...new Set([...sites, ...(filters.site ? [filters.site] : [])])].map((site) => (
              <option key={site} value={site}>
                {site}
              </option>
            ))}
          </select>
        </label>
        <label>
          Period
          <select
            value={String(filters.days)}
            onChange={(e) => onFilters({ ...filters, days: Number(e.currentTarget.value) })}
          >
            {PERIODS.map(([days, label]) => (
              <option key={days} value={String(days)}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => void onRefresh()}>
          Refresh
        </button>
        <label class="check">
          <input
            type="checkbox"
            checked={autoRefresh}
            onChange={(e) => onAutoRefresh(e.currentTarget.checked)}
          />
          Refresh every {REFRESH_SECONDS} s
        </label>
      </form>
      <nav class="exports" aria-label="Export">
        Export these events:{" "}
        <a href={apiUrl("events.csv", exportParams)} download="touchpoint-events.csv">
          CSV
        </a>{" "}
        <a href={apiUrl("events.ndjson", exportParams)} download="touchpoint-events.ndjson">
          NDJSON
        </a>
      </nav>
    </header>
  );
}
