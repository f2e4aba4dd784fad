// @vitest-environment node
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { validate } from "../../../src/config/validate";

const survey = {
  id: "nps-order",
  type: "nps",
  touchpoint: "order_confirmation",
  copy: { question: "How likely are you to recommend Acme?" },
  trigger: { on: "manual" },
};
const messages = (extra: Record<string, unknown>) =>
  validate({ collector: "/collect", surveys: [{ ...survey, ...extra }] }).map((p) => p.message);

describe("validate: copy variants and experiment", () => {
  it("accepts variants with copy per language and an experiment block", () => {
    expect(
      messages({
        locales: { fr: { question: "Recommanderiez-vous Acme ?" } },
        variants: [
          { key: "control", weight: 50 },
          {
            key: "benefit",
            weight: 50,
            copy: { question: "Would you tell a friend about Acme?", thanks: { promoter: "Yay" } },
            locales: { fr: { question: "En parleriez-vous ?", thanks: { promoter: "Super" } } },
          },
        ],
        experiment: { seed: "copy-2026", coverage: 50, unit: "user" },
      }),
    ).toEqual([]);
  });

  it("names the path, the expectation and the value of each bad field", () => {
    expect(
      messages({
        variants: [
          { key: "control" },
          { key: "a b", weight: -1, copy: { question: 3, colour: "red" } },
        ],
        experiment: { coverage: 0.5e3, unit: "account", seeds: "x" },
      }),
    ).toEqual([
      "surveys[0].variants[0].weight: expected a value (required), got nothing",
      'surveys[0].variants[1].key: expected an id (letters, digits, _ . : -) of at most 64 characters, got "a b"',
      "surveys[0].variants[1].weight: expected a number from 0 to 1000000, got -1",
      "surveys[0].variants[1].copy.question: expected a non-empty string of at most 500 characters, got 3",
      'surveys[0].variants[1].copy.colour: expected a known option (question, lowLabel, highLabel, followUp, thanks, submit, send, skip, close, consent, contactLabel, contactInvalid, thanksContact), got "red"',
      "surveys[0].experiment.coverage: expected a number from 0 to 100, got 500",
      'surveys[0].experiment.unit: expected one of "visitor", "user", got "account"',
      'surveys[0].experiment.seeds: expected a known option (seed, coverage, unit, plan), got "x"',
    ]);
  });

  it("refuses a list that is not one, or too long", () => {
    expect(messages({ variants: { key: "a" } })).toEqual([
      'surveys[0].variants: expected a list of at most 10 items, got {"key":"a"}',
    ]);
    const many = Array.from({ length: 11 }, (_, i) => ({ key: `v${i}`, weight: 1 }));
    expect(messages({ variants: many })).toHaveLength(1);
  });

  it("refuses two variants with the same key", () => {
    expect(
      messages({
        variants: [
          { key: "a", weight: 1 },
          { key: "a", weight: 1 },
        ],
      }),
    ).toEqual(['surveys[0].variants[1].key: expected an id no other variant uses, got "a"']);
  });

  it("asks for each changed field in every language of the survey, and no other language", () => {
    expect(
      messages({
        locales: { fr: { question: "Q ?" }, de: { question: "F?" } },
        variants: [
          { key: "control", weight: 1 },
          {
            key: "short",
            weight: 1,
            copy: { question: "Recommend us?", submit: "Go" },
            locales: { fr: { question: "Nous recommanderiez-vous ?" }, es: { question: "¿?" } },
          },
        ],
      }),
    ).toEqual([
      'surveys[0].variants[1].locales.es: expected a language of the survey\'s locales, got "es"',
      "surveys[0].variants[1].locales.fr.submit: expected a submit in fr too, got nothing",
      "surveys[0].variants[1].locales.de.question: expected a question in de too, got nothing",
      "surveys[0].variants[1].locales.de.submit: expected a submit in de too, got nothing",
    ]);
  });

  it("needs no translations when the survey has a single language", () => {
    expect(
      messages({
        variants: [
          { key: "control", weight: 1 },
          { key: "short", weight: 1, copy: { question: "Recommend us?" } },
        ],
      }),
    ).toEqual([]);
  });

  it("accepts the README's example", () => {
    const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");
    const section = readme.slice(readme.indexOf("### Copy experiments"));
    const example = /```json\n([\s\S]*?)```/.exec(section)?.[1] ?? "";
    const problems = validate({ collector: "/collect", surveys: [JSON.parse(example)] });
    expect(problems).toEqual([]);
  });
});
