// @vitest-environment node
// Variant-vs-control figures of the fixed-horizon report against values computed independently
// (scipy.stats.ttest_ind(..., equal_var=False) for the Welch tests, by hand for the z-test).
// The always-valid figures are checked in test/unit/report/sequential.test.ts.
import { describe, expect, it } from "vitest";
import { buildReport } from "../../../src/report/aggregate";
import type { Comparison } from "../../../src/report/types";
import type { SurveyType } from "../../../src/wire/event";
import { armEvents, repeat } from "./fixtures";

function comparisons(
  surveyType: SurveyType,
  control: { shown: number; scores: number[] },
  variant: { shown: number; scores: number[] },
): Map<string, Comparison> {
  const events = [
    ...armEvents("control", { ...control, extra: { surveyType } }),
    ...armEvents("b", { ...variant, extra: { surveyType } }),
  ];
  const touchpoint = buildReport(events, { method: "fixed" }).surveys[0]?.touchpoints[0];
  return new Map(touchpoint?.comparisons.map((c) => [c.metric, c]));
}

function expectFigures(c: Comparison | undefined, [difference, low, high, p]: number[]): void {
  expect(c?.difference).toBeCloseTo(difference ?? Number.NaN, 3);
  expect(c?.low).toBeCloseTo(low ?? Number.NaN, 3);
  expect(c?.high).toBeCloseTo(high ?? Number.NaN, 3);
  expect(c?.pValue).toBeCloseTo(p ?? Number.NaN, 4);
}

describe("variant vs control", () => {
  it("compares NPS per answer (+1/0/-1) and net promoters per visitor shown with Welch tests", () => {
    // Control: 50 promoters, 20 detractors, 30 passives of 400 shown; b: 60, 10, 30 of 400.
    const figures = comparisons(
      "nps",
      { shown: 400, scores: [...repeat(9, 50), ...repeat(0, 20), ...repeat(7, 30)] },
      { shown: 400, scores: [...repeat(10, 60), ...repeat(6, 10), ...repeat(8, 30)] },
    );
    // NPS 30 -> 50: t = 1.93283, df = 193.59.
    expectFigures(figures.get("nps"), [20, -0.40831, 40.40831, 0.054716]);
    expect(figures.get("nps")).toMatchObject({ test: "Welch t", outcome: "no clear difference" });
    // Per visitor shown, non-responders count 0: 7.5 -> 12.5 per 100, t = 1.74190, df = 797.26,
    // p = 0.081911. It shares alpha with response rate (Holm): p x 2, interval at 97.5%, wider
    // than the 95% one (-0.63449 to 10.63449).
    const perShown = figures.get("netPromotersPerExposed");
    expect(perShown?.difference).toBeCloseTo(5, 6);
    expect(perShown?.rawPValue).toBeCloseTo(0.081911, 4);
    expect(perShown?.pValue).toBeCloseTo(2 * (perShown?.rawPValue ?? 0), 12);
    expect(perShown).toMatchObject({ level: 0.025, family: 2 });
    expect(perShown?.low).toBeLessThan(-0.63449);
    expect(perShown?.high).toBeGreaterThan(10.63449);
    // The same 100 answers of 400 shown in both arms.
    expect(figures.get("responseRate")).toMatchObject({ difference: 0, pValue: 1 });
  });

  it("compares CES means with a Welch test", () => {
    const figures = comparisons(
      "ces",
      {
        shown: 200,
        scores: [...repeat(5, 30), ...repeat(6, 40), ...repeat(7, 30), ...repeat(3, 20)],
      },
      { shown: 200, scores: [...repeat(6, 40), ...repeat(7, 50), ...repeat(4, 30)] },
    );
    // 5.5 -> 5.9167: t = 2.55704, df = 235.27.
    expectFigures(figures.get("ces"), [0.41667, 0.095642, 0.737692, 0.011186]);
    expect(figures.get("ces")?.outcome).toBe("better");
  });

  it("compares the CSAT share of 4-5 with a two-proportion z-test", () => {
    const figures = comparisons(
      "csat",
      { shown: 200, scores: [...repeat(5, 60), ...repeat(2, 60)] },
      { shown: 200, scores: [...repeat(4, 84), ...repeat(1, 36)] },
    );
    // 60/120 -> 84/120. Unpooled SE = sqrt((0.25 + 0.21)/120) = 0.0619139, so 20 -+ 12.135
    // points, and z = 3.23029, p = 0.0012366 from the same SE (the pooled one gave 0.0015654).
    expectFigures(figures.get("csat"), [20, 7.8651, 32.1349, 0.0012366]);
    expect(figures.get("csat")).toMatchObject({ test: "two-proportion z", outcome: "better" });
  });
});
