import type { SurveyType } from "../outbox/event";
import type { CollectorDatabase } from "./db";
import { type EventFilter, filterSql } from "./filter";

/** Most summary rows returned; one row per survey, touchpoint, variant and holdout flag. */
export const MAX_SUMMARY_ROWS = 10_000;
/** Most days in one time series (ten years). */
export const MAX_TIMESERIES_DAYS = 3660;
/** Most site keys listed by {@link Queries.sites}. */
export const MAX_SITES = 1000;
/** Most comments in one response. */
export const MAX_COMMENTS = 500;

/** Comment segments: NPS groups, or the low / high end of any scale. */
export type CommentSegment = "detractor" | "passive" | "promoter" | "low" | "high";

// Segment bounds: NPS detractors 0-6 and promoters 9-10; CSAT low 1-2 and high 4-5;
// CES low 1-3 and high 5-7.
const LOW = `((survey_type = 'nps' AND score <= 6) OR (survey_type = 'csat' AND score <= 2)
  OR (survey_type = 'ces' AND score <= 3))`;
const HIGH = `((survey_type = 'nps' AND score >= 9) OR (survey_type = 'csat' AND score >= 4)
  OR (survey_type = 'ces' AND score >= 5))`;
const SEGMENT_SQL: Record<CommentSegment, string> = {
  detractor: "survey_type = 'nps' AND score <= 6",
  passive: "survey_type = 'nps' AND score >= 7 AND score <= 8",
  promoter: "survey_type = 'nps' AND score >= 9",
  low: LOW,
  high: HIGH,
};

const ANSWER_COUNTS = `
  SUM(kind = 'answer') AS answers,
  SUM(kind = 'answer' AND survey_type = 'nps' AND score >= 9) AS promoters,
  SUM(kind = 'answer' AND survey_type = 'nps' AND score >= 7 AND score <= 8) AS passives,
  SUM(kind = 'answer' AND survey_type = 'nps' AND score <= 6) AS detractors,
  SUM(kind = 'answer' AND survey_type = 'csat' AND score >= 4) AS csatSatisfied,
  TOTAL(CASE WHEN kind = 'answer' THEN score END) AS scoreSum`;

/** Aggregates for one survey, touchpoint, variant and holdout flag; forced previews left out. */
export interface SummaryRow {
  siteKey: string;
  surveyId: string;
  surveyType: string;
  touchpoint: string;
  variant: string;
  holdout: boolean;
  /** Distinct visitors who saw the prompt. */
  impressions: number;
  answers: number;
  dismissals: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** CSAT answers of 4 or 5. */
  csatSatisfied: number;
  /** Sum of all answer scores. */
  scoreSum: number;
  /** Sum of squared answer scores, for a variance. */
  scoreSquareSum: number;
  /** Sum of CES answer scores. */
  cesSum: number;
}

/** Time-series buckets: UTC days, or ISO weeks (Monday to Sunday, UTC). */
export type Bucket = "day" | "week";

// SQLite's 'weekday 1' moves forward to the next Monday (or stays on one), so step back 6 days first.
const BUCKET_SQL: Record<Bucket, string> = {
  day: "substr(created_at, 1, 10)",
  week: "date(substr(created_at, 1, 10), '-6 days', 'weekday 1')",
};

/**
 * Counts in one bucket, forced previews left out. `day` is the bucket's first UTC day
 * (`YYYY-MM-DD`): the day itself, or the Monday of the week.
 */
export interface TimeseriesRow {
  day: string;
  impressions: number;
  dismissals: number;
  answers: number;
  promoters: number;
  passives: number;
  detractors: number;
  csatSatisfied: number;
  scoreSum: number;
}

/** One answer with a follow-up comment. */
export interface CommentRow {
  id: string;
  surveyId: string;
  surveyType: SurveyType;
  touchpoint: string;
  variant: string;
  score: number;
  comment: string;
  createdAt: string;
  locale: string;
  url: string;
}

/** Read-side queries with their statements prepared once per distinct filter shape. */
export class Queries {
  private readonly statements = new Map<string, ReturnType<CollectorDatabase["prepare"]>>();

  constructor(private readonly db: CollectorDatabase) {}

  private all<T>(sql: string, params: object): T[] {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement.all(params) as T[];
  }

  summary(filter: EventFilter): SummaryRow[] {
    const rows = this.all<Omit<SummaryRow, "holdout"> & { holdout: number }>(
      `SELECT site_key AS siteKey, survey_id AS surveyId, survey_type AS surveyType, touchpoint,
        variant, holdout,
        COUNT(DISTINCT CASE WHEN kind = 'impression' THEN visitor_id END) AS impressions,
        SUM(kind = 'dismissal') AS dismissals, ${ANSWER_COUNTS},
        TOTAL(CASE WHEN kind = 'answer' THEN score * score END) AS scoreSquareSum,
        TOTAL(CASE WHEN kind = 'answer' AND survey_type = 'ces' THEN score END) AS cesSum
      FROM events WHERE forced = 0${filterSql(filter)}
      GROUP BY site_key, survey_id, survey_type, touchpoint, variant, holdout
      ORDER BY site_key, survey_id, touchpoint, variant, holdout
      LIMIT ${MAX_SUMMARY_ROWS}`,
      filter,
    );
    return rows.map((row) => ({ ...row, holdout: row.holdout === 1 }));
  }

  timeseries(filter: EventFilter, bucket: Bucket = "day"): TimeseriesRow[] {
    return this.all<TimeseriesRow>(
      `SELECT ${BUCKET_SQL[bucket]} AS day,
        COUNT(DISTINCT CASE WHEN kind = 'impression' THEN visitor_id END) AS impressions,
        SUM(kind = 'dismissal') AS dismissals, ${ANSWER_COUNTS}
      FROM events WHERE forced = 0${filterSql(filter)}
      GROUP BY day ORDER BY day LIMIT ${MAX_TIMESERIES_DAYS}`,
      filter,
    );
  }

  /** Site keys that have events, for a dashboard's site picker. */
  sites(): string[] {
    return this.all<{ siteKey: string }>(
      `SELECT DISTINCT site_key AS siteKey FROM events ORDER BY site_key LIMIT ${MAX_SITES}`,
      {},
    ).map((row) => row.siteKey);
  }

  /** When the newest matching event was received, or null when none matches. */
  lastReceived(filter: EventFilter): string | null {
    // Row ids grow with arrival, so the newest row is found from the end, without a full scan.
    const [row] = this.all<{ at: string }>(
      `SELECT received_at AS at FROM events WHERE 1 = 1${filterSql(filter)}
      ORDER BY rowid DESC LIMIT 1`,
      filter,
    );
    return row?.at ?? null;
  }

  /** Lowest segment first (detractors before passives before promoters), then newest first. */
  comments(filter: EventFilter, segment: CommentSegment | undefined, limit: number): CommentRow[] {
    return this.all<CommentRow>(
      `SELECT id, survey_id AS surveyId, survey_type AS surveyType, touchpoint, variant, score,
        comment, created_at AS createdAt, locale, url
      FROM events
      WHERE kind = 'answer' AND forced = 0 AND comment IS NOT NULL AND comment <> ''
        ${segment ? `AND (${SEGMENT_SQL[segment]})` : ""}${filterSql(filter)}
      ORDER BY CASE WHEN ${LOW} THEN 0 WHEN ${HIGH} THEN 2 ELSE 1 END, created_at DESC, id
      LIMIT @limit`,
      { ...filter, limit },
    );
  }
}
