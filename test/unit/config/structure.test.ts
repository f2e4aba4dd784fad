import { describe, expect, it } from "vitest";
import { validateStart } from "../../../src/config/startup";
import { passesStructure } from "../../../src/config/structure";
import { validate } from "../../../src/config/validate";

const survey = {
  id: "nps-order",
  type: "nps",
  touchpoint: "order_confirmation",
  copy: {
    question: "How likely are you to recommend us?",
    followUp: { detractor: "What went wrong?", promoter: "What did you like?" },
    thanks: "Thanks!",
    submit: "Send",
  },
  trigger: { on: "event", event: "order_completed", delay: 2, cancelOn: ["checkout_left"] },
  frequency: { afterAnswerDays: 90, maxAnswers: 2 },
  policy: { maxPerSession: 2, rolling: { max: 2, days: 30 } },
  priority: 1,
  percent: 50,
  scale: "numbers",
  submitOnTap: true,
};
const scroll = {
  id: "faq",
  type: "csat",
  touchpoint: "faq",
  copy: { question: "Helpful?" },
  trigger: { on: "scroll", percent: 80, url: ["/faq/*"] },
};
const valid = {
  siteKey: "shop",
  collector: { url: "/collect", format: "ndjson", headers: { "X-Team": "web" } },
  policy: { maxPerSession: 1, minDaysBetween: 3 },
  surveys: [survey, scroll],
};

/** A small seeded generator (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every path to a value inside `value`, objects and lists included. */
function paths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== "object" || value === null) return [at];
  return [
    at,
    ...Object.entries(value).flatMap(([k, v]) =>
      paths(v, [...at, Array.isArray(value) ? Number(k) : k]),
    ),
  ];
}

const OTHER_TYPES = [42, "text", true, null, [], {}, ["a"], { x: 1 }, () => 1, Number.NaN, ""];

describe("structural config check", () => {
  it("passes a config that only uses options it can check by type", () => {
    expect(validate(valid)).toEqual([]);
    expect(passesStructure(valid)).toBe(true);
  });

  it("sends misspelt options, wrong types and options that need more than a type to the full check", () => {
    const withSurvey = (extra: object) => ({ ...valid, surveys: [{ ...survey, ...extra }] });
    for (const config of [
      withSurvey({ frequncy: {} }),
      withSurvey({ copy: { question: "Q", folowUp: "Why?" } }),
      withSurvey({ frequency: { afterAnswerDays: "90" } }),
      withSurvey({ trigger: { on: "event", event: "x", where: { total: { gte: 100 } } } }),
      withSurvey({ audience: { device: "mobile" } }),
      withSurvey({ schedule: { timeZone: "Mars/Olympus" } }),
      withSurvey({ placement: { anchor: "#cart" } }),
      withSurvey({ variants: [{ key: "a", weight: 1 }] }),
      withSurvey({ locales: { fr: { question: "Q" } } }),
      { ...valid, theme: { accent: "#fff" } },
      { ...valid, collector: { url: "/collect", retryBaseMs: 0 } },
      { ...valid, collector: { url: "/collect", headers: { a: 1 } } },
    ]) {
      expect(passesStructure(config), JSON.stringify(config)).toBe(false);
    }
  });

  it("never passes a config the full check refuses because of a value's type or an unknown key", () => {
    const next = random(15);
    const all = paths(valid).filter((p) => p.length > 0);
    let checked = 0;
    for (let i = 0; i < 3000; i++) {
      const config = structuredClone(valid) as Record<string, unknown>;
      const path = all[Math.floor(next() * all.length)] as (string | number)[];
      type Node = Record<string | number, unknown>;
      const parent = path.slice(0, -1).reduce((o, k) => o[k] as Node, config as Node);
      const key = path[path.length - 1] as string;
      if (next() < 0.3 && typeof parent === "object" && !Array.isArray(parent))
        parent[`${key}x`] = 1;
      else {
        const other = OTHER_TYPES[Math.floor(next() * OTHER_TYPES.length)];
        // Another value of the same type (a range or a choice) is the full check's business.
        if (typeof other === typeof parent[key] && typeof other !== "object") continue;
        parent[key] = other;
      }
      if (validateStart(config).length || !passesStructure(config)) continue;
      checked += 1;
      expect(validate(config), `${path.join(".")} in ${JSON.stringify(config)}`).toEqual([]);
    }
    // The property was exercised, not skipped: many mutations reach the structural check.
    expect(checked).toBeGreaterThan(20);
  });
});
