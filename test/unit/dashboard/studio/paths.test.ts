import { describe, expect, it } from "vitest";
import { getIn, pathText, setIn } from "../../../../dashboard/studio/paths";
import { lineOf, prettyJson } from "../../../../dashboard/studio/pretty";
import { journeyOrder, statusOf } from "../../../../dashboard/studio/SurveyList";

const survey = (extra: Record<string, unknown> = {}) =>
  ({
    id: "a",
    type: "nps",
    touchpoint: "t",
    copy: { question: "?" },
    trigger: { on: "pageview" },
    ...extra,
  }) as never;

describe("studio editing helpers", () => {
  it("writes one value deep in the draft without touching the rest, and removes emptied objects", () => {
    const draft = {
      surveys: [{ id: "a", frequency: { afterAnswerDays: 30 } }],
      policy: { maxPerSession: 2 },
    };
    const path = ["surveys", 0, "frequency", "afterAnswerDays"];
    expect(pathText(path)).toBe("surveys[0].frequency.afterAnswerDays");
    const changed = setIn(draft, path, 60);
    expect(getIn(changed, path)).toBe(60);
    expect(draft.surveys[0]?.frequency.afterAnswerDays).toBe(30);
    expect((changed as typeof draft).policy).toBe(draft.policy);
    expect(setIn(draft, path, undefined)).toEqual({
      surveys: [{ id: "a" }],
      policy: { maxPerSession: 2 },
    });
    expect(setIn({}, ["surveys", 0, "trigger", "on"], "exit")).toEqual({
      surveys: [{ trigger: { on: "exit" } }],
    });
  });

  it("prints JSON exactly as JSON.stringify does and knows each path's line", () => {
    const value = { a: 1, surveys: [{ id: "x", copy: { question: "Q?" } }], empty: {}, list: [] };
    const { text, lines } = prettyJson(value);
    expect(text).toBe(JSON.stringify(value, null, 2));
    expect(lineOf(lines, "surveys[0].copy.question")).toBe(7);
    expect(lineOf(lines, "surveys[0].percent")).toBe(4);
  });

  it("says on, off, scheduled or ended, and orders surveys by the journey", () => {
    const now = Date.parse("2026-06-01T00:00:00Z");
    expect(statusOf(survey(), now)).toBe("on");
    expect(statusOf(survey({ enabled: false }), now)).toBe("off");
    expect(statusOf(survey({ schedule: { start: "2026-07-01" } }), now)).toBe("scheduled");
    expect(statusOf(survey({ schedule: { days: ["mon"] } }), now)).toBe("scheduled");
    expect(statusOf(survey({ schedule: { end: "2026-05-01" } }), now)).toBe("ended");
    const surveys = [
      survey({ touchpoint: "help" }),
      survey({ touchpoint: "cart" }),
      survey({ touchpoint: "other" }),
    ];
    expect(journeyOrder(surveys, ["cart", "help"])).toEqual([1, 0, 2]);
  });
});
