/**
 * One row of the collector's SQLite `events` table (snake_case columns; `forced` and `holdout`
 * stored as 0/1, absent optional values as NULL).
 */
export interface EventRow {
  id: string;
  site_key: string;
  kind: string;
  survey_id: string;
  survey_type: string;
  touchpoint: string;
  variant: string;
  forced: number;
  holdout: number;
  score: number | null;
  comment: string | null;
  created_at: string;
  received_at: string;
  visitor_id: string;
  user_id: string | null;
  session_id: string;
  url: string;
  locale: string;
  sdk_version: string;
}

/** 0/1 flags become true or absent; anything else is passed on for the validator to name. */
function flag(value: unknown): unknown {
  if (value === 1 || value === true) return true;
  return value === 0 || value === false ? null : value;
}

/**
 * Maps a row of the `events` table back to the wire format's field names, ready for
 * `validateEvent`. NULL columns become absent fields.
 */
export function rowToEvent(row: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return {
    id: row.id,
    kind: row.kind,
    siteKey: row.site_key,
    surveyId: row.survey_id,
    surveyType: row.survey_type,
    touchpoint: row.touchpoint,
    variant: row.variant,
    forced: flag(row.forced),
    holdout: flag(row.holdout),
    score: row.score,
    comment: row.comment,
    createdAt: row.created_at,
    visitorId: row.visitor_id,
    userId: row.user_id,
    sessionId: row.session_id,
    url: row.url,
    locale: row.locale,
    sdkVersion: row.sdk_version,
  };
}
