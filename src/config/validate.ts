import { type ConfigProblem, flag, isRecord, list, number, oneOf, shape, text } from "./checks";
import { collectorCheck } from "./collector-checks";
import { experimentCheck, variantProblems, variantsCheck } from "./experiment-checks";
import { regexProblems } from "./regex-problems";
import {
  configStartFields,
  crossChecks,
  MAX_SURVEYS,
  surveyRequired,
  surveyStartFields,
} from "./startup";
import {
  attributesCheck,
  audienceCheck,
  frequencyCheck,
  policyCheck,
  scheduleCheck,
  triggerCheck,
  triggerProblems,
} from "./targeting-checks";
import { contactCheck, copyCheck, localesCheck, placementCheck, themeCheck } from "./ui-checks";

export { MAX_SURVEYS } from "./startup";

const survey = shape(
  {
    ...surveyStartFields,
    copy: copyCheck,
    trigger: triggerCheck,
    frequency: frequencyCheck,
    audience: audienceCheck,
    schedule: scheduleCheck,
    priority: number(-1000, 1000),
    policy: policyCheck,
    locale: text(35),
    locales: localesCheck,
    scale: oneOf("numbers", "stars", "faces"),
    submitOnTap: flag,
    placement: placementCheck,
    contact: contactCheck,
    variants: variantsCheck,
    experiment: experimentCheck,
  },
  surveyRequired,
);

const config = shape({
  $schema: text(2048),
  ...configStartFields,
  locale: text(35, /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'a BCP 47 locale like "en" or "pt-BR"'),
  collector: collectorCheck,
  surveys: list(survey, MAX_SURVEYS),
  policy: policyCheck,
  attributes: attributesCheck,
  theme: themeCheck,
});

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
  if (isRecord(value)) {
    crossChecks(value, problems);
    const surveys = Array.isArray(value.surveys) ? value.surveys : [];
    triggerProblems(surveys, problems);
    surveys.forEach((s, i) => {
      if (isRecord(s)) variantProblems(s, `surveys[${i}]`, problems);
    });
  }
  regexProblems(value, problems);
  return problems;
}
