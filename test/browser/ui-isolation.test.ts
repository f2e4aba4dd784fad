// Isolation and security of the prompt in Chromium: a strict CSP, Trusted Types, hostile host
// styles (both ways), copy that looks like HTML, and several surveys due at once.
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { launch } from "./chromium";
import { config, csatSurvey, eventually, npsSurvey, openPage, snippetPage } from "./pages";
import { startSite, type TestSite } from "./server";
import { ARTIFACTS, box, closePrompt, harnessPage, model, mountPrompt } from "./ui-helpers";

let browser: Browser;
let site: TestSite;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});
afterEach(async () => {
  await site?.close();
});

async function fresh() {
  site = await startSite();
  return browser.newContext({ reducedMotion: "reduce" });
}

const policyErrors = (messages: string[]) =>
  messages.filter((m) => /Content Security Policy|Trusted Type|TrustedHTML|TrustedScript/i.test(m));

describe("strict page policies", () => {
  it("works under CSP default-src 'self'; style-src 'self'; script-src 'self', installed by data-config", async () => {
    const context = await fresh();
    site.page("/touchpoint.json", JSON.stringify(config(site)), {
      "Content-Type": "application/json",
    });
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Help</title>
<script async src="/dist/touchpoint.js" data-config="/touchpoint.json"></script></head>
<body><main><h1>Help</h1></main></body></html>`;
    const csp = "default-src 'self'; style-src 'self'; script-src 'self'";
    const { page, pageErrors, consoleErrors } = await openPage(
      context,
      site.page("/help/csp", html, { "Content-Security-Policy": csp }),
    );
    await page.getByRole("radio", { name: "5", exact: true }).check();
    await page.getByRole("button", { name: "Submit" }).click();
    await page.getByRole("textbox", { name: "What could be better?" }).fill("Nothing");
    await page.getByRole("button", { name: "Send" }).click();
    await page.getByText("Thank you for your feedback!").waitFor();
    expect(await page.locator(".card").evaluate((el) => getComputedStyle(el).borderTopStyle)).toBe(
      "solid",
    );
    const answer = await eventually(
      () => [...site.stored().values()].find((e) => e.kind === "answer" && e.comment),
      (a) => a !== undefined,
    );
    expect(answer).toMatchObject({ score: 5, comment: "Nothing" });
    expect(policyErrors(consoleErrors)).toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it("works on a page that enforces Trusted Types", async () => {
    const context = await fresh();
    const html = snippetPage(config(site), `touchpoint.track("order_completed");`);
    const { page, pageErrors, consoleErrors } = await openPage(
      context,
      site.page("/order-tt.html", html, {
        "Content-Security-Policy": "require-trusted-types-for 'script'; trusted-types 'none'",
      }),
    );
    await page.getByRole("radio", { name: "9", exact: true }).check();
    await page.getByRole("button", { name: "Submit" }).click();
    await page.getByText("Thank you for your feedback!").waitFor();
    expect(policyErrors(consoleErrors)).toEqual([]);
    expect(pageErrors).toEqual([]);
    // The page really enforces Trusted Types: a plain string into innerHTML is refused.
    expect(
      await page.evaluate(() => {
        try {
          document.body.innerHTML = "<b>x</b>";
          return "not enforced";
        } catch {
          return "enforced";
        }
      }),
    ).toBe("enforced");
    await context.close();
  });
});

describe("host styles", () => {
  const HOSTILE = `* { all: unset !important }
button, [role=radio], input { display: none !important }
html { font-size: 8px !important }
body * { z-index: 2147483647 !important; position: relative }
touchpoint-prompt { display: none !important; opacity: 0 !important; transform: scale(0) !important;
  --bg: red; --fg: red }
[popover] { inset: 0 !important; width: 10px !important }`;

  /** What a visitor sees of the prompt: boxes and visibility of its parts. */
  async function looks(page: Page) {
    return page.locator("touchpoint-prompt").evaluate((host) => {
      const root = host.shadowRoot as ShadowRoot;
      const parts = [".card", "legend", ".value", "button[type=submit]", ".close", ".ends"];
      return parts.map((selector) => {
        const el = root.querySelector(selector) as HTMLElement;
        const r = el.getBoundingClientRect();
        const s = getComputedStyle(el);
        return {
          selector,
          box: [r.x, r.y, r.width, r.height].map(Math.round),
          visible: s.visibility === "visible" && s.display !== "none" && s.opacity === "1",
          font: s.fontSize,
          color: s.color,
          background: s.backgroundColor,
        };
      });
    });
  }

  it("a hostile host stylesheet changes nothing in the prompt", async () => {
    const context = await fresh();
    const page = await context.newPage();
    await page.goto(harnessPage(site, "/plain.html"));
    await mountPrompt(page, model());
    const before = await looks(page);
    await closePrompt(page);

    await page.goto(
      harnessPage(site, "/hostile.html", { head: `<link rel="stylesheet" href="/hostile.css">` }),
    );
    site.page("/hostile.css", HOSTILE, { "Content-Type": "text/css" });
    await page.reload();
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe(
      "8px",
    );
    await mountPrompt(page, model());
    expect(await looks(page)).toEqual(before);
    const card = await box(page.locator(".card"));
    const hit = await page.evaluate(
      ({ x, y }) => document.elementFromPoint(x, y)?.tagName.toLowerCase(),
      { x: card.x + card.width / 2, y: card.y + card.height / 2 },
    );
    expect(hit).toBe("touchpoint-prompt");
    await page.getByRole("radio", { name: "7", exact: true }).check();
    await page.getByRole("button", { name: "Submit" }).click();
    await page.getByRole("textbox", { name: "What would make it a 10?" }).waitFor();
    await page.screenshot({ path: `${ARTIFACTS}ui-hostile-host.png` });
    await context.close();
  });

  it("the prompt's styles do not change the host page", async () => {
    const context = await fresh();
    const page = await context.newPage();
    await page.goto(harnessPage(site, "/host.html"));
    const snapshot = () =>
      page.evaluate(() => {
        const props = [
          "font-size",
          "font-family",
          "color",
          "background-color",
          "display",
          "margin-top",
          "position",
          "z-index",
          "direction",
          "color-scheme",
          "line-height",
          "box-sizing",
        ];
        const elements = ["html", "body", "main", "h1", "p", "label", "input", "button", "a"];
        return {
          sheets: document.styleSheets.length + document.adoptedStyleSheets.length,
          styles: elements.map((sel) => {
            const s = getComputedStyle(document.querySelector(sel) as Element);
            return [sel, ...props.map((p) => s.getPropertyValue(p))];
          }),
          htmlAttributes: [...document.documentElement.attributes].map(
            (a) => `${a.name}=${a.value}`,
          ),
        };
      });
    const before = await snapshot();
    await mountPrompt(
      page,
      model({ locale: "ar", theme: { fontFamily: "serif", colorScheme: "dark" } }),
    );
    expect(await snapshot()).toEqual(before);
    await context.close();
  });
});

describe("content and concurrency", () => {
  it("renders copy that looks like HTML or script as inert text", async () => {
    const context = await fresh();
    const page = await context.newPage();
    const pageErrors: Error[] = [];
    page.on("pageerror", (e) => pageErrors.push(e));
    await page.goto(harnessPage(site, "/inject.html"));
    const question = `<img src=x onerror="window.pwned=1">Rate us <script>window.pwned=2</script>`;
    const followUp = `<a href="javascript:window.pwned=3">Why?</a>`;
    const thanks = `javascript:window.pwned=4 <svg onload="window.pwned=5">`;
    await mountPrompt(page, model({ copy: { question, followUp, thanks, submit: "<b>Go</b>" } }));
    expect(await page.locator("legend").textContent()).toBe(question);
    await page.getByRole("radio", { name: "10", exact: true }).check();
    await page.getByRole("button", { name: "<b>Go</b>" }).click();
    expect(await page.getByRole("textbox", { name: followUp }).count()).toBe(1);
    await page.getByRole("button", { name: "Skip" }).click();
    await page.getByText(thanks).waitFor();
    await page.waitForTimeout(200);
    const found = await page
      .locator("touchpoint-prompt")
      .evaluate((host) => host.shadowRoot?.querySelectorAll("img, script, a, svg, b").length);
    expect(found).toBe(0);
    expect(
      await page.evaluate(() => (window as unknown as { pwned?: number }).pwned),
    ).toBeUndefined();
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it("shows one prompt at a time when several surveys are due at once", async () => {
    const context = await fresh();
    const ces = {
      ...npsSurvey,
      id: "ces-order",
      type: "ces",
      copy: { question: "It was easy to order." },
    };
    const cfg = config(site, {
      surveys: [
        npsSurvey,
        ces,
        { ...csatSurvey, trigger: { on: "event", event: "order_completed" } },
      ] as never,
      policy: { maxPerSession: 5 },
    });
    const html = snippetPage(
      cfg,
      `window.shown = []; touchpoint.on("shown", function (e) { window.shown.push(e.surveyId) });
touchpoint.track("order_completed");`,
    );
    const { page, pageErrors } = await openPage(context, site.page("/order-many.html", html));
    await page.locator("touchpoint-prompt").first().waitFor();
    await page.waitForTimeout(800);
    expect(await page.locator("touchpoint-prompt").count()).toBe(1);
    expect(
      await page.evaluate(() => (window as unknown as { shown: string[] }).shown),
    ).toHaveLength(1);
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
