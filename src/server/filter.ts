import type { SurveyType } from "../wire/event";
import { parseInstant } from "../wire/instant";
import { MAX_NAME_LENGTH } from "../wire/limits";
import { describeValue } from "../wire/validate";
import { HttpError } from "./http";

/** Query-string filter shared by the read endpoints; every part is optional. */
export interface EventFilter {
  siteKey?: string;
  surveyId?: string;
  surveyType?: SurveyType;
  touchpoint?: string;
  /** Inclusive lower bound on `created_at`, normalized to `toISOString()` form. */
  from?: string;
  /** Exclusive upper bound on `created_at`, normalized to `toISOString()` form. */
  to?: string;
}

const SURVEY_TYPES: readonly SurveyType[] = ["nps", "csat", "ces"];
function instant(params: URLSearchParams, name: string): string | undefined {
  const value = params.get(name);
  if (value === null || value === "") return undefined;
  const parsed = parseInstant(value, true);
  if (parsed.ok) return parsed.iso;
  const expected =
    parsed.problem === "impossible"
      ? "a date that exists"
      : "a date (2024-05-01) or an ISO 8601 time with a zone";
  throw new HttpError(400, `${name}: expected ${expected}, got ${describeValue(value)}`);
}

function name(params: URLSearchParams, key: string): string | undefined {
  const value = params.get(key);
  if (value === null || value === "") return undefined;
  if (value.length > MAX_NAME_LENGTH) {
    throw new HttpError(400, `${key}: expected at most ${MAX_NAME_LENGTH} characters`);
  }
  return value;
}

function surveyType(params: URLSearchParams): SurveyType | undefined {
  const value = params.get("surveyType");
  if (value === null || value === "") return undefined;
  if ((SURVEY_TYPES as readonly string[]).includes(value)) return value as SurveyType;
  throw new HttpError(
    400,
    `surveyType: expected one of ${SURVEY_TYPES.join(", ")}, got ${describeValue(value)}`,
  );
}

/**
 * Reads `siteKey`, `surveyId`, `surveyType`, `touchpoint`, `from` and `to`; throws 400 naming a
 * bad one.
 */
export function parseFilter(params: URLSearchParams): EventFilter {
  const filter: EventFilter = {};
  const siteKey = name(params, "siteKey");
  const surveyId = name(params, "surveyId");
  const type = surveyType(params);
  const touchpoint = name(params, "touchpoint");
  const from = instant(params, "from");
  const to = instant(params, "to");
  if (siteKey !== undefined) filter.siteKey = siteKey;
  if (surveyId !== undefined) filter.surveyId = surveyId;
  if (type !== undefined) filter.surveyType = type;
  if (touchpoint !== undefined) filter.touchpoint = touchpoint;
  if (from !== undefined) filter.from = from;
  if (to !== undefined) filter.to = to;
  return filter;
}

/** `AND …` conditions for `filter`, bound by name to the same object. */
export function filterSql(filter: EventFilter): string {
  return [
    filter.siteKey !== undefined ? " AND site_key = @siteKey" : "",
    filter.surveyId !== undefined ? " AND survey_id = @surveyId" : "",
    filter.surveyType !== undefined ? " AND survey_type = @surveyType" : "",
    filter.touchpoint !== undefined ? " AND touchpoint = @touchpoint" : "",
    filter.from !== undefined ? " AND created_at >= @from" : "",
    filter.to !== undefined ? " AND created_at < @to" : "",
  ].join("");
}
