import {
  type ConfigProblem,
  chars,
  flag,
  isRecord,
  list,
  number,
  oneOf,
  problem,
  shape,
  text,
  url,
} from "./checks";
import { collectorStartCheck } from "./collector-checks";
import { ID, triggerStartCheck } from "./targeting-checks";

/** Most surveys one config may hold, so a runaway config cannot make the SDK do unbounded work. */
export const MAX_SURVEYS = 50;

/**
 * The survey fields the core itself uses: identity, type and trigger (with its URL rules, which
 * the core evaluates to arm surveys), and the question. The rest is checked by `validate()` in the
 * engine chunk.
 */
export const surveyStartFields = {
  id: text(64, ID, "an id (letters, digits, _ . : -)"),
  type: oneOf("nps", "csat", "ces"),
  touchpoint: text(64, ID, "a touchpoint name (letters, digits, _ . : -)"),
  trigger: triggerStartCheck,
  percent: number(1, 100),
  enabled: flag,
};
export const surveyRequired = ["id", "type", "touchpoint", "copy", "trigger"];

export const configStartFields = {
  siteKey: text(64, chars("_-"), "a site key (letters, digits, _ -)"),
  collector: collectorStartCheck,
  configUrl: url,
  debug: flag,
  requireConsent: flag,
  chunksUrl: url,
};

/**
 * Rules across fields that the start-up check and the full check share (those only the engine
 * acts on, like `selector` and `sequence`, are `triggerProblems`, in the full check).
 */
export function crossChecks(value: Record<string, unknown>, problems: ConfigProblem[]): void {
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

const startSurvey = shape(
  { ...surveyStartFields, copy: shape({ question: text(500) }, ["question"], false) },
  surveyRequired,
  false,
);
const startConfig = shape(
  { ...configStartFields, surveys: list(startSurvey, MAX_SURVEYS) },
  [],
  false,
);

/**
 * The check `init()` runs on every page view: everything the core acts on, with the same paths
 * and wording as `validate()`. Options only the engine uses (copy details, theme, placement,
 * locales, variants, audience, schedule, frequency, policy) are checked by the engine chunk
 * before it arms or shows anything, and by `validate()` and `touchpoint validate`.
 */
export function validateStart(value: unknown): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  startConfig(value, "", problems);
  if (isRecord(value)) crossChecks(value, problems);
  return problems;
}
