// Languages in Chromium: which copy and built-in strings a visitor gets, from init({ locale }),
// the page's lang and the browser's languages; segment copy; CSAT stars and faces.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch } from "./chromium";
import { config, npsSurvey, openPage, snippetPage } from "./pages";
import { startSite, type TestSite } from "./server";
import { ARTIFACTS, calls, closePrompt, harnessPage, model, mountPrompt } from "./ui-helpers";

let browser: Browser;
let site: TestSite;

beforeAll(async () => {
  [browser, site] = await Promise.all([launch(), startSite()]);
});
afterAll(async () => {
  await site.close();
  await browser.close();
});

const survey = {
  ...npsSurvey,
  locale: "en",
  copy: { question: "How likely are you to recommend Acme?", submit: "Rate" },
  locales: {
    de: { question: "Wie wahrscheinlich empfehlen Sie Acme?" },
    fr: { question: "Recommanderiez-vous Acme ?", submit: "Noter" },
    es: { question: "¿Recomendaría Acme?" },
  },
};

describe("choosing the language", () => {
  const cases = [
    {
      name: "init({ locale }) first",
      lang: "de",
      locale: "fr",
      browser: "en-US",
      question: /Recommanderiez/,
      submit: "Noter",
      close: "Fermer",
    },
    {
      name: "then the page's lang",
      lang: "de-AT",
      locale: undefined,
      browser: "fr-FR",
      question: /Wie wahrscheinlich/,
      submit: "Absenden",
      close: "Schließen",
    },
    {
      name: "then navigator.languages",
      lang: "ja",
      locale: undefined,
      browser: "es-ES",
      question: /Recomendaría/,
      submit: "Enviar",
      close: "Cerrar",
    },
    {
      name: "else the survey's own copy",
      lang: "ja",
      locale: undefined,
      browser: "sv-SE",
      question: /How likely/,
      submit: "Rate",
      close: "Close",
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const context = await browser.newContext({ locale: c.browser, reducedMotion: "reduce" });
      const cfg = config(site, {
        surveys: [survey as never],
        ...(c.locale ? { locale: c.locale } : {}),
      });
      const html = snippetPage(cfg, `touchpoint.track("order_completed");`).replace(
        '<html lang="en">',
        `<html lang="${c.lang}">`,
      );
      const { page, pageErrors } = await openPage(
        context,
        site.page(`/lang-${c.lang}-${c.browser}.html`, html),
      );
      await page.getByRole("group", { name: c.question }).waitFor();
      expect(await page.getByRole("button", { name: c.submit, exact: true }).count()).toBe(1);
      expect(await page.getByRole("button", { name: c.close, exact: true }).count()).toBe(1);
      expect(pageErrors).toEqual([]);
      await context.close();
    });
  }
});

describe("built-in strings", () => {
  it("come in English, Spanish, French, German, Arabic, Hebrew and Japanese, and config overrides them", async () => {
    const page = await browser.newPage({ reducedMotion: "reduce" });
    await page.goto(harnessPage(site, "/strings.html"));
    const expected: Record<string, [string, string, string]> = {
      en: ["Submit", "Close", "Not likely"],
      es: ["Enviar", "Cerrar", "Nada probable"],
      fr: ["Valider", "Fermer", "Peu probable"],
      de: ["Absenden", "Schließen", "Unwahrscheinlich"],
      ar: ["إرسال", "إغلاق", "غير مرجّح"],
      he: ["שליחה", "סגירה", "לא סביר"],
      ja: ["送信", "閉じる", "可能性は低い"],
    };
    for (const [locale, [submit, close, low]] of Object.entries(expected)) {
      await mountPrompt(page, model({ locale, copy: { question: "?" } }));
      expect(await page.getByRole("button", { name: submit, exact: true }).count(), locale).toBe(1);
      expect(await page.getByRole("button", { name: close, exact: true }).count(), locale).toBe(1);
      expect(await page.locator(".ends span").first().textContent(), locale).toBe(low);
      await closePrompt(page);
    }
    await mountPrompt(
      page,
      model({ locale: "de", copy: { question: "?", submit: "Los", close: "Zu", lowLabel: "Nie" } }),
    );
    expect(await page.getByRole("button", { name: "Los", exact: true }).count()).toBe(1);
    expect(await page.getByRole("button", { name: "Zu", exact: true }).count()).toBe(1);
    expect(await page.locator(".ends span").first().textContent()).toBe("Nie");
    await page.close();
  });
});

describe("copy by segment and CSAT pictures", () => {
  it("asks the follow-up and thanks with the copy of the answer's segment, and skips the follow-up a segment has none of", async () => {
    const page = await browser.newPage({ reducedMotion: "reduce" });
    await page.goto(harnessPage(site, "/segments.html"));
    const copy = {
      question: "Was it easy?",
      followUp: { low: "What made it hard?" },
      thanks: { low: "Sorry about that.", high: "Great to hear!" },
    };
    await mountPrompt(page, model({ type: "ces", copy }));
    await page.getByRole("radio", { name: "2", exact: true }).check();
    await page.getByRole("button", { name: "Submit" }).click();
    await page.getByRole("textbox", { name: "What made it hard?" }).fill("Login");
    await page.getByRole("button", { name: "Send" }).click();
    await page.getByText("Sorry about that.").waitFor();
    await closePrompt(page);
    await mountPrompt(page, model({ type: "ces", copy }));
    await page.getByRole("radio", { name: "6", exact: true }).check();
    await page.getByRole("button", { name: "Submit" }).click();
    await page.getByText("Great to hear!").waitFor();
    expect(await page.locator("touchpoint-prompt").getByRole("textbox").count()).toBe(0);
    expect(await calls(page)).toEqual([
      ["answer", 2],
      ["comment", "Login"],
      ["closed"],
      ["answer", 6],
    ]);
    await page.close();
  });

  it("shows CSAT as stars or faces, each value named in words, and submits on tap when configured", async () => {
    const page = await browser.newPage({ reducedMotion: "reduce" });
    await page.goto(harnessPage(site, "/pictures.html"));
    for (const scale of ["stars", "faces"] as const) {
      await mountPrompt(
        page,
        model({ type: "csat", scale, copy: { question: "How satisfied are you?" } }),
      );
      const names = await page
        .getByRole("radio")
        .evaluateAll((radios) =>
          radios.map((r) => (r as HTMLInputElement).labels?.[0]?.textContent),
        );
      expect(names).toEqual([
        "Very unsatisfied",
        "Unsatisfied",
        "Neutral",
        "Satisfied",
        "Very satisfied",
      ]);
      expect(await page.locator(".value svg").count()).toBe(5);
      await page.getByRole("radio", { name: "Satisfied", exact: true }).check();
      await page.screenshot({ path: `${ARTIFACTS}ui-csat-${scale}.png` });
      await closePrompt(page);
    }
    await mountPrompt(page, model({ type: "csat", scale: "stars", submitOnTap: true }));
    await page.getByRole("radio", { name: "Very satisfied", exact: true }).click();
    await page.getByRole("textbox").waitFor();
    expect((await calls(page)).filter((c) => c[0] === "answer")).toEqual([["answer", 5]]);
    await page.close();
  });
});
