// @vitest-environment node
import { describe, expect, it } from "vitest";
import { extent, labelledIndexes, ticks } from "../../../dashboard/components/chart";
import { ago, intervalText, scoreValue, stageName } from "../../../dashboard/format";
import {
  headlineOf,
  lowPointOf,
  scoreOf,
  splitOf,
  stagesOf,
  totalsOf,
} from "../../../dashboard/model";
import { buildReport } from "../../../src/report/aggregate";
import type { ArmReport } from "../../../src/report/types";
import type { TouchpointEvent } from "../../../src/wire/event";

let n = 0;
function event(overrides: Partial<TouchpointEvent>): TouchpointEvent {
  n += 1;
  return {
    id: `event-${String(n).padStart(4, "0")}`,
    kind: "impression",
    siteKey: "shop",
    surveyId: "nps-order",
    surveyType: "nps",
    touchpoint: "order_confirmation",
    variant: "control",
    createdAt: "2024-05-01T10:00:00.000Z",
    visitorId: `v${n}`,
    sessionId: "s",
    url: "https://shop.example/",
    locale: "en",
    sdkVersion: "0.1.0",
    ...overrides,
  };
}

/** Visitors shown a survey; the first ones answer with `scores`, the next `dismiss` dismiss. */
function survey(base: Partial<TouchpointEvent>, shown: number, scores: number[], dismiss = 0) {
  const events: TouchpointEvent[] = [];
  for (let i = 0; i < shown; i++) {
    const visitorId = `${base.surveyId}-${base.variant ?? "control"}-${i}`;
    events.push(event({ ...base, visitorId }));
    const score = scores[i];
    if (score !== undefined) events.push(event({ ...base, visitorId, kind: "answer", score }));
    else if (i < scores.length + dismiss)
      events.push(event({ ...base, visitorId, kind: "dismissal" }));
  }
  return events;
}

const report = buildReport([
  ...survey({ surveyId: "nps-order", variant: "control" }, 10, [10, 9, 8, 3], 2),
  ...survey({ surveyId: "nps-order", variant: "benefit" }, 10, [10, 10, 9, 7, 2], 1),
  ...survey({ surveyId: "csat-cart", surveyType: "csat", touchpoint: "cart" }, 8, [1, 2, 2, 4], 4),
  ...survey({ surveyId: "ces-help", surveyType: "ces", touchpoint: "help" }, 4, [7, 5]),
]);

describe("dashboard model", () => {
  it("orders stages as the journey lists them, the rest alphabetically", () => {
    const stages = stagesOf(report, ["cart", "order_confirmation"]);
    expect(stages.map((s) => s.touchpoint)).toEqual(["cart", "order_confirmation", "help"]);
    expect(stagesOf(report, []).map((s) => s.touchpoint)).toEqual([
      "cart",
      "help",
      "order_confirmation",
    ]);
  });

  it("adds the arms of an A/B test into one stage with the report's estimators", () => {
    const order = stagesOf(report, []).find((s) => s.surveyId === "nps-order");
    expect(order?.totals).toMatchObject({
      impressions: 20,
      answers: 9,
      dismissals: 3,
      responders: 9,
      dismissers: 3,
      split: { low: 2, middle: 2, high: 5 },
    });
    expect(order?.totals.responseRate?.value).toBeCloseTo(45);
    expect(order?.totals.score?.value).toBeCloseTo((100 * (5 - 2)) / 9);
    const control = order?.report.arms[0] as ArmReport;
    expect(totalsOf("nps", [control]).score?.value).toBe(control.score?.value);
  });

  it("scores every scale from a histogram", () => {
    expect(scoreOf("csat", { 1: 1, 4: 2, 5: 1 })?.value).toBe(75);
    expect(scoreOf("ces", { 5: 1, 7: 1 })).toMatchObject({ value: 6, n: 2 });
    expect(scoreOf("nps", {})).toBeNull();
    expect(splitOf("ces", { 3: 2, 4: 1, 5: 3 })).toEqual({ low: 2, middle: 1, high: 3 });
  });

  it("sums the headline over every stage", () => {
    const headline = headlineOf(stagesOf(report, []));
    expect(headline.impressions).toBe(32);
    expect(headline.answers).toBe(15);
    expect(headline.responseRate?.value).toBeCloseTo((100 * 15) / 32);
    expect(headline.csat?.value).toBe(25);
  });

  it("names the stage with the largest share of unhappy answers, given enough answers", () => {
    const stages = stagesOf(report, []);
    expect(lowPointOf(stages)).toBeUndefined();
    const many = stages.map((s) => ({
      ...s,
      totals: { ...s.totals, split: { low: s.totals.split.low * 10, middle: 10, high: 10 } },
    }));
    expect(lowPointOf(many)?.touchpoint).toBe("cart");
  });
});

describe("dashboard formatting and chart helpers", () => {
  it("writes scores in their own units", () => {
    expect(stageName("order_confirmation")).toBe("Order confirmation");
    expect(scoreValue("nps", 23.6)).toBe("+24");
    expect(scoreValue("csat", 57.8)).toBe("58%");
    expect(scoreValue("ces", 4.371)).toBe("4.37");
    expect(intervalText("nps", { value: 20, low: -3, high: 41, n: 80 })).toBe(
      "95% interval -3 to +41",
    );
    expect(intervalText("nps", { value: 100, low: null, high: null, n: 1 })).toBe("");
    expect(ago("2024-05-01T10:00:00Z", Date.parse("2024-05-01T10:03:10Z"))).toBe("3 minutes ago");
  });

  it("picks readable axes", () => {
    expect(extent([12, 31], 10, 40, [-100, 100])).toEqual([0, 40]);
    expect(extent([-95, 99], 10, 40, [-100, 100])).toEqual([-100, 100]);
    expect(extent([], 10, 40, [0, 100])).toEqual([0, 100]);
    expect(ticks([0, 40], 4)).toEqual([0, 10, 20, 30, 40]);
    expect([...labelledIndexes(20, 8)].sort((a, b) => a - b)).toEqual([1, 4, 7, 10, 13, 16, 19]);
  });
});
