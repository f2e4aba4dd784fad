import { describe, expect, it, vi } from "vitest";
import type { SurveyConfig } from "../../../src/config/types";
import { wording } from "../../../src/engine/wording";
import { createWords, type WordsDeps } from "../../../src/engine/words";
import type { Check } from "../../../src/targeting/eligibility";

const survey = {
  id: "nps",
  type: "nps",
  touchpoint: "checkout",
  copy: { question: "Q" },
  trigger: { on: "scroll" },
} as unknown as SurveyConfig;
const failing: Check[] = [
  { rule: "enabled", ok: true, facts: [] },
  { rule: "frequency.afterAnswered", ok: false, facts: [0, 90, 2 * 86_400_000] },
  { rule: "audience", ok: false, facts: [undefined] },
];

/** A load the test settles by hand, and what was printed and reported. */
function setup(extra: Partial<WordsDeps> = {}) {
  let settle: { ok: () => void; fail: (e: Error) => void } | undefined;
  const load = vi.fn(
    () =>
      new Promise<typeof import("../../../src/engine/wording")>((resolve, reject) => {
        settle = { ok: () => resolve({ wording }), fail: reject };
      }),
  );
  const lines: string[] = [];
  const reports: unknown[] = [];
  const words = createWords({
    debug: true,
    log: (m) => lines.push(m),
    report: (e) => reports.push(e),
    load,
    ...extra,
  });
  return { words, load, lines, reports, settle: () => settle };
}

describe("debug lines, worded by the wording part", () => {
  it("words every line exactly as the engine did before the words left it", () => {
    const { lines } = wording();
    expect(
      lines.watching([survey, { ...survey, id: "exit", trigger: { on: "exit" } } as never]),
    ).toBe("watching nps (scroll), exit (exit)");
    expect(lines.withdrawn("nps")).toBe("nps: pending prompt withdrawn, the route changed");
    expect(lines.withdrawn("nps", "paid")).toBe(
      'nps: pending prompt withdrawn, cancelled by event "paid"',
    );
    expect(lines.checked("nps", "pageview", [failing[0] as Check])).toBe(
      "nps on pageview: eligible",
    );
    expect(lines.checked("nps", 'event "go"', failing)).toBe(
      'nps on event "go": not shown, frequency.afterAnswered: 2.0 days ago, 90 days required -> wait 88.0 days; audience: audience rule not loaded -> not in audience',
    );
    expect(lines.pending("nps", "pageview")).toBe("nps on pageview: already pending");
    expect(lines.priority("low", "pageview", "high")).toBe(
      "low on pageview: not shown, priority: high goes first",
    );
    expect(lines.delay("nps", "pageview", 2)).toBe("nps on pageview: showing in 2s");
    expect(lines.afterDelay("nps", failing)).toMatch(
      /^nps after its delay: not shown, frequency\.afterAnswered: 2\.0 days ago/,
    );
    expect(lines.where("big", "order", 'total 40 fails {"gte":100}')).toBe(
      'big on event "order": not shown, where: total 40 fails {"gte":100}',
    );
    expect(lines.where("big", "order", undefined)).toBe(
      'big on event "order": not shown, where: rule not loaded',
    );
    expect(lines.seen("nps", "benefit")).toBe("nps benefit: exposure already recorded");
    expect(lines.unremembered(new Error("quota"))).toBe("exposure not remembered: Error: quota");
    expect(lines.unfetched()).toBe("UI not fetched ahead");
    expect(lines.busy("nps")).toBe("nps not shown: another prompt is open");
    expect(lines.shown(survey, { variant: "control" }, true)).toBe(
      "nps shown (nps, touchpoint checkout, variant control)",
    );
    expect(lines.shown(survey, { variant: "b", forced: true }, true)).toBe(
      "nps shown (nps, touchpoint checkout, variant b, forced)",
    );
    expect(lines.shown(survey, { variant: "a", holdout: true }, true)).toBe(
      "nps shown (nps, touchpoint checkout, variant a, holdout)",
    );
    expect(lines.shown(survey, { variant: "a" }, false)).toBe("nps closed before it could show");
  });

  it("words the page rule from the address, with the captured JSON.stringify", () => {
    const stringify = vi.fn(JSON.stringify) as unknown as typeof JSON.stringify;
    const verdicts = wording(stringify).verdicts([
      { rule: "page", ok: false, facts: ["https://shop.example/cart?x=1#top", "/help/*"] },
      { rule: "page", ok: true, facts: [undefined, "/help/*"] },
      { rule: "schedule", ok: false, facts: [undefined] },
    ]);
    expect(verdicts).toEqual([
      { rule: "page", ok: false, detail: '/cart?x=1#top does not match "/help/*"' },
      { rule: "page", ok: true, detail: "kept across navigation" },
      { rule: "schedule", ok: false, detail: "schedule rule not loaded" },
    ]);
    expect(stringify).toHaveBeenCalledWith("/help/*");
  });

  it("says nothing and fetches nothing when debug is off, until explain() asks", async () => {
    const t = setup({ debug: false });
    t.words.say("busy", "nps");
    expect(t.load).not.toHaveBeenCalled();
    const verdicts = t.words.verdicts();
    t.settle()?.ok();
    expect((await verdicts)(failing).map((v) => v.detail)).toEqual([
      "enabled",
      "2.0 days ago, 90 days required -> wait 88.0 days",
      "audience rule not loaded -> not in audience",
    ]);
    expect(t.lines).toEqual([]);
  });

  it("fetches the part at start in debug mode and prints the lines said meanwhile, in order", async () => {
    const t = setup();
    expect(t.load).toHaveBeenCalledTimes(1);
    t.words.say("busy", "a");
    t.words.say("pending", "b", "pageview");
    expect(t.lines).toEqual([]);
    t.settle()?.ok();
    await t.words.load();
    t.words.say("unfetched");
    expect(t.lines).toEqual([
      "a not shown: another prompt is open",
      "b on pageview: already pending",
      "UI not fetched ahead",
    ]);
    await t.words.verdicts();
    expect(t.load).toHaveBeenCalledTimes(1);
  });

  it("shows raw facts, says so once, and tries again on the next explain() when the part cannot load", async () => {
    const t = setup();
    t.words.say("pending", "b", "pageview");
    t.settle()?.fail(new TypeError("Failed to fetch dynamically imported module"));
    const fallback = await t.words.verdicts().then((word) => word(failing));
    expect(t.lines).toEqual(['pending ["b","pageview"]']);
    expect(t.reports).toEqual([
      "could not load the wording part (TypeError: Failed to fetch dynamically imported module): explain() and debug lines show raw facts",
    ]);
    expect(fallback).toEqual([
      { rule: "enabled", ok: true, detail: "wording not loaded: []" },
      {
        rule: "frequency.afterAnswered",
        ok: false,
        detail: "wording not loaded: [0,90,172800000]",
      },
      { rule: "audience", ok: false, detail: "wording not loaded: [null]" },
    ]);
    t.words.say("busy", "a");
    expect(t.lines.at(-1)).toBe('busy ["a"]');
    // The next explain() fetches it again, and from then on the words are back.
    const again = t.words.verdicts();
    expect(t.load).toHaveBeenCalledTimes(2);
    // A retry holds nothing (only the first fetch does): a line is printed, unworded, at once.
    t.words.say("busy", "b");
    expect(t.lines.at(-1)).toBe('busy ["b"]');
    t.settle()?.ok();
    expect((await again)(failing)[1]?.detail).toBe(
      "2.0 days ago, 90 days required -> wait 88.0 days",
    );
    t.words.say("busy", "a");
    expect(t.lines.at(-1)).toBe("a not shown: another prompt is open");
    expect(t.reports).toHaveLength(1);
  });
});
