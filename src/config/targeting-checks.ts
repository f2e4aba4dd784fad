import {
  type Check,
  type ConfigProblem,
  chars,
  dictionary,
  flag,
  isRecord,
  list,
  number,
  oneOf,
  problem,
  shape,
  text,
  when,
} from "./checks";
import { REFUSED, unsafeRegex } from "./regex";

const MAX_LIST = 50;
/** Nesting of `all` / `any` / `not`, so evaluation stays shallow. */
const MAX_DEPTH = 4;
/** Ids and event names: letters, digits and `_ . : -`. */
export const ID = chars("_.:-");
/** Audience fields; see `AudienceConfig`. */
const FIELD =
  /^(device|locale|referrer|pages|sessions|utm\.(source|medium|campaign|term|content)|(trait|attribute)\.[\w.:-]+)$/;

const days = number(0, 3650);
const count = number(1, 1e3);
const num = number(-(10 ** 15), 10 ** 15);
const str = text(300);
const name = text(100, ID, "an event name (letters, digits, _ . : -)");
/** A check that `test` passes without throwing (a regex that compiles, a known time zone). */
const works = (test: (v: string) => unknown, what: string): Check =>
  when((v) => {
    try {
      return typeof v === "string" && test(v) !== 0;
    } catch {
      return false;
    }
  }, what);
/** A regular expression that compiles and cannot hang the page (see `unsafeRegex`). */
const regex: Check = (v, path, problems) => {
  let hazard: string | undefined = "";
  try {
    if (typeof v === "string" && v.length <= 300 && RegExp(v)) hazard = unsafeRegex(v);
  } catch {
    // does not compile: `hazard` stays ""
  }
  if (hazard !== undefined)
    problems.push(problem(path, hazard ? REFUSED : "a regular expression", v));
};
const scalar = when((v) => /^[sbn]/.test(typeof v) && String(v).length <= 300, "a value");

/** A plain value, or a match object (`exact`, `prefix`, `regex`, `gte`…). */
const valueTest: Check = (v, path, problems) =>
  (isRecord(v)
    ? shape({
        exact: scalar,
        prefix: str,
        contains: str,
        glob: str,
        regex,
        in: list(scalar, MAX_LIST),
        gt: num,
        gte: num,
        lt: num,
        lte: num,
        exists: flag,
      })
    : scalar)(v, path, problems);

/** A path glob, or `{ path, query, hash }`; a list of them; or `{ include, exclude }`. */
const urlCheck: Check = (v, path, problems) =>
  (Array.isArray(v)
    ? list(urlCheck, MAX_LIST)
    : !isRecord(v)
      ? text(300, { test: (v) => [...v].every((c) => c.trim()) }, "a URL path glob")
      : "include" in v || "exclude" in v
        ? shape({ include: urlCheck, exclude: urlCheck })
        : shape({ path: valueTest, query: dictionary(valueTest, MAX_LIST), hash: valueTest }))(
    v,
    path,
    problems,
  );

/** Conditions: fields with value tests, combined with `all`, `any` and `not`. */
const conditions =
  (fields: RegExp, depth = 0): Check =>
  (v, path, problems) => {
    const nested = conditions(fields, depth + 1);
    (depth > MAX_DEPTH
      ? when(() => false, `at most ${MAX_DEPTH} levels`)
      : dictionary((x, at, found) => {
          const key = at.slice(path.length + 1);
          (key === "not"
            ? nested
            : /^(all|any)$/.test(key)
              ? list(nested, MAX_LIST)
              : fields.test(key)
                ? valueTest
                : when(() => false, "a known field or all, any, not"))(x, at, found);
        }, MAX_LIST))(v, path, problems);
  };

/** Checks a survey's `trigger`. */
const triggerStartFields = {
  on: oneOf("pageview", "event", "manual", "click", "visible", "scroll", "dwell", "idle", "exit"),
  event: name,
  url: urlCheck,
};

/** The part of a trigger the core acts on (signal, event name, URL rules), checked at `init`. */
export const triggerStartCheck: Check = shape(triggerStartFields, ["on"], false);

/** Checks a survey's `trigger`. */
export const triggerCheck: Check = shape(
  {
    ...triggerStartFields,
    where: conditions(/^[\w.:-]+$/),
    scope: oneOf("now", "session", "ever"),
    selector: str,
    percent: number(1, 100),
    seconds: number(0, 86_400),
    within: oneOf("page", "session"),
    exitOn: list(oneOf("top", "scrollUp", "return"), 3),
    delay: number(0, 3600),
    persist: flag,
    cancelOn: list(name, MAX_LIST),
    sequence: shape({ after: name, within: number(0, 1440) }, ["after"]),
  },
  ["on"],
);

/** Checks a survey's `audience`. */
export const audienceCheck = conditions(FIELD);

const date = when((v) => typeof v === "string" && Date.parse(v) > 0, "an ISO 8601 date");
const hour = number(0, 24);

/** Checks a survey's `schedule`. */
export const scheduleCheck = shape({
  start: date,
  end: date,
  days: list(oneOf("mon", "tue", "wed", "thu", "fri", "sat", "sun"), 7),
  hours: shape({ from: hour, to: hour }, ["from", "to"]),
  timeZone: works((timeZone) => Intl.DateTimeFormat("en", { timeZone }), "an IANA time zone"),
});

/** Checks a survey's `frequency`. */
export const frequencyCheck = shape({
  afterAnswerDays: days,
  afterDismissDays: days,
  afterShownDays: days,
  repeatDays: days,
  maxIgnored: count,
  maxAnswers: count,
});

/** Checks the top-level `policy`, and a survey's override of it. */
export const policyCheck = shape({
  maxPerSession: count,
  maxPerDay: count,
  rolling: shape({ max: count, days }, ["max", "days"]),
  minDaysBetween: days,
});

/** Checks the top-level `attributes`, which only `init()` can give (JSON has no functions). */
export const attributesCheck = when((v) => typeof v === "function", "a function");

/** Rules across surveys: selectors some signals require, sequence steps that exist. */
export function triggerProblems(surveys: unknown[], problems: ConfigProblem[]): void {
  const ids = surveys.map((s) => isRecord(s) && s.id);
  surveys.forEach((s, i) => {
    const t: Record<string, unknown> = isRecord(s) && isRecord(s.trigger) ? s.trigger : {};
    const at = `surveys[${i}].trigger.`;
    const after = isRecord(t.sequence) ? t.sequence.after : undefined;
    if (after !== undefined && (after === ids[i] || !ids.includes(after)))
      problems.push(problem(`${at}sequence.after`, "the id of another survey", after));
    if ((t.on === "click" || t.on === "visible") && !t.selector)
      problems.push(problem(`${at}selector`, `a CSS selector (required by "${t.on}")`, t.selector));
  });
}
