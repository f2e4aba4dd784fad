import { describe, expect, it } from "vitest";
import { validate } from "../../../src/config/validate";

const survey = {
  id: "nps-order",
  type: "nps",
  touchpoint: "order_confirmation",
  copy: { question: "How likely are you to recommend us?" },
  trigger: { on: "event", event: "order_completed" },
};
const valid = { collector: "https://feedback.example/v1/events", surveys: [survey] };
const messages = (config: unknown) => validate(config).map((p) => p.message);

describe("validate", () => {
  it("accepts a complete config", () => {
    expect(validate(valid)).toEqual([]);
    expect(
      validate({
        siteKey: "shop",
        collector: { url: "/collect", format: "ndjson", headers: { "X-Team": "web" } },
        surveys: [
          {
            ...survey,
            frequency: { afterAnswerDays: 90, afterDismissDays: 14 },
            percent: 20,
            enabled: true,
          },
          {
            id: "csat",
            type: "csat",
            touchpoint: "help",
            copy: { question: "Helpful?", followUp: "Why?" },
            trigger: { on: "pageview", url: ["/help/*"], delay: 2 },
          },
        ],
        locale: "pt-BR",
        debug: true,
        requireConsent: false,
        policy: { maxPerSession: 1, minDaysBetween: 3 },
        theme: { accent: "#0a7", position: "bottom-left" },
      }),
    ).toEqual([]);
  });

  it("names the path, the expectation and the value found", () => {
    const bad = { ...valid, surveys: [survey, survey, { ...survey, id: "c", percent: "fifty" }] };
    expect(messages(bad)).toContain(
      'surveys[2].percent: expected a number from 1 to 100, got "fifty"',
    );
    expect(validate(bad).find((p) => p.path === "surveys[2].percent")).toMatchObject({
      expected: "a number from 1 to 100",
      found: '"fifty"',
    });
  });

  it("reports every problem at once, not just the first", () => {
    const problems = messages({
      collector: 42,
      surveys: [{ id: "", type: "stars", touchpoint: "t", copy: {}, trigger: { on: "scrol" } }],
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'collector: expected a URL string or { "url": … }, got 42',
        'surveys[0].id: expected an id (letters, digits, _ . : -) of at most 64 characters, got ""',
        'surveys[0].type: expected one of "nps", "csat", "ces", got "stars"',
        "surveys[0].copy.question: expected a value (required), got nothing",
        'surveys[0].trigger.on: expected one of "pageview", "event", "manual", "click", "visible", "scroll", "dwell", "idle", "exit", got "scrol"',
      ]),
    );
    expect(problems).toHaveLength(5);
  });

  it("reports misspelt options instead of ignoring them", () => {
    expect(messages({ ...valid, surveys: [{ ...survey, triger: {} }] })[0]).toMatch(
      /^surveys\[0\]\.triger: expected a known option/,
    );
  });

  it("checks rules across fields", () => {
    expect(messages({ surveys: [] })).toEqual([
      'collector: expected a collector URL (or a "configUrl" that provides one), got nothing',
    ]);
    expect(messages({ ...valid, surveys: [survey, survey] })).toEqual([
      'surveys[1].id: expected an id no other survey uses, got "nps-order"',
    ]);
    expect(messages({ ...valid, surveys: [{ ...survey, trigger: { on: "event" } }] })).toEqual([
      'surveys[0].trigger.event: expected an event name (required when "on" is "event"), got nothing',
    ]);
  });

  it("rejects what is not a config at all, with a clear message", () => {
    expect(messages(null)).toEqual(
      ["config: expected a config object, got null", expect.stringContaining("collector")].slice(
        0,
        1,
      ),
    );
    expect(messages("https://x")).toEqual(['config: expected a config object, got "https://x"']);
  });

  it("bounds what it accepts", () => {
    const many = Array.from({ length: 51 }, (_, i) => ({ ...survey, id: `s${i}` }));
    expect(messages({ ...valid, surveys: many })[0]).toMatch(
      /^surveys: expected a list of at most 50 items/,
    );
    expect(
      messages({ ...valid, surveys: [{ ...survey, copy: { question: "x".repeat(501) } }] })[0],
    ).toMatch(/question: expected a non-empty string of at most 500 characters, got "x{10,}/);
    expect(messages({ ...valid, collector: "javascript:alert(1)" })[0]).toMatch(
      /^collector: expected a URL string/,
    );
  });
});
