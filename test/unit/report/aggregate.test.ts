import { describe, expect, it } from "vitest";
import { buildReport } from "../../../src/report/aggregate";
import type { TouchpointReport } from "../../../src/report/types";
import { armEvents, event, repeat } from "./fixtures";

function onlyTouchpoint(events: Parameters<typeof buildReport>[0], options = {}): TouchpointReport {
  const report = buildReport(events, options);
  const touchpoint = report.surveys[0]?.touchpoints[0];
  if (!touchpoint) throw new Error("no touchpoint in the report");
  return touchpoint;
}

/** 9 promoters, 4 passives, 7 detractors per 20 scores: NPS +10. */
const npsScores = (times: number) =>
  Array.from({ length: times }, () => [...repeat(10, 9), ...repeat(8, 4), ...repeat(3, 7)]).flat();

describe("buildReport counts", () => {
  it("counts distinct visitors shown, answers, dismissals and rates per variant", () => {
    const events = [
      ...armEvents("control", { shown: 10, scores: [10, 9, 9, 7, 2], dismissed: 2 }),
      event({ visitorId: "control-0" }),
    ];
    const arm = onlyTouchpoint(events).arms[0];
    expect(arm).toMatchObject({ variant: "control", impressions: 10, answers: 5, dismissals: 2 });
    expect(arm?.responseRate?.value).toBe(50);
    expect(arm?.dismissRate?.value).toBe(20);
    expect(arm?.score?.value).toBe(40);
    expect(arm?.scoreCounts).toMatchObject({ "0": 0, "2": 1, "7": 1, "9": 2, "10": 1 });
    // Per visitor shown: +1 +1 +1 0 -1 and five non-responders at 0 -> 2 / 10 = 20 points.
    expect(arm?.netPromotersPerExposed?.value).toBeCloseTo(20, 12);
    expect(arm?.netPromotersPerExposed?.n).toBe(10);
  });

  it("counts a repeated event id once", () => {
    const events = armEvents("control", { shown: 10, scores: [10, 3], dismissed: 1 });
    const report = buildReport([...events, ...events.slice(0, 5), ...events.slice(-2)]);
    expect(report.events).toMatchObject({ received: 20, duplicates: 7, counted: 13 });
    expect(report.surveys[0]?.touchpoints[0]?.arms[0]).toMatchObject({
      impressions: 10,
      answers: 2,
      dismissals: 1,
    });
  });

  it("leaves forced previews out of every figure and counts them apart", () => {
    const events = [
      ...armEvents("control", { shown: 4, scores: [10] }),
      ...armEvents("b", { shown: 3, scores: [0, 0, 0], extra: { forced: true } }),
    ];
    const report = buildReport(events);
    expect(report.events.forcedPreviews).toBe(6);
    expect(report.surveys[0]?.touchpoints[0]?.arms.map((a) => a.variant)).toEqual(["control"]);
  });

  it("reports holdout visitors as their own group, not as the control", () => {
    const events = [
      ...armEvents("control", { shown: 10, scores: [10] }),
      ...armEvents("b", { shown: 10 }),
      ...armEvents("control", { shown: 30, scores: [0, 0], extra: { holdout: true } }),
    ];
    const touchpoint = onlyTouchpoint(events);
    expect(touchpoint.arms.map((a) => [a.variant, a.impressions])).toEqual([
      ["control", 10],
      ["b", 10],
    ]);
    expect(touchpoint.holdout).toMatchObject({ variant: "control", impressions: 30, answers: 2 });
    expect(touchpoint.sampleRatio?.observed).toEqual({ control: 10, b: 10 });
  });

  it("splits by survey and touchpoint and computes CSAT and CES scores", () => {
    const events = [
      ...armEvents("control", {
        shown: 4,
        scores: [5, 4, 2],
        extra: { surveyType: "csat", surveyId: "csat" },
      }),
      ...armEvents("control", {
        shown: 3,
        scores: [7, 5],
        extra: { surveyType: "ces", surveyId: "ces" },
      }),
      ...armEvents("control", { shown: 2, extra: { touchpoint: "signup" } }),
      ...armEvents("control", { shown: 2 }),
    ];
    const report = buildReport(events);
    expect(report.surveys.map((s) => [s.surveyId, s.touchpoints.map((t) => t.touchpoint)])).toEqual(
      [
        ["ces", ["order_confirmation"]],
        ["csat", ["order_confirmation"]],
        ["nps-checkout", ["order_confirmation", "signup"]],
      ],
    );
    const ces = report.surveys[0]?.touchpoints[0]?.arms[0];
    expect(ces?.score?.value).toBe(6);
    expect(ces?.netPromotersPerExposed).toBeNull();
    expect(report.surveys[1]?.touchpoints[0]?.arms[0]?.score?.value).toBeCloseTo(200 / 3, 10);
  });

  it("keeps off-scale scores out of the score and counts them", () => {
    const report = buildReport(armEvents("control", { shown: 3, scores: [10, 11, 4.5] }));
    expect(report.events.invalidScores).toBe(2);
    expect(report.surveys[0]?.touchpoints[0]?.arms[0]).toMatchObject({ answers: 3 });
    expect(report.surveys[0]?.touchpoints[0]?.arms[0]?.score?.n).toBe(1);
  });

  it("is plain JSON", () => {
    const report = buildReport([
      ...armEvents("control", { shown: 300, scores: npsScores(6) }),
      ...armEvents("b", { shown: 300, scores: npsScores(5) }),
    ]);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});

describe("buildReport comparisons", () => {
  it("compares against the variant keyed control, whatever order the events came in", () => {
    const touchpoint = onlyTouchpoint([
      ...armEvents("b", { shown: 5 }),
      ...armEvents("control", { shown: 5 }),
    ]);
    expect(touchpoint.control).toBe("control");
    expect(touchpoint.arms.map((a) => a.variant)).toEqual(["control", "b"]);
    const noControl = onlyTouchpoint([
      ...armEvents("x", { shown: 5 }),
      ...armEvents("y", { shown: 5 }),
    ]);
    expect(noControl.control).toBe("x");
    const chosen = onlyTouchpoint(
      [...armEvents("x", { shown: 5 }), ...armEvents("y", { shown: 5 })],
      {
        control: "y",
      },
    );
    expect(chosen.comparisons[0]).toMatchObject({ control: "y", variant: "x" });
  });

  it("names a fixed-horizon winner on response rate, Holm-adjusted over both primary figures", () => {
    const touchpoint = onlyTouchpoint(
      [
        ...armEvents("control", { shown: 1000, scores: npsScores(10) }),
        ...armEvents("b", { shown: 1000, scores: npsScores(13) }),
      ],
      { method: "fixed" },
    );
    const rate = touchpoint.comparisons.find((c) => c.metric === "responseRate");
    // 200 of 1000 against 260 of 1000: unpooled SE = 0.018772, z = 3.1962, p = 0.0013925
    // (reference-values.py); Holm over 2 primary comparisons: p = 0.002785, interval at 97.5%:
    // 6 -+ 2.241403 * 1.8772 = +1.8 to +10.2 points.
    expect(rate).toMatchObject({ variant: "b", control: "control", outcome: "better", family: 2 });
    expect(rate?.difference).toBeCloseTo(6, 10);
    expect(rate?.rawPValue).toBeCloseTo(0.0013925284836974194, 10);
    expect(rate?.pValue).toBeCloseTo(2 * 0.0013925284836974194, 10);
    expect(rate?.level).toBe(0.025);
    expect(touchpoint.comparisons.find((c) => c.metric === "nps")?.outcome).toBe(
      "no clear difference",
    );
    expect(touchpoint.winners).toEqual(["b"]);
    expect(touchpoint.verdicts[0]).toMatch(
      /^variant b beats control: response rate \+6\.0 points, 97\.5% interval \+1\.8 to \+10\.2 \(p = 0\.0028\), better; /,
    );
    expect(touchpoint.verdicts[0]).toContain("NPS 0.0 points");
  });

  it("reads the same data with always-valid confidence sequences by default", () => {
    const touchpoint = onlyTouchpoint([
      ...armEvents("control", { shown: 1000, scores: npsScores(10) }),
      ...armEvents("b", { shown: 1000, scores: npsScores(13) }),
    ]);
    const rate = touchpoint.comparisons.find((c) => c.metric === "responseRate");
    // reference-values.py: always-valid p = 0.042014 at N* = 5000; Holm over 2 -> 0.084.
    expect(rate).toMatchObject({ method: "sequential", outcome: "no clear difference" });
    expect(rate?.rawPValue).toBeCloseTo(0.042014152784385965, 10);
    expect(rate?.pValue).toBeCloseTo(0.08402830556877193, 10);
    expect(touchpoint.winners).toEqual([]);
    expect(touchpoint.summary).toBe(
      "No winner yet: keep the test running and look as often as you like; a winner named here stays true however often you look.",
    );
    expect(touchpoint.methodNote).toMatch(
      /^Method: always-valid 95% confidence sequences \(Waudby-Smith et al\. 2023, as in GrowthBook\), tuned for 5,000 visitors/,
    );
    // With twice the visitors the sequence is narrow enough: a winner, in a marketer's words.
    const more = onlyTouchpoint([
      ...armEvents("control", { shown: 2000, scores: npsScores(20) }),
      ...armEvents("b", { shown: 2000, scores: npsScores(26) }),
    ]);
    expect(more.winners).toEqual(["b"]);
    expect(more.summary).toBe(
      "You can stop now: b gets more answers than control; this stays true however often you look.",
    );
  });

  it("names no winner below the minimum sample and says how far it is", () => {
    const touchpoint = onlyTouchpoint(
      [
        ...armEvents("control", { shown: 150, scores: repeat(10, 43) }),
        ...armEvents("b", { shown: 400, scores: repeat(10, 300) }),
      ],
      { weights: { control: 3, b: 8 } },
    );
    expect(touchpoint.winners).toEqual([]);
    expect(touchpoint.comparisons.every((c) => c.outcome === "not enough data")).toBe(true);
    expect(touchpoint.verdicts[0]).toBe(
      "variant b vs control: not enough visitors shown yet to compare response rate (150 of 200 needed); " +
        "not enough visitors shown yet to compare net promoters per 100 visitors shown (150 of 200 needed); " +
        "not enough visitors shown yet to compare dismiss rate (150 of 200 needed); " +
        "not enough answers yet to compare NPS (43 of 100 needed)",
    );
  });

  it("calls a significantly higher dismiss rate worse, and then names no winner", () => {
    const touchpoint = onlyTouchpoint([
      ...armEvents("control", { shown: 1000, scores: repeat(9, 200), dismissed: 100 }),
      ...armEvents("b", { shown: 1000, scores: repeat(9, 300), dismissed: 300 }),
    ]);
    expect(touchpoint.comparisons.find((c) => c.metric === "responseRate")?.outcome).toBe("better");
    expect(touchpoint.comparisons.find((c) => c.metric === "dismissRate")?.outcome).toBe("worse");
    expect(touchpoint.winners).toEqual([]);
    expect(touchpoint.verdicts[0]).toMatch(
      /^variant b vs control: .*dismiss rate \+20\.0 points.*, worse/,
    );
  });

  it("flags a sample ratio mismatch against the given weights and names no winner", () => {
    const events = [
      ...armEvents("control", { shown: 1000, scores: repeat(9, 200) }),
      ...armEvents("b", { shown: 800, scores: repeat(9, 300) }),
    ];
    const touchpoint = onlyTouchpoint(events, { weights: { control: 50, b: 50 } });
    expect(touchpoint.sampleRatio).toMatchObject({ weights: "given", flagged: true });
    expect(touchpoint.winners).toEqual([]);
    expect(touchpoint.verdicts[0]).toMatch(
      /^sample ratio mismatch: visitors shown control 1,000 \(expected 50%\), b 800/,
    );
    const expected = onlyTouchpoint(events, { weights: { control: 5, b: 4 } });
    expect(expected.sampleRatio?.flagged).toBe(false);
    expect(expected.winners).toEqual(["b"]);
  });
});
