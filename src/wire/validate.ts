import type { EventKind, SurveyType, TouchpointEvent } from "./event";
import { parseInstant } from "./instant";
import {
  MAX_COMMENT_LENGTH,
  MAX_CONTACT_LENGTH,
  MAX_LOCALE_LENGTH,
  MAX_NAME_LENGTH,
  MAX_SDK_VERSION_LENGTH,
  MAX_URL_LENGTH,
  MAX_USER_ID_LENGTH,
} from "./limits";
import { SCALES, SURVEY_TYPES } from "./scale";

/** How much of an offending value an error message quotes. */
const MAX_QUOTED_LENGTH = 40;

const ID_PATTERN = /^[A-Za-z0-9-]{8,64}$/;
const LOCALE_PATTERN = /^[A-Za-z0-9-]+$/;
// Names end up in log lines, CSV cells and dashboard labels, where control characters only hurt.
const hasControlCharacter = (text: string): boolean => {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
};

// In a `u` regex a well-formed pair is one code point, so only a lone surrogate is `Cs`.
const LONE_SURROGATE = /\p{Cs}/u;
const hasLoneSurrogate = (text: string): boolean => LONE_SURROGATE.test(text);

/**
 * Text must be valid Unicode: a lone surrogate (`"\ud800"` in JSON) has no UTF-8 form and
 * would reach SQLite as bytes no other reader can decode, so it is refused, never repaired.
 */
function loneSurrogate(field: string, value: string): never {
  const at = value.search(LONE_SURROGATE);
  throw new Invalid(
    field,
    `expected valid Unicode text, got a lone surrogate (\\u${value.charCodeAt(at).toString(16)}) at character ${at + 1}`,
  );
}

const KINDS: readonly EventKind[] = ["impression", "answer", "dismissal"];
// Spoken forms decide the article: "an NPS" (en-pee-ess), "a CSAT" (see-sat).
const ARTICLE: Record<EventKind | SurveyType, string> = {
  impression: "an",
  answer: "an",
  dismissal: "a",
  nps: "an",
  csat: "a",
  ces: "a",
};

/** A validated event, `createdAt` normalized to UTC `toISOString()` form. */
export type ValidEvent = TouchpointEvent;

/** Outcome of {@link validateEvent}: the event, or `field: problem` for the first problem found. */
export type Validation =
  | { ok: true; event: ValidEvent }
  | { ok: false; field: string; problem: string };

/** The problem of a refused event as one line: `field: expected …, got …`. */
export function problemOf(refused: { field: string; problem: string }): string {
  return refused.field === "" ? refused.problem : `${refused.field}: ${refused.problem}`;
}

/** How a value appears after "got" in an error message. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_QUOTED_LENGTH ? `${text.slice(0, MAX_QUOTED_LENGTH)}…` : text;
}

class Invalid {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {}
}

function fail(field: string, expected: string, value: unknown): never {
  throw new Invalid(field, `expected ${expected}, got ${describeValue(value)}`);
}

function text(record: Record<string, unknown>, field: string, max: number): string {
  const value = record[field];
  const expected = `a string of 1 to ${max} characters without control characters`;
  if (typeof value !== "string" || value.length === 0 || value.length > max) {
    return fail(field, expected, value);
  }
  if (hasControlCharacter(value)) return fail(field, expected, value);
  if (hasLoneSurrogate(value)) return loneSurrogate(field, value);
  return value;
}

function optionalText(record: Record<string, unknown>, field: string, max: number) {
  return record[field] === undefined ? undefined : text(record, field, max);
}

function optionalFlag(record: Record<string, unknown>, field: string): boolean | undefined {
  const value = record[field];
  if (value === undefined || typeof value === "boolean") return value;
  return fail(field, "true or false", value);
}

function oneOf<T extends string>(
  record: Record<string, unknown>,
  field: string,
  options: readonly T[],
): T {
  const value = record[field];
  if (typeof value === "string" && (options as readonly string[]).includes(value))
    return value as T;
  return fail(field, `one of ${options.map((o) => `"${o}"`).join(", ")}`, value);
}

function timestamp(record: Record<string, unknown>, field: string): string {
  const value = record[field];
  const parsed = parseInstant(value, false);
  if (parsed.ok) return parsed.iso;
  if (parsed.problem === "impossible") return fail(field, "a date and time that exist", value);
  return fail(field, "an ISO 8601 time with a time zone", value);
}

/** Consent to be contacted and the contact: answers only, and never a contact without consent. */
function contactFields(record: Record<string, unknown>, kind: EventKind) {
  const { consent, contact } = record;
  if (kind !== "answer") {
    if (consent !== undefined) fail("consent", `no consent on ${ARTICLE[kind]} ${kind}`, consent);
    if (contact !== undefined) fail("contact", `no contact on ${ARTICLE[kind]} ${kind}`, contact);
    return {};
  }
  const given = optionalFlag(record, "consent");
  if (contact === undefined) return given === undefined ? {} : { consent: given };
  if (given !== true) fail("contact", 'no contact unless "consent" is true', contact);
  return { consent: true, contact: text(record, "contact", MAX_CONTACT_LENGTH) };
}

function answerFields(record: Record<string, unknown>, kind: EventKind, type: SurveyType) {
  const { score, comment } = record;
  if (kind !== "answer") {
    if (score !== undefined) fail("score", `no score on ${ARTICLE[kind]} ${kind}`, score);
    if (comment !== undefined) fail("comment", `no comment on ${ARTICLE[kind]} ${kind}`, comment);
    return {};
  }
  const { min, max } = SCALES[type];
  if (typeof score !== "number" || !Number.isInteger(score) || score < min || score > max) {
    fail("score", `an integer from ${min} to ${max} for ${ARTICLE[type]} ${type} answer`, score);
  }
  if (comment === undefined) return { score };
  if (typeof comment !== "string" || comment.length > MAX_COMMENT_LENGTH) {
    fail("comment", `a string of at most ${MAX_COMMENT_LENGTH} characters`, comment);
  }
  if (hasLoneSurrogate(comment)) loneSurrogate("comment", comment);
  return { score, comment };
}

function check(value: unknown): ValidEvent {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new Invalid("", `expected an event object, got ${describeValue(value)}`);
  }
  const record = value as Record<string, unknown>;
  const id = record.id;
  if (typeof id !== "string" || !ID_PATTERN.test(id)) {
    fail("id", "8 to 64 letters, digits or dashes", id);
  }
  const kind = oneOf(record, "kind", KINDS);
  const surveyType = oneOf(record, "surveyType", SURVEY_TYPES);
  const locale = text(record, "locale", MAX_LOCALE_LENGTH);
  if (!LOCALE_PATTERN.test(locale)) fail("locale", "a BCP 47 language tag", locale);
  const event: ValidEvent = {
    id,
    kind,
    siteKey: text(record, "siteKey", MAX_NAME_LENGTH),
    surveyId: text(record, "surveyId", MAX_NAME_LENGTH),
    surveyType,
    touchpoint: text(record, "touchpoint", MAX_NAME_LENGTH),
    variant: text(record, "variant", MAX_NAME_LENGTH),
    createdAt: timestamp(record, "createdAt"),
    visitorId: text(record, "visitorId", MAX_NAME_LENGTH),
    sessionId: text(record, "sessionId", MAX_NAME_LENGTH),
    url: text(record, "url", MAX_URL_LENGTH),
    locale,
    sdkVersion: text(record, "sdkVersion", MAX_SDK_VERSION_LENGTH),
    ...answerFields(record, kind, surveyType),
    ...contactFields(record, kind),
  };
  const forced = optionalFlag(record, "forced");
  const holdout = optionalFlag(record, "holdout");
  const userId = optionalText(record, "userId", MAX_USER_ID_LENGTH);
  if (forced !== undefined) event.forced = forced;
  if (holdout !== undefined) event.holdout = holdout;
  if (userId !== undefined) event.userId = userId;
  return event;
}

/**
 * Checks one event against wire format version 1. Unknown fields are ignored so that a newer
 * SDK can add optional fields without its events being refused.
 */
export function validateEvent(value: unknown): Validation {
  try {
    return { ok: true, event: check(value) };
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, field: error.field, problem: error.problem };
    throw error;
  }
}
