import { type ConfigProblem, isRecord, problem } from "../config/checks";
import { experimentCheck, variantsCheck } from "../config/experiment-checks";
import type { ExperimentPlanOptions, SurveyExperiment } from "./types";

/**
 * Reads each survey's variant weights, control (its first variant) and `experiment.plan` from a
 * Touchpoint config, for the sample ratio check and the verdicts. Surveys without variants are
 * skipped; problems name their path, as `touchpoint validate` would.
 *
 * @example experimentsFromConfig(JSON.parse(readFileSync("touchpoint.json", "utf8")))
 */
export function experimentsFromConfig(config: unknown): {
  experiments: Record<string, SurveyExperiment>;
  problems: string[];
} {
  const experiments: Record<string, SurveyExperiment> = {};
  const problems: string[] = [];
  const surveys = isRecord(config) ? config.surveys : undefined;
  if (!Array.isArray(surveys)) {
    return { experiments, problems: ["surveys: expected a list of surveys"] };
  }
  surveys.forEach((survey, i) => {
    if (!isRecord(survey) || survey.variants === undefined) return;
    const found: ConfigProblem[] = [];
    variantsCheck(survey.variants, `surveys[${i}].variants`, found);
    if (survey.experiment !== undefined) {
      experimentCheck(survey.experiment, `surveys[${i}].experiment`, found);
    }
    if (typeof survey.id !== "string")
      found.push(problem(`surveys[${i}].id`, "a survey id", survey.id));
    problems.push(...found.map((p) => p.message));
    const variants = survey.variants as { key: string; weight: number }[];
    if (found.length || !variants[0] || typeof survey.id !== "string") return;
    const plan = isRecord(survey.experiment) ? survey.experiment.plan : undefined;
    // defineProperty, not assignment: a survey id "__proto__" is an id like any other.
    Object.defineProperty(experiments, survey.id, {
      value: {
        weights: Object.fromEntries(variants.map((v) => [v.key, v.weight])),
        control: variants[0].key,
        ...(isRecord(plan) ? { plan: plan as ExperimentPlanOptions } : {}),
      },
      enumerable: true,
      writable: true,
      configurable: true,
    });
  });
  return { experiments, problems };
}
