import { summaryFromCounts, type TouchpointSummary } from "../../report/counts";
import { dailyPerVariantByDay } from "../../report/plan";
import type { EventTotals } from "../../report/types";
import type { SurveyType } from "../../wire/event";
import { bandOf } from "../../wire/scale";
import type { EventFilter } from "../filter";
import type { Bucket, SummaryRow, TimeseriesRow } from "../queries";
import { MAX_SUMMARY_ROWS, MAX_TIMESERIES_DAYS } from "../queries";
import { DAY_COUNTERS } from "./rollup";

/** How a statement names its parameters: `?` (SQLite) or `$1` (PostgreSQL). */
export type Placeholder = (index: number) => string;

/** A statement and its positional parameters. */
export interface Statement {
  sql: string;
  params: unknown[];
}

const DAY_MS = 86_400_000;
const SCORES = Array.from({ length: 11 }, (_, score) => score);

/**
 * The UTC days a filter covers. Roll-ups are kept per day, so `from` is taken back to the start
 * of its day and `to` (exclusive) on to the end of its day.
 */
export function dayRange(filter: EventFilter): { from?: string; to?: string } {
  const range: { from?: string; to?: string } = {};
  if (filter.from !== undefined) range.from = filter.from.slice(0, 10);
  if (filter.to !== undefined) {
    const day = filter.to.slice(0, 10);
    const midnight = filter.to.slice(10) === "T00:00:00.000Z";
    range.to = midnight ? day : new Date(Date.parse(day) + DAY_MS).toISOString().slice(0, 10);
  }
  return range;
}

/** `WHERE` conditions on `arms a` and `arm_days d` for a filter. */
export function rollupWhere(filter: EventFilter, placeholder: Placeholder): Statement {
  const params: unknown[] = [];
  const conditions: string[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    conditions.push(`${sql} ${placeholder(params.length)}`);
  };
  if (filter.siteKey !== undefined) add("a.site_key =", filter.siteKey);
  if (filter.surveyId !== undefined) add("a.survey_id =", filter.surveyId);
  if (filter.surveyType !== undefined) add("a.survey_type =", filter.surveyType);
  if (filter.touchpoint !== undefined) add("a.touchpoint =", filter.touchpoint);
  const { from, to } = dayRange(filter);
  if (from !== undefined) add("d.day >=", from);
  if (to !== undefined) add("d.day <", to);
  return { sql: conditions.length ? `WHERE ${conditions.join(" AND ")}` : "", params };
}

/** Per-arm sums of the roll-ups matching a filter. */
export function armTotalsStatement(filter: EventFilter, placeholder: Placeholder): Statement {
  const where = rollupWhere(filter, placeholder);
  const sums = DAY_COUNTERS.map((name) => `SUM(d.${name}) AS ${name}`).join(", ");
  return {
    sql: `SELECT a.arm_id, a.site_key, a.survey_id, a.survey_type, a.touchpoint, a.variant,
        a.holdout, ${sums}, MAX(d.last_received) AS last_received
      FROM arms a JOIN arm_days d ON d.arm_id = a.arm_id ${where.sql}
      GROUP BY a.arm_id, a.site_key, a.survey_id, a.survey_type, a.touchpoint, a.variant, a.holdout
      ORDER BY a.arm_id`,
    params: where.params,
  };
}

/** Visitors first shown per arm and day (for the report's traffic per day). */
export function shownByDayStatement(filter: EventFilter, placeholder: Placeholder): Statement {
  const where = rollupWhere(filter, placeholder);
  return {
    sql: `SELECT a.arm_id, d.day, SUM(d.shown) AS shown
      FROM arms a JOIN arm_days d ON d.arm_id = a.arm_id ${where.sql}
      GROUP BY a.arm_id, d.day`,
    params: where.params,
  };
}

/** Per-day sums of the roll-ups matching a filter, split by survey type. */
export function dayTotalsStatement(filter: EventFilter, placeholder: Placeholder): Statement {
  const where = rollupWhere(filter, placeholder);
  const sums = DAY_COUNTERS.map((name) => `SUM(d.${name}) AS ${name}`).join(", ");
  return {
    sql: `SELECT d.day, a.survey_type, ${sums}
      FROM arms a JOIN arm_days d ON d.arm_id = a.arm_id ${where.sql}
      GROUP BY d.day, a.survey_type ORDER BY d.day`,
    params: where.params,
  };
}

/** One row of {@link armTotalsStatement} (numbers may come back as strings or bigints). */
export type TotalsRow = Record<string, unknown>;

const num = (row: TotalsRow, name: string) => Number(row[name] ?? 0);

function scoresOf(row: TotalsRow): number[] {
  return SCORES.map((score) => num(row, `s${score}`));
}

function counted(row: TotalsRow): number {
  return num(row, "impression_events") + num(row, "answers") + num(row, "dismissals");
}

/** The report's input: counts per touchpoint and the event totals. */
export interface ReportCounts {
  touchpoints: TouchpointSummary[];
  totals: EventTotals;
}

/**
 * The report's counts from per-arm totals ({@link armTotalsStatement}) and visitors first shown
 * per arm and day ({@link shownByDayStatement}).
 */
export function countsFromTotals(
  rows: readonly TotalsRow[],
  shownByDay: readonly TotalsRow[] = [],
): ReportCounts {
  const totals = { received: 0, duplicates: 0, forcedPreviews: 0, invalidScores: 0, counted: 0 };
  const groups = new Map<string, TouchpointSummary>();
  const days = new Map<string, Map<string, number>>();
  const groupOfArm = new Map<number, string>();
  for (const row of rows) {
    totals.forcedPreviews += num(row, "forced");
    totals.invalidScores += num(row, "invalid_scores");
    totals.counted += counted(row);
    if (counted(row) === 0) continue;
    const surveyType = String(row.survey_type) as SurveyType;
    const key = JSON.stringify([row.site_key, row.survey_id, surveyType, row.touchpoint]);
    let group = groups.get(key);
    if (!group) {
      group = {
        siteKey: String(row.site_key),
        surveyId: String(row.survey_id),
        surveyType,
        touchpoint: String(row.touchpoint),
        arms: [],
        holdout: null,
        daily: null,
      };
      groups.set(key, group);
      days.set(key, new Map());
    }
    const arm = summaryFromCounts({
      variant: String(row.variant),
      impressions: num(row, "shown"),
      responders: num(row, "responders_shown"),
      dismissers: num(row, "dismissers_shown"),
      answers: num(row, "answers"),
      dismissals: num(row, "dismissals"),
      histogram: scoresOf(row),
      promotersShown: surveyType === "nps" ? num(row, "promoters_shown") : 0,
      detractorsShown: surveyType === "nps" ? num(row, "detractors_shown") : 0,
    });
    if (Number(row.holdout) === 1) group.holdout = arm;
    else {
      group.arms.push(arm);
      groupOfArm.set(Number(row.arm_id), key);
    }
  }
  for (const row of shownByDay) {
    const key = groupOfArm.get(Number(row.arm_id));
    const perDay = key === undefined ? undefined : days.get(key);
    if (!perDay) continue;
    const day = String(row.day);
    perDay.set(day, (perDay.get(day) ?? 0) + num(row, "shown"));
  }
  for (const [key, group] of groups) {
    group.daily = dailyPerVariantByDay(days.get(key) ?? new Map(), group.arms.length);
  }
  totals.received = totals.counted + totals.forcedPreviews;
  return { touchpoints: [...groups.values()], totals };
}

interface ScoreFigures {
  promoters: number;
  passives: number;
  detractors: number;
  csatSatisfied: number;
  scoreSum: number;
  scoreSquareSum: number;
  cesSum: number;
}

const NPS_FIGURE = { low: "detractors", middle: "passives", high: "promoters" } as const;

function scoreFigures(surveyType: string, scores: readonly number[]): ScoreFigures {
  const figures: ScoreFigures = {
    promoters: 0,
    passives: 0,
    detractors: 0,
    csatSatisfied: 0,
    scoreSum: 0,
    scoreSquareSum: 0,
    cesSum: 0,
  };
  for (const [score, count] of scores.entries()) {
    figures.scoreSum += score * count;
    figures.scoreSquareSum += score * score * count;
    if (surveyType === "nps") figures[NPS_FIGURE[bandOf("nps", score)]] += count;
    if (surveyType === "csat" && bandOf("csat", score) === "high") figures.csatSatisfied += count;
    if (surveyType === "ces") figures.cesSum += score * count;
  }
  return figures;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** `/v1/summary` rows from per-arm totals: one per site, survey, touchpoint, variant, holdout. */
export function summaryFromTotals(rows: readonly TotalsRow[]): SummaryRow[] {
  const summary = rows
    .filter((row) => counted(row) > 0)
    .map((row): SummaryRow => {
      const surveyType = String(row.survey_type);
      const { scoreSquareSum, ...figures } = scoreFigures(surveyType, scoresOf(row));
      return {
        siteKey: String(row.site_key),
        surveyId: String(row.survey_id),
        surveyType,
        touchpoint: String(row.touchpoint),
        variant: String(row.variant),
        holdout: Number(row.holdout) === 1,
        impressions: num(row, "shown"),
        answers: num(row, "answers"),
        dismissals: num(row, "dismissals"),
        ...figures,
        scoreSquareSum,
      };
    });
  summary.sort(
    (a, b) =>
      byText(a.siteKey, b.siteKey) ||
      byText(a.surveyId, b.surveyId) ||
      byText(a.touchpoint, b.touchpoint) ||
      byText(a.variant, b.variant) ||
      Number(a.holdout) - Number(b.holdout),
  );
  return summary.slice(0, MAX_SUMMARY_ROWS);
}

/** Monday (UTC) of the week holding `day`. */
function mondayOf(day: string): string {
  const time = Date.parse(day);
  const weekday = (new Date(time).getUTCDay() + 6) % 7;
  return new Date(time - weekday * DAY_MS).toISOString().slice(0, 10);
}

/** `/v1/timeseries` rows from per-day totals, by day or by ISO week. */
export function timeseriesFromTotals(rows: readonly TotalsRow[], bucket: Bucket): TimeseriesRow[] {
  const series = new Map<string, TimeseriesRow>();
  for (const row of rows) {
    if (counted(row) === 0) continue;
    const raw = String(row.day);
    const day = bucket === "week" ? mondayOf(raw) : raw;
    let out = series.get(day);
    if (!out) {
      out = {
        day,
        impressions: 0,
        dismissals: 0,
        answers: 0,
        promoters: 0,
        passives: 0,
        detractors: 0,
        csatSatisfied: 0,
        scoreSum: 0,
      };
      series.set(day, out);
    }
    const figures = scoreFigures(String(row.survey_type), scoresOf(row));
    out.impressions += num(row, "shown");
    out.dismissals += num(row, "dismissals");
    out.answers += num(row, "answers");
    out.promoters += figures.promoters;
    out.passives += figures.passives;
    out.detractors += figures.detractors;
    out.csatSatisfied += figures.csatSatisfied;
    out.scoreSum += figures.scoreSum;
  }
  return [...series.values()].sort((a, b) => byText(a.day, b.day)).slice(0, MAX_TIMESERIES_DAYS);
}
