import { describe, expect, it } from "vitest";
import { validate } from "../../../src/config/validate";
import { buildReport } from "../../../src/report/aggregate";
import { experimentsFromConfig } from "../../../src/report/experiments";
import { formatReport } from "../../../src/report/format";
import type { Report, ReportOptions, TouchpointReport } from "../../../src/report/types";
import { armEvents, event, repeat } from "./fixtures";

function onlyTouchpoint(report: Report): TouchpointReport {
  const touchpoint = report.surveys[0]?.touchpoints[0];
  if (!touchpoint) throw new Error("no touchpoint in the report");
  return touchpoint;
}

/** A CSAT arm: `shown` visitors, `answered` of them answer 5. */
const csatArm = (variant: string, shown: number, answered: number, extra = {}) =>
  armEvents(variant, {
    shown,
    scores: repeat(5, answered),
    extra: { surveyType: "csat", ...extra },
  });

describe("a variant paused at weight 0", () => {
  it("keeps the given weights for the others and its past visitors in the figures", () => {
    const events = [
      ...csatArm("control", 3000, 600),
      ...csatArm("b", 3000, 900),
      ...csatArm("c", 1200, 240),
    ];
    const touchpoint = onlyTouchpoint(
      buildReport(events, { weights: { control: 50, b: 50, c: 0 } }),
    );
    // Before: weight 0 dropped the weights, 3000/3000/1200 was tested against equal shares, a
    // sample ratio mismatch was flagged and every winner blocked.
    expect(touchpoint.sampleRatio).toMatchObject({
      weights: "given",
      flagged: false,
      paused: ["c"],
      observed: { control: 3000, b: 3000 },
    });
    expect(touchpoint.arms.find((a) => a.variant === "c")?.impressions).toBe(1200);
    expect(touchpoint.winners).toEqual(["b"]);
    expect(touchpoint.comparisons.filter((c) => c.variant === "c").length).toBeGreaterThan(0);
    expect(touchpoint.warnings).toEqual([]);
  });
});

describe("variant keys the weights do not match", () => {
  it("warns, naming a key only in the events and a key only in the weights", () => {
    const events = [
      ...csatArm("control", 300, 60),
      ...csatArm("contrl", 20, 4),
      ...csatArm("b", 300, 60),
    ];
    const touchpoint = onlyTouchpoint(
      buildReport(events, { weights: { control: 50, b: 40, benefti: 10 } }),
    );
    expect(touchpoint.warnings).toEqual([
      'variant "contrl" is in the events but not in the weights ("control", "b", "benefti"): check for a typo; it is left out of the sample ratio check',
      'the weights name variant "benefti", which no event here has (variants seen: "control", "contrl", "b")',
    ]);
    const text = formatReport(buildReport(events, { weights: { control: 50, b: 50, benefti: 0 } }));
    expect(text).toContain('Warning: variant "contrl" is in the events but not in the weights');
    expect(text).toContain('Warning: the weights name variant "benefti", which no event here has');
  });
});

describe("the same survey id under two site keys", () => {
  it("is reported once per site key, and the text says which", () => {
    const events = [
      ...armEvents("control", { shown: 10, scores: [10], extra: { siteKey: "shop" } }),
      ...armEvents("control", { shown: 5, scores: [0, 0], extra: { siteKey: "blog" } }),
    ];
    const report = buildReport(events);
    expect(
      report.surveys.map((s) => [s.siteKey, s.surveyId, s.touchpoints[0]?.arms[0]?.impressions]),
    ).toEqual([
      ["blog", "nps-checkout", 5],
      ["shop", "nps-checkout", 10],
    ]);
    const text = formatReport(report);
    expect(text).toContain("## nps-checkout (NPS) at order_confirmation, site blog");
    expect(text).toContain("## nps-checkout (NPS) at order_confirmation, site shop");
  });
});

describe("intervals stay inside what the figure can be", () => {
  it("keeps a single promoter's NPS of 100 inside its interval", () => {
    const arm = onlyTouchpoint(buildReport(armEvents("control", { shown: 1, scores: [10] })))
      .arms[0];
    expect(arm?.score?.value).toBe(100);
    expect(arm?.score?.low).toBeCloseTo(-48.5, 1);
    expect(arm?.score?.high).toBe(100);
  });

  it("clamps net promoters per visitor shown to -100..100 and CES to 1..7", () => {
    const nps = onlyTouchpoint(buildReport(armEvents("control", { shown: 3, scores: [10, 10, 9] })))
      .arms[0];
    expect(nps?.netPromotersPerExposed).toMatchObject({ value: 100, low: 100, high: 100 });
    const mostly = onlyTouchpoint(buildReport(armEvents("control", { shown: 3, scores: [10, 10] })))
      .arms[0];
    expect(mostly?.netPromotersPerExposed?.high).toBe(100);
    expect(mostly?.netPromotersPerExposed?.low).toBeGreaterThanOrEqual(-100);
    const ces = onlyTouchpoint(
      buildReport(
        armEvents("control", { shown: 3, scores: [7, 7, 6], extra: { surveyType: "ces" } }),
      ),
    ).arms[0];
    expect(ces?.score?.high).toBe(7);
  });

  it("clamps differences: a rate difference never passes 100 points", () => {
    const touchpoint = onlyTouchpoint(
      buildReport([...csatArm("control", 3, 0), ...csatArm("b", 3, 3)]),
    );
    const rate = touchpoint.comparisons.find((c) => c.metric === "responseRate");
    expect(rate?.low).toBeGreaterThanOrEqual(-100);
    expect(rate?.high).toBeLessThanOrEqual(100);
  });
});

describe("interval and p-value come from the same test", () => {
  it("agree on every comparison of many random experiments, both methods", () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    let checked = 0;
    for (let run = 0; run < 25; run++) {
      const n = 200 + Math.floor(random() * 800);
      const events = ["control", "b", "c"].flatMap((variant) => {
        const answered = Math.floor(n * (0.15 + 0.1 * random()));
        const scores = Array.from({ length: answered }, () => Math.floor(random() * 11));
        return armEvents(variant, { shown: n, scores, dismissed: Math.floor(n * 0.1 * random()) });
      });
      for (const method of ["sequential", "fixed"] as const) {
        for (const c of onlyTouchpoint(buildReport(events, { method })).comparisons) {
          if (c.pValue === null || c.low === null || c.high === null) continue;
          expect(c.pValue < 0.05, `${c.metric} ${c.low}..${c.high} p ${c.pValue}`).toBe(
            c.low > 0 || c.high < 0,
          );
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(250);
  });
});

describe("fixed-horizon plans", () => {
  const events = [...csatArm("control", 1000, 200), ...csatArm("b", 1000, 300)];
  const plan = (p: object): ReportOptions => ({
    experiments: { "nps-checkout": { weights: { control: 1, b: 1 }, control: "control", plan: p } },
  });

  it("says do not decide yet, and names no winner, when read before the plan", () => {
    const touchpoint = onlyTouchpoint(
      buildReport(events, plan({ visitorsPerVariant: 2000, method: "fixed" })),
    );
    expect(touchpoint.method).toBe("fixed");
    expect(touchpoint.plan).toMatchObject({
      reached: false,
      have: 1000,
      message: "1,000 of 2,000 visitors: do not decide yet",
    });
    expect(touchpoint.winners).toEqual([]);
    expect(touchpoint.warnings[0]).toMatch(
      /^read early \(1,000 of 2,000 visitors: do not decide yet\)/,
    );
    expect(touchpoint.summary).toBe(
      "1,000 of 2,000 visitors: do not decide yet: a fixed-horizon verdict read before its plan is reached is not valid.",
    );
  });

  it("says plan reached: read now, once the visitors are in or the end date has passed", () => {
    const reached = onlyTouchpoint(
      buildReport(events, plan({ visitorsPerVariant: 1000, method: "fixed" })),
    );
    expect(reached.plan?.message).toBe("plan reached: read now");
    expect(reached.winners).toEqual(["b"]);
    expect(reached.summary).toBe(
      "Plan reached: read now. Verdict: b gets more answers than control.",
    );
    const byDate = (now: number) =>
      onlyTouchpoint(buildReport(events, { ...plan({ end: "2025-03-10", method: "fixed" }), now }));
    expect(byDate(Date.parse("2025-03-05")).plan?.message).toBe(
      "plan ends 2025-03-10: do not decide yet",
    );
    expect(byDate(Date.parse("2025-03-11")).plan?.reached).toBe(true);
  });

  it("tunes the sequential method to the planned size when the method is not fixed", () => {
    const touchpoint = onlyTouchpoint(buildReport(events, plan({ visitorsPerVariant: 4000 })));
    expect(touchpoint.method).toBe("sequential");
    expect(touchpoint.methodNote).toContain("tuned for 8,000 visitors per comparison");
    expect(touchpoint.plan?.message).toBe("1,000 of 4,000 visitors: do not decide yet");
  });

  it("lets --fixed (options.method) override a plan's method", () => {
    const touchpoint = onlyTouchpoint(
      buildReport(events, { ...plan({ visitorsPerVariant: 1000 }), method: "fixed" }),
    );
    expect(touchpoint.method).toBe("fixed");
  });
});

describe("planning", () => {
  it("gives visitors per variant for the MDE and days from the last week of traffic", () => {
    // 14 days, 20 visitors a day in each arm; the control answers 20%.
    const events = ["control", "b"].flatMap((variant) =>
      Array.from({ length: 280 }, (_, i) => {
        const day = String(1 + Math.floor(i / 20)).padStart(2, "0");
        const visitorId = `${variant}-${i}`;
        const base = {
          variant,
          visitorId,
          surveyType: "csat" as const,
          createdAt: `2025-03-${day}T10:00:00.000Z`,
        };
        return i % 5 === 0
          ? [event(base), event({ ...base, kind: "answer", score: 5 })]
          : [event(base)];
      }).flat(),
    );
    const touchpoint = onlyTouchpoint(buildReport(events, { mde: 5, method: "fixed" }));
    // Fixed, one primary comparison: (1.959964 + 0.841621)^2 * (0.16 + 0.1875) / 0.05^2 = 1090.99 (python3 statistics.NormalDist).
    expect(touchpoint.planning).toMatchObject({ mde: 5, baseline: 20, visitorsPerVariant: 1091 });
    // Last 7 days: days 8-14 plus the edge of day 7 (> last - 7 days) = 140 per arm over 7 days.
    expect(touchpoint.planning?.dailyPerVariant).toBeCloseTo(20, 6);
    expect(touchpoint.planning?.daysLeft).toBe(Math.ceil((1091 - 280) / 20));
    const sequential = onlyTouchpoint(buildReport(events, { mde: 5 }));
    // Sequential at its tuning size: multiplier 3.0352 at alpha 0.05 instead of 1.96.
    expect(sequential.planning?.visitorsPerVariant).toBe(
      Math.ceil(((3.035204 + 0.841621) ** 2 * 0.3475) / 0.0025),
    );
  });
});

describe("experiment.plan in the config", () => {
  const survey = (plan: unknown) => ({
    id: "nps-order",
    type: "nps",
    touchpoint: "order",
    copy: { question: "How likely?" },
    trigger: { on: "manual" },
    variants: [
      { key: "control", weight: 1 },
      { key: "b", weight: 1 },
    ],
    experiment: { plan },
  });

  it("is validated with the path, the expectation and the value found", () => {
    const problems = validate({
      collector: "https://c.example/v1/events",
      surveys: [survey({ visitorsPerVariant: "lots", method: "bayes" })],
    });
    expect(problems.map((p) => p.message)).toEqual([
      'surveys[0].experiment.plan.visitorsPerVariant: expected a whole number from 1 to 1000000000, got "lots"',
      'surveys[0].experiment.plan.method: expected one of "sequential", "fixed", got "bayes"',
    ]);
    expect(
      validate({
        collector: "https://c.example/v1/events",
        surveys: [survey({ visitorsPerVariant: 2000, end: "2026-12-31", method: "fixed" })],
      }),
    ).toEqual([]);
  });

  it("reaches the report through experimentsFromConfig", () => {
    const { experiments, problems } = experimentsFromConfig({
      surveys: [survey({ visitorsPerVariant: 2000, method: "fixed" })],
    });
    expect(problems).toEqual([]);
    expect(experiments["nps-order"]).toEqual({
      weights: { control: 1, b: 1 },
      control: "control",
      plan: { visitorsPerVariant: 2000, method: "fixed" },
    });
    expect(experimentsFromConfig({ surveys: [survey({ end: "soon" })] }).problems).toEqual([
      'surveys[0].experiment.plan.end: expected an ISO 8601 date, got "soon"',
    ]);
  });
});
