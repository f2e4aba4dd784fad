import {
  type ConfigProblem,
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
import { collectorCheck } from "./collector-checks";
import { experimentCheck, variantProblems, variantsCheck } from "./experiment-checks";
import {
  attributesCheck,
  audienceCheck,
  frequencyCheck,
  ID,
  policyCheck,
  scheduleCheck,
  triggerCheck,
  triggerProblems,
} from "./targeting-checks";
import { copyCheck, localesCheck, placementCheck, themeCheck } from "./ui-checks";

/** Most surveys one config may hold, so a runaway config cannot make the SDK do unbounded work. */
export const MAX_SURVEYS = 50;

const survey = shape(
  {
    id: text(64, ID, "an id (letters, digits, _ . : -)"),
    type: oneOf("nps", "csat", "ces"),
    touchpoint: text(64, ID, "a touchpoint name (letters, digits, _ . : -)"),
    copy: copyCheck,
    trigger: triggerCheck,
    frequency: frequencyCheck,
    audience: audienceCheck,
    schedule: scheduleCheck,
    priority: number(-1000, 1000),
    policy: policyCheck,
    percent: number(1, 100),
    enabled: flag,
    locale: text(35),
    locales: localesCheck,
    scale: oneOf("numbers", "stars", "faces"),
    submitOnTap: flag,
    placement: placementCheck,
    variants: variantsCheck,
    experiment: experimentCheck,
  },
  ["id", "type", "touchpoint", "copy", "trigger"],
);

const config = shape({
  $schema: text(2048),
  siteKey: text(64, /^[A-Za-z0-9_-]+$/, "a site key (letters, digits, _ -)"),
  collector: collectorCheck,
  configUrl: url,
  surveys: list(survey, MAX_SURVEYS),
  locale: text(35, /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'a BCP 47 locale like "en" or "pt-BR"'),
  debug: flag,
  requireConsent: flag,
  policy: policyCheck,
  attributes: attributesCheck,
  theme: themeCheck,
  chunksUrl: url,
});

function crossChecks(value: Record<string, unknown>, problems: ConfigProblem[]): void {
  if (value.collector === undefined && value.configUrl === undefined) {
    problems.push(
      problem("collector", 'a collector URL (or a "configUrl" that provides one)', undefined),
    );
  }
  const surveys = Array.isArray(value.surveys) ? value.surveys : [];
  triggerProblems(surveys, problems);
  const seen = new Set<unknown>();
  surveys.forEach((s, i) => {
    if (!isRecord(s)) return;
    if (seen.has(s.id))
      problems.push(problem(`surveys[${i}].id`, "an id no other survey uses", s.id));
    seen.add(s.id);
    variantProblems(s, `surveys[${i}]`, problems);
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
