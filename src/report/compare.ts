import type { SurveyType } from "../outbox/event";
import { answersFrom, netPromoterMoments, scoredAnswers, scoreMoments } from "./arm";
import { CSAT_SATISFIED_MIN } from "./csat";
import type { Moments } from "./mean";
import { type TestResult, twoProportionTest, welchTest } from "./significance";
import type { ArmCounts } from "./tally";
import type { Comparison, MetricKey, Outcome } from "./types";

/** Answers each arm needs before a score comparison (NPS, CSAT, CES) may name a winner. */
export const MIN_ANSWERS = 100;
/** Impressions each arm needs before a rate or per-exposed comparison may name a winner. */
export const MIN_IMPRESSIONS = 200;
/** Two-sided significance level for naming a winner. */
export const ALPHA = 0.05;
/** The figures that count every visitor shown the prompt, not only those who chose to answer. */
export const PRIMARY_METRICS: ReadonlySet<MetricKey> = new Set([
  "responseRate",
  "netPromotersPerExposed",
]);

interface MetricSpec {
  metric: MetricKey;
  label: string;
  test: Comparison["test"];
  basis: Comparison["basis"];
  /** Multiplies the raw difference into the reported unit (100 for percent and points). */
  scale: number;
  /** False for dismiss rate, where lower is better. CES is read as 7 = easiest. */
  higherIsBetter: boolean;
  run: (control: ArmCounts, variant: ArmCounts) => TestResult | null;
}

function rateTest(visitors: (arm: ArmCounts) => number) {
  return (control: ArmCounts, variant: ArmCounts) =>
    twoProportionTest(
      visitors(control),
      control.impressions,
      visitors(variant),
      variant.impressions,
    );
}

function meanTest(values: (arm: ArmCounts) => Moments) {
  return (control: ArmCounts, variant: ArmCounts) => welchTest(values(control), values(variant));
}

const satisfiedCount = (arm: ArmCounts) => answersFrom(arm, CSAT_SATISFIED_MIN);

const RESPONSE_RATE: MetricSpec = {
  metric: "responseRate",
  label: "response rate",
  test: "two-proportion z",
  basis: "impressions",
  scale: 100,
  higherIsBetter: true,
  run: rateTest((arm) => arm.respondersShown),
};
const DISMISS_RATE: MetricSpec = {
  ...RESPONSE_RATE,
  metric: "dismissRate",
  label: "dismiss rate",
  higherIsBetter: false,
  run: rateTest((arm) => arm.dismissersShown),
};
const NET_PROMOTERS: MetricSpec = {
  metric: "netPromotersPerExposed",
  label: "net promoters per 100 visitors shown",
  test: "Welch t",
  basis: "impressions",
  scale: 100,
  higherIsBetter: true,
  run: meanTest(netPromoterMoments),
};
const NPS: MetricSpec = {
  ...NET_PROMOTERS,
  metric: "nps",
  label: "NPS",
  basis: "answers",
  run: meanTest((arm) => scoreMoments(arm, true)),
};
const CSAT: MetricSpec = {
  ...RESPONSE_RATE,
  metric: "csat",
  label: "CSAT",
  basis: "answers",
  run: (control, variant) =>
    twoProportionTest(
      satisfiedCount(control),
      scoredAnswers(control),
      satisfiedCount(variant),
      scoredAnswers(variant),
    ),
};
const CES: MetricSpec = {
  ...NPS,
  metric: "ces",
  label: "CES",
  scale: 1,
  run: meanTest((arm) => scoreMoments(arm, false)),
};

/** Figures compared for each survey type, primary ones first. */
const METRICS: Readonly<Record<SurveyType, readonly MetricSpec[]>> = {
  nps: [RESPONSE_RATE, NET_PROMOTERS, DISMISS_RATE, NPS],
  csat: [RESPONSE_RATE, DISMISS_RATE, CSAT],
  ces: [RESPONSE_RATE, DISMISS_RATE, CES],
};

function sampleSize(arm: ArmCounts, basis: Comparison["basis"]): number {
  return basis === "impressions" ? arm.impressions : scoredAnswers(arm);
}

function outcomeOf(spec: MetricSpec, result: TestResult | null, enough: boolean): Outcome {
  if (!result || !enough) return "not enough data";
  if (!(result.pValue < ALPHA) || result.difference === 0) return "no clear difference";
  return result.difference > 0 === spec.higherIsBetter ? "better" : "worse";
}

/**
 * Compares one variant with the control on every figure of the survey type: two-proportion
 * z-tests for rates and the CSAT share, Welch t-tests for CES, net promoters per exposed visitor
 * and NPS (per answer +1 / 0 / -1). Differences are variant minus control.
 */
export function compareArms(
  control: ArmCounts,
  variant: ArmCounts,
  surveyType: SurveyType,
): Comparison[] {
  return METRICS[surveyType].map((spec) => {
    const result = spec.run(control, variant);
    const needed = spec.basis === "impressions" ? MIN_IMPRESSIONS : MIN_ANSWERS;
    const have = Math.min(sampleSize(control, spec.basis), sampleSize(variant, spec.basis));
    return {
      metric: spec.metric,
      label: spec.label,
      variant: variant.variant,
      control: control.variant,
      test: spec.test,
      difference: result ? spec.scale * result.difference : null,
      low: result ? spec.scale * result.low : null,
      high: result ? spec.scale * result.high : null,
      pValue: result ? result.pValue : null,
      basis: spec.basis,
      have,
      needed,
      outcome: outcomeOf(spec, result, have >= needed),
    };
  });
}
