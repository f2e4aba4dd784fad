import { EXPORT_COLUMNS } from "../export";
import type { EventFilter } from "../filter";
import type { CommentSegment } from "../queries";
import type { Placeholder, Statement } from "./rollup-read";

// Segment bounds: NPS detractors 0-6 and promoters 9-10; CSAT low 1-2 and high 4-5;
// CES low 1-3 and high 5-7.
const LOW = `((survey_type = 'nps' AND score <= 6) OR (survey_type = 'csat' AND score <= 2) OR (survey_type = 'ces' AND score <= 3))`;
const HIGH = `((survey_type = 'nps' AND score >= 9) OR (survey_type = 'csat' AND score >= 4) OR (survey_type = 'ces' AND score >= 5))`;
const SEGMENT_SQL: Record<CommentSegment, string> = {
  detractor: "survey_type = 'nps' AND score <= 6",
  passive: "survey_type = 'nps' AND score >= 7 AND score <= 8",
  promoter: "survey_type = 'nps' AND score >= 9",
  low: LOW,
  high: HIGH,
};

/** Comments lowest segment first: the expression the comments index is built on. */
export const COMMENT_RANK = `(CASE WHEN ${LOW} THEN 0 WHEN ${HIGH} THEN 2 ELSE 1 END)`;
/** Rows the comments index holds (and every comments query asks for). */
export const COMMENT_ROWS =
  "kind = 'answer' AND forced = 0 AND comment IS NOT NULL AND comment <> ''";

/** `AND …` conditions on the events table for a filter. */
export function eventWhere(
  filter: EventFilter,
  placeholder: Placeholder,
  params: unknown[],
): string {
  const parts: string[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    parts.push(` AND ${sql} ${placeholder(params.length)}`);
  };
  if (filter.siteKey !== undefined) add("site_key =", filter.siteKey);
  if (filter.surveyId !== undefined) add("survey_id =", filter.surveyId);
  if (filter.surveyType !== undefined) add("survey_type =", filter.surveyType);
  if (filter.touchpoint !== undefined) add("touchpoint =", filter.touchpoint);
  if (filter.from !== undefined) add("created_at >=", filter.from);
  if (filter.to !== undefined) add("created_at <", filter.to);
  return parts.join("");
}

/** Follow-up comments, lowest segment first (walking the comments index), then newest first. */
export function commentsStatement(
  filter: EventFilter,
  segment: CommentSegment | undefined,
  limit: number,
  placeholder: Placeholder,
): Statement {
  const params: unknown[] = [];
  const where = eventWhere(filter, placeholder, params);
  params.push(limit);
  return {
    sql: `SELECT id, survey_id AS "surveyId", survey_type AS "surveyType", touchpoint, variant,
        score, comment, created_at AS "createdAt", locale, url
      FROM events
      WHERE ${COMMENT_ROWS}${segment ? ` AND (${SEGMENT_SQL[segment]})` : ""}${where}
      ORDER BY ${COMMENT_RANK}, created_at DESC, id
      LIMIT ${placeholder(params.length)}`,
    params,
  };
}

/** One page of an export, after a storage position (`position` column), in storage order. */
export function exportStatement(
  filter: EventFilter,
  after: number,
  limit: number,
  position: string,
  placeholder: Placeholder,
): Statement {
  const params: unknown[] = [after];
  const where = eventWhere(filter, placeholder, params);
  params.push(limit);
  return {
    sql: `SELECT ${position} AS position, ${EXPORT_COLUMNS.join(", ")} FROM events
      WHERE ${position} > ${placeholder(1)}${where} ORDER BY ${position} LIMIT ${placeholder(params.length)}`,
    params,
  };
}
