import type { SurveyType } from "../wire/event";
import type { ArmCounts } from "./counts";
import type { Moments } from "./mean";
import { type DifferenceEstimate, meanDifference, proportionDifference } from "./significance";
import type { Comparison, MetricKey, RawComparison } from "./types";

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
  /** Largest possible size of the difference, in the reported unit (intervals are clamped to it). */
  range: number;
  /** False for dismiss rate, where lower is better. CES is read as 7 = easiest. */
  higherIsBetter: boolean;
  run: (control: ArmCounts, variant: ArmCounts) => DifferenceEstimate | null;
}

function rateTest(visitors: (arm: ArmCounts) => number) {
  return (control: ArmCounts, variant: ArmCounts) =>
    proportionDifference(
      visitors(control),
      control.impressions,
      visitors(variant),
      variant.impressions,
    );
}

function meanTest(values: (arm: ArmCounts) => Moments) {
  return (control: ArmCounts, variant: ArmCounts) =>
    meanDifference(values(control), values(variant));
}

const RESPONSE_RATE: MetricSpec = {
  metric: "responseRate",
  label: "response rate",
  test: "two-proportion z",
  basis: "impressions",
  scale: 100,
  range: 100,
  higherIsBetter: true,
  run: rateTest((arm) => arm.responders),
};
const DISMISS_RATE: MetricSpec = {
  ...RESPONSE_RATE,
  metric: "dismissRate",
  label: "dismiss rate",
  higherIsBetter: false,
  run: rateTest((arm) => arm.dismissers),
};
const NET_PROMOTERS: MetricSpec = {
  metric: "netPromotersPerExposed",
  label: "net promoters per 100 visitors shown",
  test: "Welch t",
  basis: "impressions",
  scale: 100,
  range: 200,
  higherIsBetter: true,
  run: meanTest((arm) => arm.netPromoters),
};
const NPS: MetricSpec = {
  ...NET_PROMOTERS,
  metric: "nps",
  label: "NPS",
  basis: "answers",
  run: meanTest((arm) => arm.npsAnswers),
};
const CSAT: MetricSpec = {
  ...RESPONSE_RATE,
  metric: "csat",
  label: "CSAT",
  basis: "answers",
  run: (control, variant) =>
    proportionDifference(control.satisfied, control.scores.n, variant.satisfied, variant.scores.n),
};
const CES: MetricSpec = {
  ...NPS,
  metric: "ces",
  label: "CES",
  scale: 1,
  range: 6,
  run: meanTest((arm) => arm.scores),
};

/** Figures compared for each survey type, primary ones first. */
const METRICS: Readonly<Record<SurveyType, readonly MetricSpec[]>> = {
  nps: [RESPONSE_RATE, NET_PROMOTERS, DISMISS_RATE, NPS],
  csat: [RESPONSE_RATE, DISMISS_RATE, CSAT],
  ces: [RESPONSE_RATE, DISMISS_RATE, CES],
};

function sampleSize(arm: ArmCounts, basis: Comparison["basis"]): number {
  return basis === "impressions" ? arm.impressions : arm.scores.n;
}

/**
 * Measures one variant against the control on every figure of the survey type: differences of
 * proportions for rates and the CSAT share, of means for CES, net promoters per exposed visitor
 * and NPS (per answer +1 / 0 / -1), each with its unpooled standard error. Differences are variant
 * minus control; `decide` turns them into verdicts.
 */
export function compareArms(
  control: ArmCounts,
  variant: ArmCounts,
  surveyType: SurveyType,
): RawComparison[] {
  return METRICS[surveyType].map((spec) => ({
    metric: spec.metric,
    label: spec.label,
    variant: variant.variant,
    control: control.variant,
    test: spec.test,
    basis: spec.basis,
    scale: spec.scale,
    range: spec.range,
    higherIsBetter: spec.higherIsBetter,
    have: Math.min(sampleSize(control, spec.basis), sampleSize(variant, spec.basis)),
    needed: spec.basis === "impressions" ? MIN_IMPRESSIONS : MIN_ANSWERS,
    estimate: spec.run(control, variant),
  }));
}
