import {
  type Check,
  type ConfigProblem,
  dictionary,
  either,
  flag,
  isRecord,
  list,
  number,
  oneOf,
  problem,
  shape,
  text,
  url,
  when,
} from "./checks";

/** Bounds on config sizes, so a runaway config cannot make the SDK do unbounded work. */
export const MAX_SURVEYS = 50;
export const MAX_COPY_LENGTH = 500;
const MAX_URL_PATTERNS = 50;
const MAX_HEADERS = 20;
const MAX_DAYS = 3650;
const ID = /^[A-Za-z0-9_.:-]+$/;
const COLOR = /^(#[0-9a-fA-F]{3,8}|(rgb|hsl)a?\([^)]{1,60}\)|[a-z]{3,20})$/;

const copy = text(MAX_COPY_LENGTH, undefined, "a non-empty string");
const days = number(0, MAX_DAYS);

const collector: Check = either(
  'a URL string or { "url": … }',
  url,
  shape(
    {
      url,
      format: oneOf("json", "ndjson"),
      headers: dictionary(text(1000, undefined, "a string"), MAX_HEADERS),
    },
    ["url"],
  ),
);

const pathPattern = text(300, /^[^\s]+$/, "a URL path pattern");

const trigger = shape(
  {
    on: oneOf("pageview", "event", "manual"),
    event: text(100, ID, "an event name (letters, digits, _ . : -)"),
    url: either(
      "a path pattern or a list of them",
      pathPattern,
      list(pathPattern, MAX_URL_PATTERNS),
    ),
    delay: number(0, 3600),
  },
  ["on"],
);

const survey = shape(
  {
    id: text(64, ID, "an id (letters, digits, _ . : -)"),
    type: oneOf("nps", "csat", "ces"),
    touchpoint: text(64, ID, "a touchpoint name (letters, digits, _ . : -)"),
    copy: shape(
      {
        question: copy,
        lowLabel: copy,
        highLabel: copy,
        followUp: copy,
        thanks: copy,
        submit: text(40),
      },
      ["question"],
    ),
    trigger,
    frequency: shape({ afterAnswerDays: days, afterDismissDays: days, afterShownDays: days }),
    percent: number(1, 100),
    enabled: flag,
  },
  ["id", "type", "touchpoint", "copy", "trigger"],
);

const config = shape({
  $schema: text(2048),
  siteKey: text(64, /^[A-Za-z0-9_-]+$/, "a site key (letters, digits, _ -)"),
  collector,
  configUrl: url,
  surveys: list(survey, MAX_SURVEYS),
  locale: text(35, /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'a BCP 47 locale like "en" or "pt-BR"'),
  debug: flag,
  requireConsent: flag,
  policy: shape({ maxPerSession: number(1, 100), minDaysBetween: days }),
  theme: shape({
    accent: when((v) => typeof v === "string" && COLOR.test(v), 'a CSS colour like "#3056d3"'),
    position: oneOf("bottom-right", "bottom-left", "top-right", "top-left"),
  }),
  chunksUrl: url,
});

function crossChecks(value: Record<string, unknown>, problems: ConfigProblem[]): void {
  if (value.collector === undefined && value.configUrl === undefined) {
    problems.push(
      problem("collector", 'a collector URL (or a "configUrl" that provides one)', undefined),
    );
  }
  const surveys = Array.isArray(value.surveys) ? value.surveys : [];
  const seen = new Set<unknown>();
  surveys.forEach((s, i) => {
    if (!isRecord(s)) return;
    if (seen.has(s.id))
      problems.push(problem(`surveys[${i}].id`, "an id no other survey uses", s.id));
    seen.add(s.id);
    const t = s.trigger;
    if (isRecord(t) && t.on === "event" && t.event === undefined) {
      problems.push(
        problem(
          `surveys[${i}].trigger.event`,
          'an event name (required when "on" is "event")',
          undefined,
        ),
      );
    }
  });
}

/**
 * Checks a config and returns every problem found, each with its path, what was expected and
 * what was found. An empty list means the config is valid.
 *
 * @example
 * validate({ surveys: [{ id: "a", type: "nps", touchpoint: "t", copy: {}, trigger: { on: "load" } }] })
 * // [{ path: "surveys[0].copy.question", message: "surveys[0].copy.question: expected a value (required), got nothing" }, …]
 */
export function validate(value: unknown): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  config(value, "", problems);
  if (isRecord(value)) crossChecks(value, problems);
  return problems;
}
