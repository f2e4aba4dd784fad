import { describe, expect, it } from "vitest";
import type { SurveyConfig } from "../../../src/config/types";
import { unitInterval } from "../../../src/experiment/hash";
import { failing } from "../../../src/targeting/conditions";
import {
  evaluate as check,
  type EligibilityContext,
  type Verdict,
} from "../../../src/targeting/eligibility";
import type { Ledger } from "../../../src/targeting/ledger";
import { matches } from "../../../src/targeting/match";
import { scheduleVerdict } from "../../../src/targeting/schedule";
import { wordChecks } from "../../../src/targeting/wording";

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 23, 12);
const survey = (extra: Partial<SurveyConfig> = {}): SurveyConfig =>
  ({
    id: "nps",
    type: "nps",
    touchpoint: "t",
    copy: { question: "Q" },
    trigger: { on: "pageview" },
    ...extra,
  }) as SurveyConfig;

function ctx(extra: Partial<EligibilityContext> = {}): EligibilityContext {
  return {
    now: NOW,
    page: () => true,
    href: "https://shop.example/",
    ledger: { surveys: {} },
    shownThisSession: 0,
    visitorId: "visitor-1",
    policy: { maxPerSession: 1, minDaysBetween: 0 },
    promptOpen: false,
    read: () => undefined,
    match: matches,
    fired: () => undefined,
    schedule: scheduleVerdict,
    failing,
    ...extra,
  };
}
/** The rules' verdicts in words, as explain() gives them. */
const evaluate = (s: SurveyConfig, c: EligibilityContext): Verdict[] => wordChecks(check(s, c));
const failed = (s: SurveyConfig, c: EligibilityContext) =>
  evaluate(s, c)
    .filter((v) => !v.ok)
    .map((v) => `${v.rule}: ${v.detail}`);

describe("eligibility", () => {
  it("passes a fresh visitor, with a worded verdict per rule", () => {
    const verdicts = evaluate(survey(), ctx());
    expect(verdicts.every((v) => v.ok)).toBe(true);
    expect(verdicts.map((v) => v.rule)).toEqual([
      "enabled",
      "page",
      "sampling",
      "frequency.afterAnswered",
      "frequency.afterDismissed",
      "frequency.afterShown",
      "policy.maxPerSession",
      "policy.minDaysBetween",
      "one at a time",
    ]);
  });

  it("keeps the shown, dismissed and answered clocks apart", () => {
    const answered: Ledger = {
      surveys: { nps: { shownAt: NOW - 2 * DAY, answeredAt: NOW - 2 * DAY } },
    };
    expect(failed(survey(), ctx({ ledger: answered }))).toEqual([
      "frequency.afterAnswered: 2.0 days ago, 90 days required -> wait 88.0 days",
    ]);
    const dismissed: Ledger = {
      surveys: { nps: { shownAt: NOW - 2 * DAY, dismissedAt: NOW - 2 * DAY } },
    };
    expect(failed(survey(), ctx({ ledger: dismissed }))).toEqual([
      "frequency.afterDismissed: 2.0 days ago, 14 days required -> wait 12.0 days",
    ]);
    const ignored: Ledger = { surveys: { nps: { shownAt: NOW - DAY / 2 } } };
    expect(failed(survey(), ctx({ ledger: ignored }))).toEqual([
      "frequency.afterShown: 0.5 days ago, 1 days required -> wait 0.5 days",
    ]);
    // Another survey's clocks do not count.
    expect(failed(survey({ id: "csat" }), ctx({ ledger: answered }))).toEqual([]);
  });

  it("caps answers, ignored impressions and repeats", () => {
    const ledger: Ledger = {
      surveys: {
        nps: { shownAt: NOW - 40 * DAY, answeredAt: NOW - 100 * DAY, answers: 1, ignored: 3 },
      },
    };
    const s = survey({ frequency: { maxAnswers: 1, maxIgnored: 3, repeatDays: 60 } });
    expect(failed(s, ctx({ ledger }))).toEqual([
      "frequency.repeatDays: 40.0 days ago, 60 days required -> wait 20.0 days",
      "frequency.maxAnswers: 1 of 1 answers given",
      "frequency.maxIgnored: 3 of 3 impressions ignored in a row",
    ]);
  });

  it("applies the global fatigue policy, which a survey may override", () => {
    const today = new Date(NOW).setHours(0, 0, 0, 0);
    const ledger: Ledger = {
      surveys: {},
      lastShownAt: today + 1000,
      shown: [NOW - 20 * DAY, today + 1000],
    };
    const policy = {
      maxPerSession: 1,
      minDaysBetween: 0.5,
      maxPerDay: 1,
      rolling: { max: 2, days: 30 },
    };
    expect(failed(survey(), ctx({ ledger, policy, shownThisSession: 1 }))).toEqual([
      "policy.maxPerSession: 1 of 1 prompts shown this session",
      "policy.maxPerDay: 1 of 1 prompts shown today",
      "policy.rolling: 2 of 2 prompts shown in the last 30 days",
      expect.stringMatching(
        /^policy\.minDaysBetween: last prompt 0\.\d days ago, 0\.5 days required$/,
      ),
    ]);
    const exempt = survey({
      policy: { maxPerSession: 5, maxPerDay: 5, rolling: { max: 5, days: 1 }, minDaysBetween: 0 },
    });
    expect(failed(exempt, ctx({ ledger, policy, shownThisSession: 1 }))).toEqual([]);
  });

  it("words sampling with the visitor's sticky bucket", () => {
    const verdict = evaluate(survey({ percent: 20 }), ctx()).find((v) => v.rule === "sampling");
    expect(verdict?.detail).toMatch(
      /^visitor bucket 0\.\d{3} (< 0\.200 -> sampled|>= 0\.200 -> not sampled)$/,
    );
    expect(evaluate(survey({ percent: 20 }), ctx()).find((v) => v.rule === "sampling")).toEqual(
      verdict,
    );
  });

  it("never words a bucket as reaching the threshold it is under (no rounding up)", () => {
    const id = survey().id;
    const bucketOf = (visitorId: string) => unitInterval(`${visitorId}:${id}:sample`);
    const ids = Array.from({ length: 20_000 }, (_, i) => `visitor-${i}`);
    const top = ids.find((v) => bucketOf(v) >= 0.9995);
    const edge = ids.find((v) => bucketOf(v) >= 0.1995 && bucketOf(v) < 0.2);
    const detail = (visitorId: string | undefined, percent: number) =>
      evaluate(survey({ percent }), ctx({ visitorId: visitorId ?? "" })).find(
        (v) => v.rule === "sampling",
      )?.detail;
    expect(detail(top, 100)).toBe("visitor bucket 0.999 < 1.000 -> sampled");
    expect(detail(edge, 20)).toBe("visitor bucket 0.199 < 0.200 -> sampled");
  });

  it("checks the audience, schedule and sequence when the survey has them", () => {
    const s = survey({
      audience: { device: "mobile" },
      schedule: { days: ["sat", "sun"], timeZone: "UTC" },
      trigger: { on: "pageview", sequence: { after: "pricing", within: 10 } },
    });
    const read = (f: string) => (f === "device" ? "desktop" : undefined);
    expect(failed(s, ctx({ read }))).toEqual([
      "schedule: Mon 12:00 UTC: mon is not one of sat, sun",
      'audience: device "desktop" is not "mobile" -> not in audience',
      "sequence: pricing not signalled this session",
    ]);
    const fired = () => NOW - 5 * 60_000;
    const late = () => NOW - 15 * 60_000;
    expect(failed(s, ctx({ read, fired })).at(-1)).toBe(
      'audience: device "desktop" is not "mobile" -> not in audience',
    );
    expect(failed(s, ctx({ read, fired: late })).at(-1)).toBe(
      "sequence: pricing signalled 15.0 min ago, within 10 min required",
    );
  });
});
