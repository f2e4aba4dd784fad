import type { SurveyType } from "../../wire/event";
import { EVENT_COLUMNS } from "../../wire/row";
import { type Band, bandRange, SCALES, SURVEY_TYPES } from "../../wire/scale";
import type { EventFilter } from "../filter";
import type { CommentSegment } from "../queries";
import type { Placeholder, Statement } from "./rollup-read";

/** One band of one scale as SQL, from the scale's one definition (`wire/scale`). */
function bandSql(type: SurveyType, band: Band): string {
  const { min, max } = SCALES[type];
  const [from, to] = bandRange(type, band);
  const bounds = [from > min ? `score >= ${from}` : "", to < max ? `score <= ${to}` : ""];
  return `survey_type = '${type}' AND ${bounds.filter(Boolean).join(" AND ")}`;
}

/** The answers in one band of any scale. */
const anyScale = (band: Band) =>
  `(${SURVEY_TYPES.map((type) => `(${bandSql(type, band)})`).join(" OR ")})`;

/** The SQL condition of each comment segment; {@link inSegment} is the same rule in code. */
export const SEGMENT_SQL: Readonly<Record<CommentSegment, string>> = {
  detractor: bandSql("nps", "low"),
  passive: bandSql("nps", "middle"),
  promoter: bandSql("nps", "high"),
  low: anyScale("low"),
  middle: anyScale("middle"),
  high: anyScale("high"),
};

/**
 * Comments lowest segment first: the expression the comments index is built on (the SQLite and
 * PostgreSQL migrations hold it as released; a scale change appends migrations rebuilding it).
 */
export const COMMENT_RANK = `(CASE WHEN ${SEGMENT_SQL.low} THEN 0 WHEN ${SEGMENT_SQL.high} THEN 2 ELSE 1 END)`;
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
    sql: `SELECT ${position} AS position, ${EVENT_COLUMNS.join(", ")} FROM events
      WHERE ${position} > ${placeholder(1)}${where} ORDER BY ${position} LIMIT ${placeholder(params.length)}`,
    params,
  };
}
