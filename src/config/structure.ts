/**
 * What the page checks before the engine runs, cheaply: `init` already checked what the core
 * acts on (`validateStart`); this checks the rest for known keys and value types only. A config
 * that passes runs; any other config (and every config in debug mode) gets the full check,
 * fetched on demand, which names each problem as `touchpoint validate` does. Options whose
 * values need more than a type check to be safe (a regex, a time zone, a colour that reaches
 * CSS, a selector, a retry interval) always go to the full check when present.
 *
 * Codes: `s` text (1-500 characters), `n` a finite number, `b` true or false, `f` a function,
 * `o` an object of texts, `l` a list of texts, `t` a text or texts by segment, `*` checked at
 * init, `!` (or any code not listed) the full check decides; `+` after a code: required. An
 * object: a record with only these keys.
 */
type Spec = string | { [key: string]: Spec };

const MAX_TEXT = 500;
const MAX_ITEMS = 50;
/** As many keys as `collector.headers` may have. */
const MAX_KEYS = 20;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const text = (v: unknown) => typeof v === "string" && v.length > 0 && v.length <= MAX_TEXT;
// The segment names of wire/scale.ts (test/unit/wire/scales.test.ts holds them equal): importing
// them would make the engine and the UI chunk share a module, fetched as a third chunk.
const segments = { detractor: "s", passive: "s", promoter: "s", low: "s", middle: "s", high: "s" };

const byType: Record<string, (v: unknown) => boolean> = {
  s: text,
  n: (v) => typeof v === "number" && Number.isFinite(v),
  b: (v) => typeof v === "boolean",
  f: (v) => typeof v === "function",
  o: (v) => isRecord(v) && Object.keys(v).length <= MAX_KEYS && Object.values(v).every(text),
  l: (v) => Array.isArray(v) && v.length <= MAX_ITEMS && v.every(text),
  /** A text, or texts by segment (`followUp`, `thanks`). */
  t: (v) => text(v) || fits(v, segments),
  "*": () => true,
};

function fits(value: unknown, spec: Spec): boolean {
  if (typeof spec === "string") return byType[spec[0] ?? "!"]?.(value) === true;
  return (
    isRecord(value) &&
    Object.entries(spec).every(([k, s]) => !`${s}`.endsWith("+") || value[k] !== undefined) &&
    Object.entries(value).every(
      ([k, v]) => v === undefined || (k in spec && fits(v, spec[k] ?? "!")),
    )
  );
}

const copy = {
  question: "s",
  lowLabel: "s",
  highLabel: "s",
  followUp: "t",
  thanks: "t",
  submit: "s",
  send: "s",
  skip: "s",
  close: "s",
  consent: "s",
  contactLabel: "s",
  contactInvalid: "s",
  thanksContact: "t",
};
const policy = {
  maxPerSession: "n",
  maxPerDay: "n",
  rolling: { max: "n+", days: "n+" },
  minDaysBetween: "n",
};
const survey = {
  id: "*",
  type: "*",
  touchpoint: "*",
  percent: "*",
  enabled: "*",
  copy,
  trigger: {
    on: "*",
    event: "*",
    url: "*",
    where: "!",
    scope: "s",
    selector: "s",
    percent: "n",
    seconds: "n",
    within: "s",
    exitOn: "l",
    delay: "n",
    persist: "b",
    cancelOn: "l",
    sequence: { after: "*", within: "n" },
  },
  frequency: {
    afterAnswerDays: "n",
    afterDismissDays: "n",
    afterShownDays: "n",
    repeatDays: "n",
    maxIgnored: "n",
    maxAnswers: "n",
  },
  audience: "!",
  schedule: "!",
  priority: "n",
  policy,
  locale: "s",
  locales: "!",
  scale: "s",
  submitOnTap: "b",
  placement: "!",
  contact: "!",
  variants: "!",
  experiment: "!",
};
const config = {
  $schema: "*",
  siteKey: "*",
  configUrl: "*",
  locale: "*",
  debug: "*",
  requireConsent: "*",
  chunksUrl: "*",
  policy,
  attributes: "f",
  theme: "!",
};
const collector = {
  url: "*",
  format: "s",
  headers: "o",
  transform: "f",
  timeoutMs: "!",
  retryBaseMs: "!",
  retryMaxMs: "!",
  maxEvents: "!",
  maxBytes: "!",
  maxAgeDays: "!",
};

/**
 * True when a config that passed `validateStart` has only known options, each of the right
 * type; false means "run the full check". Never true for a config the full check refuses,
 * except for values out of range or not among an option's choices, which the full check,
 * debug mode and `touchpoint validate` report.
 */
export function passesStructure(value: unknown): boolean {
  if (!isRecord(value)) return false;
  const { surveys = [], collector: c, ...rest } = value;
  return (
    fits(rest, config) &&
    (typeof c !== "object" || fits(c, collector)) &&
    Array.isArray(surveys) &&
    surveys.every((s) => fits(s, survey))
  );
}
