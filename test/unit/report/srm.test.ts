import { describe, expect, it } from "vitest";
import { logBayesFactor, sampleRatioCheck } from "../../../src/report/srm";

// Reference values: test/unit/report/reference-values.py (python3, math.lgamma, written from
// Lindon and Malek 2022's Dirichlet-multinomial Bayes factor with prior 100 x shares).
describe("logBayesFactor (Lindon and Malek 2022)", () => {
  it("matches values computed independently from the published formula", () => {
    expect(logBayesFactor([5150, 4850], [0.5, 0.5])).toBeCloseTo(2.146506817021873, 9);
    expect(logBayesFactor([5300, 4700], [0.5, 0.5])).toBeCloseTo(15.52401168346114, 9);
    expect(logBayesFactor([6000, 4000], [0.6, 0.4])).toBeCloseTo(-2.3101729662157595, 9);
    expect(logBayesFactor([1000, 1040, 980], [1 / 3, 1 / 3, 1 / 3])).toBeCloseTo(
      -2.5516173119222003,
      9,
    );
  });
});

describe("sampleRatioCheck (sequential)", () => {
  it("flags a split far from the weights at p < 0.001, and not a small wobble", () => {
    const wobble = sampleRatioCheck({ control: 5150, b: 4850 });
    expect(wobble).toMatchObject({ weights: "equal", flagged: false });
    expect(wobble?.pValue).toBeCloseTo(Math.exp(-2.146506817021873), 9);
    const broken = sampleRatioCheck({ control: 5300, b: 4700 });
    expect(broken?.flagged).toBe(true);
    expect(broken?.pValue).toBeCloseTo(Math.exp(-15.52401168346114), 12);
    expect(broken?.logBayesFactor).toBeCloseTo(15.52401168346114, 9);
    // A gross mismatch: the Bayes factor itself would overflow; its log stays a JSON number.
    const gross = sampleRatioCheck({ control: 100_000, b: 50_000 });
    expect(gross?.pValue).toBe(0);
    expect(Number.isFinite(JSON.parse(JSON.stringify(gross)).logBayesFactor)).toBe(true);
  });

  it("uses the given weights, counting a weighted variant with no impressions as 0", () => {
    const check = sampleRatioCheck({ control: 6000, b: 4000 }, { control: 60, b: 40 });
    expect(check).toMatchObject({
      weights: "given",
      flagged: false,
      pValue: 1,
      expectedShare: { control: 0.6, b: 0.4 },
    });
    const missing = sampleRatioCheck({ control: 100 }, { control: 1, b: 1 });
    expect(missing).toMatchObject({ observed: { control: 100, b: 0 }, flagged: true });
  });

  it("leaves a variant paused at weight 0 out, keeping the others' weights", () => {
    // c had traffic before it was paused; the other two still split 3:1.
    const check = sampleRatioCheck({ control: 3000, b: 1000, c: 2500 }, { control: 3, b: 1, c: 0 });
    expect(check).toMatchObject({
      weights: "given",
      flagged: false,
      paused: ["c"],
      expectedShare: { control: 0.75, b: 0.25 },
      observed: { control: 3000, b: 1000 },
    });
  });

  it("checks only the weighted variants when the events have one the weights do not name", () => {
    const check = sampleRatioCheck({ control: 500, contrl: 40, b: 500 }, { control: 1, b: 1 });
    expect(check?.observed).toEqual({ control: 500, b: 500 });
    expect(check?.flagged).toBe(false);
  });

  it("has nothing to check with one variant or no impressions", () => {
    expect(sampleRatioCheck({ control: 10 })).toBeNull();
    expect(sampleRatioCheck({ control: 0, b: 0 })).toBeNull();
  });
});
