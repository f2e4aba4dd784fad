import { describe, expect, it } from "vitest";
import { englishSteps } from "../../../src/ui/i18n/en-steps";
import { isRtl, pickCopy } from "../../../src/ui/locale";
import { forSegment, segmentOf } from "../../../src/ui/segment";
import { english, loadStrings, type UiStrings } from "../../../src/ui/strings";
import { scaleValues } from "../../../src/ui/values";

const copy = { question: "Recommend us?", submit: "Rate" };
const locales = {
  fr: { question: "Nous recommanderiez-vous ?" },
  "pt-BR": { question: "Você nos recomendaria?" },
  ar: { question: "هل توصي بنا؟" },
};

describe("pickCopy", () => {
  it("takes the first of the visitor's languages the survey has, exact match first", () => {
    expect(pickCopy({ languages: ["de", "fr-CA", "en"], copy, copyLocale: "en", locales })).toEqual(
      {
        locale: "fr",
        copy: { question: "Nous recommanderiez-vous ?" },
      },
    );
    expect(pickCopy({ languages: ["pt-BR"], copy, copyLocale: undefined, locales }).locale).toBe(
      "pt-BR",
    );
    expect(pickCopy({ languages: ["pt-PT"], copy, copyLocale: undefined, locales }).locale).toBe(
      "pt-BR",
    );
  });

  it("follows the visitor's order of languages, an exact match first within one", () => {
    const both = { ...locales, "fr-CA": { question: "Canada" } };
    const pick = (languages: string[]) =>
      pickCopy({ languages, copy, copyLocale: undefined, locales: both }).locale;
    expect(pick(["fr-CA", "fr"])).toBe("fr-CA");
    expect(pick(["fr", "fr-CA"])).toBe("fr");
    expect(pick(["sv", "ar-EG", "fr"])).toBe("ar");
  });

  it("keeps the question and follow-up of `copy` in another language, but not its labels", () => {
    const english = {
      question: "Why?",
      followUp: "Tell us more",
      thanks: "Thanks",
      submit: "Rate",
    };
    expect(
      pickCopy({
        languages: ["es"],
        copy: english,
        copyLocale: "en",
        locales: { es: { question: "¿Por qué?" } },
      }).copy,
    ).toEqual({
      question: "¿Por qué?",
      followUp: "Tell us more",
    });
    expect(
      pickCopy({
        languages: ["en"],
        copy: english,
        copyLocale: "en",
        locales: { en: { submit: "Go" } },
      }).copy,
    ).toEqual({ ...english, submit: "Go" });
  });

  it("counts the language of `copy` itself, so an English visitor is not given French", () => {
    expect(pickCopy({ languages: ["en-GB", "fr"], copy, copyLocale: "en", locales })).toEqual({
      locale: "en",
      copy,
    });
  });

  it("falls back to `copy`, in its own language or else the visitor's", () => {
    expect(pickCopy({ languages: ["ja"], copy, copyLocale: "en", locales }).locale).toBe("en");
    expect(
      pickCopy({ languages: ["ja", ""], copy, copyLocale: undefined, locales: undefined }),
    ).toEqual({
      locale: "ja",
      copy,
    });
    expect(
      pickCopy({ languages: [""], copy, copyLocale: undefined, locales: undefined }).locale,
    ).toBe("en");
  });

  it("knows right-to-left languages", () => {
    expect(["ar", "he-IL", "fa", "ur"].map(isRtl)).toEqual([true, true, true, true]);
    expect(["en", "fr", "ja", "arn"].map(isRtl)).toEqual([false, false, false, false]);
  });
});

describe("segments", () => {
  it("splits NPS into detractors, passives and promoters, CSAT and CES into low, middle and high", () => {
    expect(scaleValues("nps").map((s) => segmentOf("nps", s))).toEqual([
      ...Array(7).fill("detractor"),
      "passive",
      "passive",
      "promoter",
      "promoter",
    ]);
    expect(scaleValues("csat").map((s) => segmentOf("csat", s))).toEqual([
      "low",
      "low",
      "middle",
      "high",
      "high",
    ]);
    expect(scaleValues("ces").map((s) => segmentOf("ces", s))).toEqual([
      "low",
      "low",
      "low",
      "middle",
      "high",
      "high",
      "high",
    ]);
  });

  it("picks the segment's text, the one text, or none", () => {
    expect(forSegment("Why?", "promoter")).toBe("Why?");
    expect(forSegment({ detractor: "What went wrong?" }, "detractor")).toBe("What went wrong?");
    expect(forSegment({ detractor: "What went wrong?" }, "promoter")).toBeUndefined();
    expect(forSegment(undefined, "low")).toBeUndefined();
  });
});

describe("built-in strings", () => {
  const languages = ["en", "es", "fr", "de", "ar", "he", "ja"];

  it("exist for English, Spanish, French, German, Arabic, Hebrew and Japanese, every one filled in", async () => {
    // English words after the answer come with the steps part; every other language has all.
    const all = (await Promise.all(languages.map(loadStrings))).map(
      (strings, i) => (i === 0 ? { ...englishSteps, ...strings } : strings) as UiStrings,
    );
    const keys = Object.keys({ ...english, ...englishSteps }).sort();
    for (const [i, strings] of all.entries()) {
      expect(Object.keys(strings).sort(), languages[i]).toEqual(keys);
      const texts = [
        ...Object.values(strings).filter((v): v is string => typeof v === "string"),
        ...Object.values(strings.low),
        ...Object.values(strings.high),
        ...strings.csat,
      ];
      expect(
        texts.every((t) => t.trim().length > 0),
        languages[i],
      ).toBe(true);
      expect(strings.csat).toHaveLength(5);
    }
    expect(new Set(all.map((s) => s.submit)).size).toBe(languages.length);
  });

  it("takes the primary language of a locale and falls back to English", async () => {
    expect((await loadStrings("fr-CA")).close).toBe("Fermer");
    expect((await loadStrings("ES")).close).toBe("Cerrar");
    expect(await loadStrings("sv")).toBe(english);
    const hebrew = await loadStrings("he-IL");
    expect(hebrew.thanks).toBe("תודה על המשוב!");
  });

  it("gives strings at hand without a promise, so a prompt renders in the trigger's task", async () => {
    expect(loadStrings("en-GB")).toBe(english);
    expect(loadStrings("sv")).toBe(english);
    const german = await loadStrings("de");
    expect(loadStrings("de-AT")).toBe(german);
  });
});
