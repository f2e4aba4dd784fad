import type { TouchpointEvent } from "../wire/event";
import { summaryReport } from "./arm";
import { ALPHA, compareArms, MIN_ANSWERS, MIN_IMPRESSIONS, PRIMARY_METRICS } from "./compare";
import { type ArmSummary, type TouchpointSummary, touchpointSummary } from "./counts";
import { decide } from "./decide";
import { DEFAULT_MDE, planning, planStatus } from "./plan";
import { DEFAULT_TUNING_SIZE, mixtureRho } from "./sequential";
import { SRM_ALPHA, sampleRatioCheck } from "./srm";
import { tallyEvents } from "./tally";
import type { EventTotals, Report, ReportOptions, SurveyReport, TouchpointReport } from "./types";
import { findWinners, sampleRatioWarning, variantVerdict } from "./verdict";
import { weightWarnings } from "./weights";
import { methodNote, summaryLine } from "./words";

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

/** Fewest visitors shown in a variant still taking new visitors (weight above 0). */
function fewestShown(arms: readonly ArmSummary[], weights?: Readonly<Record<string, number>>) {
  const active = arms.filter((arm) => weights?.[arm.variant] !== 0);
  return (active.length ? active : arms).reduce(
    (fewest, arm) => Math.min(fewest, arm.impressions),
    Number.POSITIVE_INFINITY,
  );
}

function touchpointReport(tally: TouchpointSummary, options: ReportOptions): TouchpointReport {
  const { experiments } = options;
  const experiment =
    experiments && Object.hasOwn(experiments, tally.surveyId)
      ? experiments[tally.surveyId]
      : undefined;
  const weights = experiment?.weights ?? options.weights;
  const plan = experiment?.plan;
  const method = options.method ?? plan?.method ?? "sequential";
  const control = pickControl(
    tally.arms.map((arm) => arm.variant),
    experiment?.control ?? options.control,
  );
  const arms = [...tally.arms].sort(
    (a, b) => Number(b.variant === control) - Number(a.variant === control),
  );
  const [controlArm, ...variants] = arms;
  const tuningSize = plan?.visitorsPerVariant ? 2 * plan.visitorsPerVariant : DEFAULT_TUNING_SIZE;
  const raw = controlArm
    ? variants.flatMap((arm) => compareArms(controlArm, arm, tally.surveyType))
    : [];
  const comparisons = decide(raw, { method, alpha: ALPHA, rho: mixtureRho(ALPHA, tuningSize) });
  const observed = Object.fromEntries(arms.map((arm) => [arm.variant, arm.impressions]));
  const sampleRatio = sampleRatioCheck(observed, weights);
  const have = arms.length ? fewestShown(arms, weights) : 0;
  const status =
    plan && (plan.visitorsPerVariant !== undefined || plan.end !== undefined)
      ? planStatus(plan, have, options.now ?? Date.now())
      : null;
  const early = method === "fixed" && status !== null && !status.reached;
  const winners = sampleRatio?.flagged || early ? [] : findWinners(comparisons);
  // --weights apply to every touchpoint: say nothing where no experiment runs.
  const tested = experiment !== undefined || tally.arms.length > 1;
  const warnings = tested
    ? weightWarnings(
        tally.arms.map((arm) => arm.variant),
        weights,
      )
    : [];
  if (early && status) {
    warnings.unshift(
      `read early (${status.message}): a fixed-horizon test read before its plan names false winners far more often than 5%, so no winner is named`,
    );
  }
  const verdicts = variants.map((arm) =>
    variantVerdict(arm.variant, comparisons, winners.includes(arm.variant)),
  );
  if (sampleRatio?.flagged) verdicts.unshift(sampleRatioWarning(sampleRatio));
  const family = comparisons.filter((c) => PRIMARY_METRICS.has(c.metric)).length;
  const { daily } = tally;
  const baseline =
    controlArm && controlArm.impressions > 0
      ? (100 * controlArm.responders) / controlArm.impressions
      : null;
  return {
    touchpoint: tally.touchpoint,
    method,
    methodNote: methodNote(method, family, tuningSize),
    summary: summaryLine({
      method,
      control,
      winners,
      comparisons,
      mismatch: sampleRatio?.flagged === true,
      plan: status,
    }),
    warnings,
    plan: status,
    planning:
      baseline !== null && variants.length > 0
        ? planning(baseline, options.mde ?? DEFAULT_MDE, have, daily, method, ALPHA, family)
        : null,
    control,
    arms: arms.map((arm) => summaryReport(arm, tally.surveyType)),
    holdout: tally.holdout ? summaryReport(tally.holdout, tally.surveyType) : null,
    comparisons,
    sampleRatio,
    winners,
    verdicts,
  };
}

/**
 * Builds the report: per site key, survey, touchpoint and variant, the visitors shown, answers,
 * dismissals, rates and scores with 95% intervals, each variant compared with the control (by
 * default with always-valid confidence sequences, Holm-adjusted across comparisons), a sequential
 * sample ratio check, and planning figures. Repeated event ids count once; forced previews are
 * left out; holdout events form their own group. The result is plain JSON.
 *
 * @example formatReport(buildReport(events, { weights: { control: 50, b: 50 } }))
 */
export function buildReport(
  events: Iterable<TouchpointEvent>,
  options: ReportOptions = {},
): Report {
  const { touchpoints, totals } = tallyEvents(events);
  return reportFromCounts(touchpoints.map(touchpointSummary), totals, options);
}

/**
 * {@link buildReport} from counts already tallied, e.g. kept by a collector's database: the same
 * figures, in memory that does not grow with the number of events.
 */
export function reportFromCounts(
  summaries: readonly TouchpointSummary[],
  totals: EventTotals,
  options: ReportOptions = {},
): Report {
  const touchpoints = [...summaries];
  touchpoints.sort(
    (a, b) =>
      byText(a.siteKey, b.siteKey) ||
      byText(a.surveyId, b.surveyId) ||
      byText(a.surveyType, b.surveyType) ||
      byText(a.touchpoint, b.touchpoint),
  );
  const surveys: SurveyReport[] = [];
  for (const tally of touchpoints) {
    let survey = surveys.at(-1);
    if (
      survey?.siteKey !== tally.siteKey ||
      survey.surveyId !== tally.surveyId ||
      survey.surveyType !== tally.surveyType
    ) {
      const { siteKey, surveyId, surveyType } = tally;
      survey = { siteKey, surveyId, surveyType, touchpoints: [] };
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
      method: options.method ?? "sequential",
    },
    note: PRIMARY_METRICS_NOTE,
  };
}
