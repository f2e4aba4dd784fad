import type { TouchpointEvent } from "../outbox/event";
import { armReport } from "./arm";
import { ALPHA, compareArms, MIN_ANSWERS, MIN_IMPRESSIONS } from "./compare";
import { SRM_ALPHA, sampleRatioCheck } from "./srm";
import { type TouchpointTally, tallyEvents } from "./tally";
import type { Report, ReportOptions, SurveyReport, TouchpointReport } from "./types";
import { findWinners, sampleRatioWarning, variantVerdict } from "./verdict";

/** Why the report leads with response rate and net promoters per exposed visitor. */
export const PRIMARY_METRICS_NOTE =
  "Response rate and net promoters per visitor shown are the primary figures because they count everyone who saw the prompt; responder NPS, CSAT and CES are secondary because a change of copy changes who chooses to answer.";

function pickControl(keys: readonly string[], preferred: string | undefined): string | null {
  if (preferred !== undefined && keys.includes(preferred)) return preferred;
  if (keys.includes("control")) return "control";
  return keys[0] ?? null;
}

function byText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function touchpointReport(tally: TouchpointTally, options: ReportOptions): TouchpointReport {
  const experiments = options.experiments ?? {};
  const experiment = Object.hasOwn(experiments, tally.surveyId)
    ? experiments[tally.surveyId]
    : undefined;
  const control = pickControl([...tally.arms.keys()], experiment?.control ?? options.control);
  const arms = [...tally.arms.values()].sort(
    (a, b) => Number(b.variant === control) - Number(a.variant === control),
  );
  const [controlArm, ...variants] = arms;
  const comparisons = controlArm
    ? variants.flatMap((arm) => compareArms(controlArm, arm, tally.surveyType))
    : [];
  const observed = Object.fromEntries(arms.map((arm) => [arm.variant, arm.impressed.size]));
  const sampleRatio = sampleRatioCheck(observed, experiment?.weights ?? options.weights);
  const winners = sampleRatio?.flagged ? [] : findWinners(comparisons);
  const verdicts = variants.map((arm) =>
    variantVerdict(arm.variant, comparisons, winners.includes(arm.variant)),
  );
  if (sampleRatio?.flagged) verdicts.unshift(sampleRatioWarning(sampleRatio));
  return {
    touchpoint: tally.touchpoint,
    control,
    arms: arms.map((arm) => armReport(arm, tally.surveyType)),
    holdout: tally.holdout ? armReport(tally.holdout, tally.surveyType) : null,
    comparisons,
    sampleRatio,
    winners,
    verdicts,
  };
}

/**
 * Builds the report: per survey, touchpoint and variant, the visitors shown, answers, dismissals,
 * rates and scores with 95% intervals, each variant compared with the control, and a sample
 * ratio check. Repeated event ids count once; forced previews are left out; holdout events form
 * their own group. The result is plain JSON.
 *
 * @example formatReport(buildReport(events, { weights: { control: 50, b: 50 } }))
 */
export function buildReport(
  events: Iterable<TouchpointEvent>,
  options: ReportOptions = {},
): Report {
  const { touchpoints, totals } = tallyEvents(events);
  touchpoints.sort(
    (a, b) =>
      byText(a.surveyId, b.surveyId) ||
      byText(a.surveyType, b.surveyType) ||
      byText(a.touchpoint, b.touchpoint),
  );
  const surveys: SurveyReport[] = [];
  for (const tally of touchpoints) {
    let survey = surveys.at(-1);
    if (survey?.surveyId !== tally.surveyId || survey.surveyType !== tally.surveyType) {
      survey = { surveyId: tally.surveyId, surveyType: tally.surveyType, touchpoints: [] };
      surveys.push(survey);
    }
    survey.touchpoints.push(touchpointReport(tally, options));
  }
  return {
    events: totals,
    surveys,
    thresholds: {
      minAnswers: MIN_ANSWERS,
      minImpressions: MIN_IMPRESSIONS,
      alpha: ALPHA,
      srmAlpha: SRM_ALPHA,
    },
    note: PRIMARY_METRICS_NOTE,
  };
}
