import { describe, expect, it } from "vitest";
import { validate } from "../../../src/config/validate";

const survey = (extra: Record<string, unknown> = {}, trigger: Record<string, unknown> = {}) => ({
  id: "s",
  type: "nps",
  touchpoint: "t",
  copy: { question: "Q?" },
  trigger: { on: "pageview", ...trigger },
  ...extra,
});
const messages = (...surveys: unknown[]) =>
  validate({ collector: "/c", surveys }).map((p) => p.message);

describe("targeting rules in validate()", () => {
  it("accepts every documented rule", () => {
    const full = survey(
      {
        audience: {
          device: "mobile",
          "trait.plan": { in: ["pro", "team"] },
          any: [{ sessions: { gte: 3 } }, { "utm.source": { prefix: "news" } }],
          not: { referrer: { contains: "intranet" } },
        },
        schedule: {
          start: "2026-12-01",
          end: "2027-01-10T00:00:00+01:00",
          days: ["mon", "fri"],
          hours: { from: 9, to: 17.5 },
          timeZone: "Europe/Paris",
        },
        frequency: { afterAnswerDays: 90, repeatDays: 30, maxIgnored: 3, maxAnswers: 1 },
        policy: { maxPerSession: 2 },
        priority: 5,
      },
      {
        on: "scroll",
        percent: 75,
        selector: "#article",
        url: {
          include: ["/blog/*", { path: { regex: "^/news/" }, query: { ref: "x" } }],
          exclude: "/blog/draft*",
        },
        delay: 2,
        persist: true,
        cancelOn: ["checkout_started"],
        sequence: { after: "step", within: 10 },
      },
    );
    const step = {
      ...survey(
        { id: "step", enabled: false },
        { on: "event", event: "pricing", where: { total: { gte: 10 } }, scope: "session" },
      ),
    };
    expect(
      validate({
        collector: "/c",
        surveys: [full, step],
        policy: { maxPerDay: 1, rolling: { max: 2, days: 30 }, minDaysBetween: 0.25 },
        attributes: () => ({}),
      }),
    ).toEqual([]);
  });

  it("names the path of each bad rule: signal, regex, percent, sequence", () => {
    expect(
      messages(
        survey({ id: "a" }, { on: "hover" }),
        survey({ id: "b" }, { url: { path: { regex: "(" } } }),
        survey({ id: "c" }, { on: "scroll", percent: 150 }),
        survey({ id: "d" }, { sequence: { after: "nope" } }),
        survey({ id: "e" }, { sequence: { after: "e" } }),
      ),
    ).toEqual([
      'surveys[0].trigger.on: expected one of "pageview", "event", "manual", "click", "visible", "scroll", "dwell", "idle", "exit", got "hover"',
      'surveys[1].trigger.url.path.regex: expected a regular expression, got "("',
      "surveys[2].trigger.percent: expected a number from 1 to 100, got 150",
      'surveys[3].trigger.sequence.after: expected the id of another survey, got "nope"',
      'surveys[4].trigger.sequence.after: expected the id of another survey, got "e"',
    ]);
  });

  it("checks audience fields, nesting, schedules and required selectors", () => {
    expect(
      messages(
        survey({ id: "a", audience: { plan: "pro", any: [{ "trait.x": { regexp: "y" } }] } }),
        survey({
          id: "b",
          schedule: { timeZone: "Mars/Olympus", days: ["monday"], start: "soon" },
        }),
        survey({ id: "c" }, { on: "click" }),
        survey({ id: "d", audience: { not: { not: { not: { not: { not: { not: {} } } } } } } }),
      ).sort(),
    ).toEqual(
      [
        'surveys[0].audience.plan: expected a known field or all, any, not, got "pro"',
        'surveys[0].audience.any[0].trait.x.regexp: expected a known option (exact, prefix, contains, glob, regex, in, gt, gte, lt, lte, exists), got "y"',
        'surveys[1].schedule.days[0]: expected one of "mon", "tue", "wed", "thu", "fri", "sat", "sun", got "monday"',
        'surveys[1].schedule.start: expected an ISO 8601 date, got "soon"',
        'surveys[1].schedule.timeZone: expected an IANA time zone, got "Mars/Olympus"',
        'surveys[2].trigger.selector: expected a CSS selector (required by "click"), got nothing',
        'surveys[3].audience.not.not.not.not.not: expected at most 4 levels, got {"not":{}}',
      ].sort(),
    );
  });

  it("accepts only a function as attributes (so JSON configs cannot set it)", () => {
    expect(
      validate({ collector: "/c", attributes: { plan: "pro" } }).map((p) => p.message),
    ).toEqual(['attributes: expected a function, got {"plan":"pro"}']);
  });
});
