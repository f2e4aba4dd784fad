import type { EventKind, SurveyType, TouchpointEvent } from "../wire/event";
import { isOnScale, SCALES } from "../wire/scale";

/** Longest follow-up comment the wire format allows. */
export const MAX_COMMENT_LENGTH = 2000;
/** How much of a bad string value an error message quotes. */
const QUOTE_LENGTH = 40;

const REQUIRED_TEXT = [
  "id",
  "siteKey",
  "surveyId",
  "touchpoint",
  "variant",
  "visitorId",
  "sessionId",
  "url",
  "locale",
  "sdkVersion",
] as const;
const FIELDS = [
  ...REQUIRED_TEXT,
  "kind",
  "surveyType",
  "createdAt",
  "forced",
  "holdout",
  "score",
  "comment",
  "userId",
] as const;
const KINDS: readonly EventKind[] = ["impression", "answer", "dismissal"];
const SURVEY_TYPES: readonly SurveyType[] = ["nps", "csat", "ces"];

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") {
    return JSON.stringify(
      value.length > QUOTE_LENGTH ? `${value.slice(0, QUOTE_LENGTH)}...` : value,
    );
  }
  return String(value);
}

function problem(field: string, expected: string, value: unknown): string {
  return value === undefined
    ? `${field}: missing`
    : `${field}: expected ${expected}, got ${describe(value)}`;
}

function isText(value: unknown): value is string {
  return typeof value === "string" && value.length > 0;
}

function oneOf<T extends string>(options: readonly T[], value: unknown): value is T {
  return options.some((option) => option === value);
}

/** Optional fields may be absent or null; anything else must have the right type. */
function checkOptional(record: Record<string, unknown>, errors: string[]): void {
  for (const field of ["forced", "holdout"]) {
    const value = record[field];
    if (value != null && typeof value !== "boolean")
      errors.push(problem(field, "true or false", value));
  }
  if (record.userId != null && !isText(record.userId)) {
    errors.push(problem("userId", "a non-empty string", record.userId));
  }
  const comment = record.comment;
  if (comment != null && (typeof comment !== "string" || comment.length > MAX_COMMENT_LENGTH)) {
    errors.push(
      problem("comment", `a string of at most ${MAX_COMMENT_LENGTH} characters`, comment),
    );
  }
}

function checkRequired(record: Record<string, unknown>, errors: string[]): void {
  for (const field of REQUIRED_TEXT) {
    if (!isText(record[field])) errors.push(problem(field, "a non-empty string", record[field]));
  }
  const { kind, surveyType, score, createdAt } = record;
  if (!oneOf(KINDS, kind)) errors.push(problem("kind", "impression, answer or dismissal", kind));
  if (!oneOf(SURVEY_TYPES, surveyType)) {
    errors.push(problem("surveyType", "nps, csat or ces", surveyType));
  } else if ((score != null || kind === "answer") && !isOnScale(surveyType, score)) {
    const { min, max } = SCALES[surveyType];
    errors.push(problem("score", `a whole number from ${min} to ${max} for ${surveyType}`, score));
  }
  if (typeof createdAt !== "string" || Number.isNaN(Date.parse(createdAt))) {
    errors.push(problem("createdAt", "an ISO 8601 time", createdAt));
  }
}

/**
 * Checks that `value` is a wire-format {@link TouchpointEvent}: every required field present with
 * the right type, a known kind and survey type, a parseable `createdAt`, and on answers a whole
 * score on the survey's scale. Each error names the field. Unknown fields are left out of the
 * returned event; optional fields may also be null, which counts as absent.
 */
export function validateEvent(value: unknown): { event: TouchpointEvent | null; errors: string[] } {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { event: null, errors: [`expected an event object, got ${describe(value)}`] };
  }
  const record = value as Record<string, unknown>;
  const errors: string[] = [];
  checkRequired(record, errors);
  checkOptional(record, errors);
  if (errors.length > 0) return { event: null, errors };
  const event: Record<string, unknown> = {};
  for (const field of FIELDS) if (record[field] != null) event[field] = record[field];
  // Every field was checked above, so the copy is a TouchpointEvent.
  return { event: event as unknown as TouchpointEvent, errors };
}
