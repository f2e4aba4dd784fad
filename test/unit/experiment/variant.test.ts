// @vitest-environment node
import { describe, expect, it } from "vitest";
import type { SurveyConfig } from "../../../src/config/types";
import { assignVariant } from "../../../src/experiment/assign";
import { chooseVariant, previewInUrl, withVariantCopy } from "../../../src/experiment/variant";

const survey: SurveyConfig = {
  id: "nps-order",
  type: "nps",
  touchpoint: "order_confirmation",
  copy: { question: "How likely are you to recommend Acme?", followUp: "Why?" },
  locales: { fr: { question: "Recommanderiez-vous Acme ?", followUp: "Pourquoi ?" } },
  trigger: { on: "manual" },
  variants: [
    { key: "control", weight: 1 },
    {
      key: "benefit",
      weight: 1,
      copy: { question: "Would you tell a friend about Acme?", submit: "Send" },
      locales: { fr: { question: "Parleriez-vous d'Acme à un ami ?", submit: "Envoyer" } },
    },
  ],
};
const variants = survey.variants ?? [];
const visitors = Array.from({ length: 400 }, (_, i) => `visitor-${i}`);

/** The variant assignVariant gives a unit under the survey's defaults (seed = survey id). */
const expected = (unitId: string, coverage = 1) =>
  assignVariant({ unitId, seed: survey.id, variants, coverage });

describe("chooseVariant", () => {
  it("shows a survey without variants in its own copy, as control", () => {
    const plain = { ...survey, variants: undefined } as unknown as SurveyConfig;
    expect(chooseVariant(plain, { visitorId: "v" })).toEqual({
      survey: plain,
      label: { variant: "control" },
    });
  });

  it("gives each visitor the sticky assignment and that variant's copy, in every language", () => {
    const seen = new Set<string>();
    for (const visitorId of visitors) {
      const chosen = chooseVariant(survey, { visitorId });
      if (typeof chosen === "string") throw new Error(chosen);
      expect(chosen.label).toEqual({ variant: expected(visitorId).key });
      expect(chooseVariant(survey, { visitorId })).toEqual(chosen);
      seen.add(chosen.label.variant);
      if (chosen.label.variant === "benefit") {
        expect(chosen.survey.copy).toEqual({
          question: "Would you tell a friend about Acme?",
          followUp: "Why?",
          submit: "Send",
        });
        expect(chosen.survey.locales?.fr).toEqual({
          question: "Parleriez-vous d'Acme à un ami ?",
          followUp: "Pourquoi ?",
          submit: "Envoyer",
        });
      } else {
        expect(chosen.survey.copy).toEqual(survey.copy);
        expect(chosen.survey.locales).toEqual(survey.locales);
      }
    }
    expect(seen).toEqual(new Set(["control", "benefit"]));
  });

  it("seeds with experiment.seed instead of the survey id when given", () => {
    const reseeded = { ...survey, experiment: { seed: "copy-test-2" } };
    const keys = visitors.map((visitorId) => {
      const chosen = chooseVariant(reseeded, { visitorId });
      return typeof chosen === "string" ? chosen : chosen.label.variant;
    });
    expect(keys).toEqual(
      visitors.map(
        (unitId) => assignVariant({ unitId, seed: "copy-test-2", variants, coverage: 1 }).key,
      ),
    );
  });

  it("labels visitors outside the coverage holdout, with the first variant's copy", () => {
    const partial = { ...survey, experiment: { coverage: 30 } };
    let holdouts = 0;
    for (const visitorId of visitors) {
      const chosen = chooseVariant(partial, { visitorId });
      if (typeof chosen === "string") throw new Error(chosen);
      const assignment = expected(visitorId, 0.3);
      if (assignment.inExperiment) {
        expect(chosen.label).toEqual({ variant: assignment.key });
      } else {
        holdouts += 1;
        expect(chosen.label).toEqual({ variant: "control", holdout: true });
        expect(chosen.survey.copy).toEqual(survey.copy);
      }
    }
    expect(holdouts / visitors.length).toBeGreaterThan(0.6);
    expect(holdouts / visitors.length).toBeLessThan(0.8);
    const nobody = { ...survey, experiment: { coverage: 0 } };
    expect(chooseVariant(nobody, { visitorId: "v" })).toMatchObject({
      label: { variant: "control", holdout: true },
    });
  });

  it("assigns by the identified user with unit 'user', and by the visitor without one", () => {
    const byUser = { ...survey, experiment: { unit: "user" as const } };
    for (const [i, visitorId] of visitors.slice(0, 100).entries()) {
      const userId = `user-${i}`;
      const asUser = chooseVariant(byUser, { visitorId, userId });
      const anonymous = chooseVariant(byUser, { visitorId });
      expect(asUser).toMatchObject({ label: { variant: expected(userId).key } });
      expect(anonymous).toMatchObject({ label: { variant: expected(visitorId).key } });
      // The default unit ignores the user id.
      expect(chooseVariant(survey, { visitorId, userId })).toMatchObject({
        label: { variant: expected(visitorId).key },
      });
    }
  });

  it("forces a preview variant, labelled forced, whatever the assignment or coverage", () => {
    const nobody = { ...survey, experiment: { coverage: 0 } };
    const chosen = chooseVariant(nobody, { visitorId: "v" }, "benefit");
    expect(chosen).toMatchObject({
      label: { variant: "benefit", forced: true },
      survey: { copy: { question: "Would you tell a friend about Acme?" } },
    });
    const plain = { ...survey, variants: undefined } as unknown as SurveyConfig;
    expect(chooseVariant(plain, { visitorId: "v" }, "control")).toEqual({
      survey: plain,
      label: { variant: "control", forced: true },
    });
  });

  it("says which variants exist when the forced one does not", () => {
    expect(chooseVariant(survey, { visitorId: "v" }, "benfit")).toBe(
      'nps-order has no variant "benfit" (it has control, benefit)',
    );
    const plain = { ...survey, variants: undefined } as unknown as SurveyConfig;
    expect(chooseVariant(plain, { visitorId: "v" }, "b")).toBe(
      'nps-order has no variant "b" (it has control)',
    );
  });
});

describe("withVariantCopy", () => {
  it("replaces whole fields, adds the variant's languages and leaves the survey untouched", () => {
    const before = structuredClone(survey);
    const merged = withVariantCopy(survey, {
      key: "segments",
      weight: 1,
      copy: { thanks: { promoter: "Thanks, fan!" } },
      locales: { fr: { thanks: { promoter: "Merci !" } } },
    });
    expect(merged.copy.thanks).toEqual({ promoter: "Thanks, fan!" });
    expect(merged.locales?.fr?.thanks).toEqual({ promoter: "Merci !" });
    expect(merged.locales?.fr?.question).toBe("Recommanderiez-vous Acme ?");
    expect(survey).toEqual(before);
    expect(withVariantCopy(survey, undefined)).toBe(survey);
  });
});

describe("previewInUrl", () => {
  it("reads ?touchpoint_variant=survey:key for the survey named, among several", () => {
    const search = "?a=1&touchpoint_variant=csat-help:short&touchpoint_variant=nps-order:benefit";
    expect(previewInUrl(search, "nps-order")).toBe("benefit");
    expect(previewInUrl(search, "csat-help")).toBe("short");
    expect(previewInUrl(search, "nps")).toBeUndefined();
    expect(previewInUrl("", "nps-order")).toBeUndefined();
  });

  it("keeps survey ids that contain a colon whole, and decodes the value", () => {
    expect(previewInUrl("?touchpoint_variant=shop%3Anps%3Abenefit", "shop:nps")).toBe("benefit");
    expect(previewInUrl("?touchpoint_variant=shop:nps:benefit", "shop")).toBe("nps:benefit");
  });
});
