// @vitest-environment node
import { describe, expect, it } from "vitest";
import { type AssignInput, assignVariant } from "../../../src/experiment/assign";
import { chiSquareSurvival } from "../../../src/report/stats";

const UNITS = 100_000;
const units = Array.from({ length: UNITS }, (_, i) => `visitor-${i}`);
const weighted = (weights: Record<string, number>) =>
  Object.entries(weights).map(([key, weight]) => ({ key, weight }));

function assignAll(input: Omit<AssignInput, "unitId">) {
  return units.map((unitId) => assignVariant({ ...input, unitId }));
}

describe("assignVariant", () => {
  it("gives the same unit the same variant every time", () => {
    const input = { seed: "nps-checkout", variants: weighted({ control: 1, b: 1, c: 1 }) };
    for (const unitId of units.slice(0, 200)) {
      expect(assignVariant({ ...input, unitId })).toEqual(assignVariant({ ...input, unitId }));
    }
  });

  it("depends on the seed", () => {
    const variants = weighted({ control: 1, b: 1 });
    const a = units.slice(0, 1000).map((unitId) => assignVariant({ unitId, seed: "s1", variants }));
    const b = units.slice(0, 1000).map((unitId) => assignVariant({ unitId, seed: "s2", variants }));
    const same = a.filter((x, i) => x.key === b[i]?.key).length;
    expect(same).toBeGreaterThan(400);
    expect(same).toBeLessThan(600);
  });

  it("splits traffic in proportion to the weights (chi-square goodness of fit)", () => {
    const weights = { control: 50, b: 30, c: 20 };
    const counts: Record<string, number> = { control: 0, b: 0, c: 0 };
    const results = assignAll({ seed: "exp", variants: weighted(weights) });
    expect(results.every((r) => r.inExperiment)).toBe(true);
    for (const { key } of results) counts[key] = (counts[key] ?? 0) + 1;
    let chiSquare = 0;
    for (const [key, weight] of Object.entries(weights)) {
      const expected = (UNITS * weight) / 100;
      chiSquare += ((counts[key] ?? 0) - expected) ** 2 / expected;
    }
    expect(chiSquareSurvival(chiSquare, 2)).toBeGreaterThan(0.001);
    expect(counts.control).toBeGreaterThan(49_000);
  });

  it("never picks a variant with weight 0", () => {
    const picked = assignAll({ seed: "exp", variants: weighted({ control: 1, off: 0, b: 1 }) });
    expect(picked.some((a) => a.key === "off")).toBe(false);
  });

  it("moves only the fewest visitors, only to or from the variant whose weight changed", () => {
    const before = assignAll({ seed: "exp", variants: weighted({ a: 50, b: 30, c: 20 }) });
    const after = assignAll({ seed: "exp", variants: weighted({ a: 50, b: 30, c: 40 }) });
    const moves = before
      .map((was, i) => `${was.key}->${after[i]?.key}`)
      .filter((move) => move[0] !== move.at(-1));
    expect(new Set(moves)).toEqual(new Set(["a->c", "b->c"]));
    // c's share grows from 20/100 to 40/120; no assignment can move fewer than the difference.
    const minimum = UNITS * (40 / 120 - 20 / 100);
    expect(moves.length).toBeGreaterThan(minimum * 0.97);
    expect(moves.length).toBeLessThan(minimum * 1.03);
    // c takes from a and b in proportion to their weights, 50 : 30.
    const fromA = moves.filter((move) => move === "a->c").length;
    expect(fromA / moves.length).toBeGreaterThan(0.6);
    expect(fromA / moves.length).toBeLessThan(0.65);
    // Lowering the weight back moves the same visitors back, and only them.
    const backMoves = after.filter((now, i) => before[i]?.key !== now.key);
    expect(backMoves.length).toBe(moves.length);
    expect(backMoves.every((now) => now.key === "c")).toBe(true);
  });

  it("keeps units out by coverage, showing them the first variant as holdout", () => {
    const results = assignAll({ seed: "exp", variants: weighted({ a: 1, b: 1 }), coverage: 0.3 });
    const inside = results.filter((r) => r.inExperiment);
    expect(inside.length / UNITS).toBeGreaterThan(0.295);
    expect(inside.length / UNITS).toBeLessThan(0.305);
    expect(results.every((r) => r.inExperiment === r.bucket < 0.3)).toBe(true);
    expect(results.every((r) => r.inExperiment || r.key === "a")).toBe(true);
    expect(inside.some((r) => r.key === "b")).toBe(true);
  });

  it("keeps everyone who was in when coverage grows, on the same variant", () => {
    const variants = weighted({ a: 1, b: 1 });
    const narrow = assignAll({ seed: "exp", variants, coverage: 0.3 });
    const wide = assignAll({ seed: "exp", variants, coverage: 0.5 });
    const changed = narrow.filter((was, i) => was.inExperiment && wide[i]?.key !== was.key);
    const dropped = narrow.filter((was, i) => was.inExperiment && !wide[i]?.inExperiment);
    expect(changed).toEqual([]);
    expect(dropped).toEqual([]);
    const inside = wide.filter((r) => r.inExperiment).length / UNITS;
    expect(inside).toBeGreaterThan(0.495);
    expect(inside).toBeLessThan(0.505);
  });

  it("falls back to the first variant, or control, when nothing can be chosen", () => {
    expect(assignVariant({ unitId: "u", seed: "s", variants: [] })).toMatchObject({
      key: "control",
      inExperiment: false,
    });
    const zero = weighted({ first: 0, second: 0 });
    expect(assignVariant({ unitId: "u", seed: "s", variants: zero })).toMatchObject({
      key: "first",
      inExperiment: false,
    });
    const none = assignVariant({
      unitId: "u",
      seed: "s",
      variants: weighted({ a: 1 }),
      coverage: 0,
    });
    expect(none).toMatchObject({ key: "a", inExperiment: false });
  });
});
