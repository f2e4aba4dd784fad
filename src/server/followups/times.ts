import type { FollowUpTiming } from "./store";

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** Time to follow-up for one touchpoint (or all of them) in one week. */
export interface FollowUpTimeRow {
  /** Touchpoint, or null for all touchpoints together. */
  touchpoint: string | null;
  /** Monday (UTC) of the week the answers were given, `YYYY-MM-DD`; null for the whole period. */
  week: string | null;
  /** Answers that matched an alert rule. */
  alerted: number;
  /** Of those, how many have had a first status change. */
  followedUp: number;
  /** Hours from answer to first status change: median and 90th percentile (null: none yet). */
  medianHours: number | null;
  p90Hours: number | null;
  /** First status change later than the target. */
  late: number;
  /** No status change yet and older than the target. */
  overdue: number;
}

/**
 * The `p`-quantile of sorted values by linear interpolation between closest ranks (Hyndman and
 * Fan's definition 7: R's and NumPy's default, Excel's PERCENTILE.INC).
 */
export function quantile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const h = (sorted.length - 1) * p;
  const below = Math.floor(h);
  const low = sorted[below] as number;
  const high = sorted[Math.min(below + 1, sorted.length - 1)] as number;
  return low + (h - below) * (high - low);
}

/** Monday (UTC) of the week of an ISO time. */
export function weekOf(iso: string): string {
  const day = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  const back = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - back * DAY_MS).toISOString().slice(0, 10);
}

function summarize(
  touchpoint: string | null,
  week: string | null,
  rows: readonly FollowUpTiming[],
  targetMs: number,
  now: number,
): FollowUpTimeRow {
  const hours: number[] = [];
  let late = 0;
  let overdue = 0;
  for (const row of rows) {
    const answered = Date.parse(row.createdAt);
    if (row.firstChangedAt === null) {
      if (now - answered > targetMs) overdue++;
      continue;
    }
    const took = Math.max(0, Date.parse(row.firstChangedAt) - answered);
    hours.push(took / HOUR_MS);
    if (took > targetMs) late++;
  }
  hours.sort((a, b) => a - b);
  return {
    touchpoint,
    week,
    alerted: rows.length,
    followedUp: hours.length,
    medianHours: quantile(hours, 0.5),
    p90Hours: quantile(hours, 0.9),
    late,
    overdue,
  };
}

/**
 * Time to follow-up per touchpoint and week, per week over all touchpoints, and over the whole
 * period: the rows the dashboard's chart and table show.
 */
export function followUpTimes(
  timings: readonly FollowUpTiming[],
  targetHours: number,
  now: number,
): { byTouchpointWeek: FollowUpTimeRow[]; byWeek: FollowUpTimeRow[]; overall: FollowUpTimeRow } {
  const targetMs = targetHours * HOUR_MS;
  const groups = new Map<string, FollowUpTiming[]>();
  const weeks = new Map<string, FollowUpTiming[]>();
  for (const timing of timings) {
    const week = weekOf(timing.createdAt);
    const key = JSON.stringify([timing.touchpoint, week]);
    const group = groups.get(key) ?? [];
    if (group.length === 0) groups.set(key, group);
    group.push(timing);
    const inWeek = weeks.get(week) ?? [];
    if (inWeek.length === 0) weeks.set(week, inWeek);
    inWeek.push(timing);
  }
  const byTouchpointWeek = [...groups.entries()]
    .map(([key, rows]) => {
      const [touchpoint, week] = JSON.parse(key) as [string, string];
      return summarize(touchpoint, week, rows, targetMs, now);
    })
    .sort(
      (a, b) =>
        (a.week as string).localeCompare(b.week as string) ||
        (a.touchpoint as string).localeCompare(b.touchpoint as string),
    );
  const byWeek = [...weeks.entries()]
    .map(([week, rows]) => summarize(null, week, rows, targetMs, now))
    .sort((a, b) => (a.week as string).localeCompare(b.week as string));
  return { byTouchpointWeek, byWeek, overall: summarize(null, null, timings, targetMs, now) };
}
