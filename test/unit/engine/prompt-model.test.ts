import { describe, expect, it } from "vitest";
import type { SurveyConfig } from "../../../src/config/types";
import { validate } from "../../../src/config/validate";
import { promptModel } from "../../../src/engine/prompt";

const survey = {
  id: "nps",
  type: "nps",
  touchpoint: "order",
  copy: { question: "Recommend us?" },
  trigger: { on: "manual" },
};
const messages = (extra: Record<string, unknown>, surveyExtra: Record<string, unknown> = {}) =>
  validate({
    collector: "https://c.example/v1",
    surveys: [{ ...survey, ...surveyExtra }],
    ...extra,
  }).map((p) => p.message);

describe("validate: the prompt's config", () => {
  it("accepts locales, segment copy, scale, placement and a full theme", () => {
    expect(
      messages(
        {
          theme: {
            accent: "#3056d3",
            background: "#ffffff",
            text: "#1b1f24",
            radius: 8,
            fontFamily: "Inter, system-ui, sans-serif",
            colorScheme: "dark",
            position: "bottom-bar",
          },
        },
        {
          locale: "en",
          locales: {
            fr: { question: "Nous recommanderiez-vous ?", submit: "Valider" },
            "pt-BR": {},
          },
          copy: {
            question: "Recommend us?",
            followUp: { detractor: "What went wrong?", promoter: "What do you like?" },
            thanks: "Thanks!",
            send: "Send it",
            skip: "Not now",
            close: "Dismiss",
          },
          scale: "faces",
          submitOnTap: true,
          placement: { anchor: "#summary", side: "top", offset: 12, position: "center" },
        },
      ),
    ).toEqual([]);
  });

  it("reports theme colours given together that fail contrast, with the ratio", () => {
    expect(
      messages({ theme: { background: "#ffffff", text: "#aaaaaa", accent: "#ffee00" } }),
    ).toEqual([
      'theme.text: expected a colour with 4.5:1 contrast against background #ffffff (it has 2.3:1), got "#aaaaaa"',
      'theme.accent: expected a colour with 3:1 contrast against background #ffffff (it has 1.2:1), got "#ffee00"',
    ]);
    expect(messages({ theme: { accent: "#ffee00" } })).toEqual([]);
    expect(messages({ theme: { background: "navy", text: "#000080" } })).toEqual([]);
  });

  it("names wrong prompt options by path", () => {
    const found = messages(
      { theme: { position: "middle", radius: 99, colorScheme: "sepia", fontFamily: "x;}body{" } },
      {
        locales: { french: { question: "?" }, de: { questoin: "?" } },
        copy: { question: "?", followUp: { happy: "Yay" } },
        scale: "emoji",
        placement: { side: "inside", offset: -1 },
      },
    );
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^surveys\[0\]\.copy\.followUp: expected a text, or texts by segment/,
        ),
        expect.stringMatching(/^surveys\[0\]\.locales\.de\.questoin: expected a known option/),
        'surveys[0].locales.french: expected a locale key like "fr", got "french"',
        expect.stringMatching(/^surveys\[0\]\.scale: expected one of "numbers", "stars", "faces"/),
        expect.stringMatching(/^surveys\[0\]\.placement\.side: expected one of "top"/),
        "surveys[0].placement.offset: expected a number from 0 to 200, got -1",
        expect.stringMatching(/^theme\.position: expected one of "bottom-right"/),
        "theme.radius: expected a number from 0 to 40, got 99",
        expect.stringMatching(/^theme\.colorScheme: expected one of "auto", "light", "dark"/),
        expect.stringMatching(/^theme\.fontFamily: expected a font-family list/),
      ]),
    );
    expect(found).toHaveLength(10);
  });
});

describe("promptModel", () => {
  it("hands the UI the survey's copy, languages, look and placement", () => {
    document.documentElement.lang = "de-AT";
    const model = promptModel({ document, locale: "fr", theme: { accent: "#000" } }, {
      ...survey,
      locale: "en",
      locales: { de: { question: "Empfehlen?" } },
      scale: "stars",
      placement: { anchor: "#x" },
      submitOnTap: true,
    } as SurveyConfig);
    expect(model).toMatchObject({
      surveyId: "nps",
      type: "nps",
      locale: "fr",
      copyLocale: "en",
      locales: { de: { question: "Empfehlen?" } },
      theme: { accent: "#000" },
      scale: "stars",
      placement: { anchor: "#x" },
      submitOnTap: true,
    });
    expect(model.languages?.[0]).toBe("de-AT");
    expect(model.languages?.slice(1)).toEqual([...navigator.languages]);
  });
});
