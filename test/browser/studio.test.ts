import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Collector, createCollector, createToken } from "../../src/server";
import { launch } from "./chromium";
import { eventually } from "./pages";
import { startSite, type TestSite } from "./server";

const ROOT = new URL("../..", import.meta.url).pathname;
const AXE = readFileSync(join(ROOT, "node_modules/axe-core/axe.min.js"), "utf8");
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];
const NEW_QUESTION = "How likely are you to recommend the new Acme shop?";
const OLD_QUESTION = "Was this help article useful?";

let browser: Browser;
let collector: Collector;
let api: string;
let token: string;
let site: TestSite;
const dir = mkdtempSync(join(tmpdir(), "touchpoint-studio-"));

/** Version 1, published by an operator: one CSAT survey on the help pages only. */
function firstConfig() {
  return {
    siteKey: "shop",
    collector: `${site.url}/collect`,
    surveys: [
      {
        id: "csat-help",
        type: "csat",
        touchpoint: "help_article",
        copy: { question: OLD_QUESTION },
        trigger: { on: "pageview", url: "/help/*" },
      },
    ],
  };
}

beforeAll(async () => {
  browser = await launch();
  site = await startSite();
  collector = createCollector({
    dbPath: join(dir, "studio.db"),
    dashboardDir: join(ROOT, "dist", "dashboard"),
    allowOrigins: [site.url],
    rateLimit: false,
  });
  ({ url: api } = await collector.listen(0, "127.0.0.1"));
  ({ token } = await createToken(collector.db, { role: "editor", site: "shop", name: "product" }));
  const published = await fetch(`${api}/v1/config/shop`, {
    method: "PUT",
    body: JSON.stringify({ config: firstConfig(), baseVersion: 0, message: "first" }),
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
  });
  expect(published.status).toBe(201);
  // The shop loads its config from the collector, as `configUrl`, like the demo shop.
  for (const path of ["/shop", "/shop/next", "/help/returns"]) {
    site.page(
      path,
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>
<script async src="/dist/touchpoint.js" data-config="${api}/v1/config/shop"></script></head>
<body><h1>Acme shop</h1></body></html>`,
    );
  }
});

afterAll(async () => {
  await browser.close();
  await collector.close();
  await site.close();
  rmSync(dir, { recursive: true, force: true });
});

async function axe(page: Page) {
  await page.evaluate(AXE);
  const result = await page.evaluate(async (tags) => {
    const axeApi = (window as unknown as { axe: typeof import("axe-core") }).axe;
    const run = await axeApi.run(document, { runOnly: { type: "tag", values: tags } });
    return {
      passes: run.passes.length,
      violations: run.violations.map((v) => ({
        id: v.id,
        nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5),
      })),
    };
  }, AXE_TAGS);
  expect(result.passes).toBeGreaterThan(10);
  return result.violations;
}

async function openStudio(width = 1280) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (/Content Security Policy/.test(m.text())) errors.push(m.text());
  });
  await page.goto(`${api}/dashboard/?view=studio&site=shop#token=${token}`);
  await page.getByRole("button", { name: /help_article/ }).waitFor();
  return { page, errors, context };
}

/** Survey ids the shop's Touchpoint knows on one page view, and whether a prompt asks `question`. */
async function visit(context: BrowserContext, path: string, question?: string) {
  const page = await context.newPage();
  await page.goto(`${site.url}${path}`);
  await page.waitForFunction(() => typeof window.touchpoint?.explain === "function");
  const ids = await page.evaluate(async () =>
    ((await window.touchpoint?.explain()) ?? []).map((e) => e.surveyId),
  );
  if (question) await page.getByText(question).waitFor({ timeout: 10_000 });
  await page.close();
  return ids;
}

describe("studio", () => {
  it("takes a product team from a template to a live prompt, and back with a rollback", async () => {
    const { page, errors, context } = await openStudio();
    const returning = await browser.newContext();
    expect(await visit(returning, "/shop")).toEqual(["csat-help"]);

    // Create from a template, change its trigger and copy.
    await page.getByLabel("New survey").selectOption({ label: "NPS after an order" });
    await page.getByRole("button", { name: "Create survey" }).click();
    await page.getByRole("heading", { name: "Survey nps-order" }).waitFor();
    await page.getByLabel("Shows when").selectOption("pageview");
    await page.getByLabel("Delay (seconds)").fill("");
    await page.getByLabel("Show on pages matching (one per line)").fill("/shop*");
    await page.getByLabel("Question", { exact: true }).fill(NEW_QUESTION);

    // The preview is the SDK's own prompt, and follows the edit.
    const preview = page.frameLocator(".preview-frame");
    await preview.getByText(NEW_QUESTION).waitFor();
    await page.getByLabel("Step").selectOption("followUp");
    await page.getByLabel("Answer", { exact: true }).selectOption("3");
    await preview.getByRole("textbox", { name: "What disappointed you?" }).waitFor();
    await page.getByLabel("Language", { exact: true }).selectOption("");
    await page.getByLabel("Step").selectOption("question");

    // An invalid rule is refused, shown at its field, and nothing is published.
    await page.getByLabel("Sampled visitors (%)").fill("150");
    await page.getByRole("button", { name: "Publish" }).click();
    await page.getByText(/Not published: the config has 1 problem/).waitFor();
    const percent = page.getByLabel("Sampled visitors (%)");
    expect(await percent.getAttribute("aria-invalid")).toBe("true");
    const describedBy = (await percent.getAttribute("aria-describedby")) ?? "";
    const problemText = await page.locator(`[id="${describedBy.split(" ").pop()}"]`).textContent();
    expect(problemText).toBe("surveys[1].percent: expected a number from 1 to 100, got 150");
    expect((await (await fetch(`${api}/v1/config/shop`)).json()).surveys).toHaveLength(1);

    // Fixed and published.
    await percent.fill("");
    await page.getByLabel("What changed (shown in the history)").fill("Order NPS on the shop");
    await page.getByRole("button", { name: "Publish" }).click();
    await page.getByText("Published version 2. Visitors get it on their next page view.").waitFor();
    expect(await page.getByRole("cell", { name: "Order NPS on the shop" }).count()).toBe(1);

    // A new visitor gets the new prompt on their first page view; a returning one, whose page
    // views use the stored copy at once, once it has been refreshed in the background.
    const fresh = await browser.newContext();
    expect(await visit(fresh, "/shop", NEW_QUESTION)).toEqual(["csat-help", "nps-order"]);
    expect(await visit(returning, "/shop")).toEqual(["csat-help"]);
    expect(await visit(returning, "/shop/next", NEW_QUESTION)).toEqual(["csat-help", "nps-order"]);

    // Roll back: the old config again, as version 3.
    await page.getByRole("button", { name: "Roll back to version 1" }).click();
    await page.getByText("Rolled back: version 3 is version 1 again.").waitFor();
    const again = await browser.newContext();
    expect(await visit(again, "/help/returns", OLD_QUESTION)).toEqual(["csat-help"]);
    await visit(fresh, "/shop");
    expect(await visit(fresh, "/shop/next")).toEqual(["csat-help"]);

    // The history says who did what, and the diff between any two versions reads plainly.
    await page.getByLabel("Compare version").selectOption("1");
    await page.getByLabel("with version", { exact: true }).selectOption("2");
    await page.getByRole("button", { name: "Show changes" }).click();
    await page.getByText(/^surveys\[nps-order\]: added/).waitFor();
    expect(site.received.filter((e) => e.surveyId === "nps-order").length).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    for (const c of [returning, fresh, again, context]) await c.close();
  });

  it("says whether each survey would show for a described visitor, rule by rule", async () => {
    const { page, context } = await openStudio();
    await page.getByRole("button", { name: /help_article/ }).click();
    await page.getByLabel("Page URL").fill("/help/returns");
    await page.getByLabel("History with survey").selectOption("csat-help");
    await page.getByLabel("Answered it (days ago)").fill("40");
    await page.getByRole("button", { name: "Check every survey" }).click();
    const verdict = page.locator(".verdict", { hasText: "csat-help" });
    await verdict.getByText("would not show").waitFor();
    const rules = await verdict.locator("li").allInnerTexts();
    expect(rules).toContain("PASS trigger: fires on the page view");
    expect(rules).toContain('PASS page: /help/returns matches "/help/*"');
    expect(rules).toContain(
      "FAIL frequency.afterAnswered: 40.0 days ago, 90 days required -> wait 50.0 days",
    );

    await page.getByLabel("Answered it (days ago)").fill("");
    await page.getByLabel("Page URL").fill("/pricing");
    await page.getByRole("button", { name: "Check every survey" }).click();
    await eventually(
      () => verdict.locator("li").allInnerTexts(),
      (r) => r.includes('FAIL page: /pricing does not match "/help/*"'),
    );
    await context.close();
  });

  for (const width of [1280, 375]) {
    it(`passes axe and works by keyboard at ${width} px`, async () => {
      const { page, context } = await openStudio(width);
      await page.getByRole("button", { name: /help_article/ }).click();
      await page.frameLocator(".preview-frame").getByText(OLD_QUESTION).waitFor();
      expect(await axe(page)).toEqual([]);
      await page.getByRole("button", { name: "JSON", exact: true }).click();
      const json = page.getByLabel(/The site's config as JSON/);
      await json.click();
      await page.keyboard.press("Control+Home");
      await page.keyboard.press("ArrowRight");
      await page.keyboard.press("Enter");
      await page.getByText(/keys fit at the cursor/).waitFor();
      await page.keyboard.press("Control+Space");
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("siteKey");
      expect(await axe(page)).toEqual([]);
      await page.getByRole("button", { name: "Form", exact: true }).click();
      await page.getByRole("button", { name: "Check every survey" }).click();
      await page.locator(".verdict").first().waitFor();
      await page.getByRole("button", { name: "Show changes" }).click();
      await page.locator(".changes").waitFor();
      expect(await axe(page)).toEqual([]);
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(scrollWidth).toBeLessThanOrEqual(width);

      // Keyboard: the survey list, then the editor, reached with Tab; Enter selects a survey.
      await page.getByRole("button", { name: /Site settings/ }).focus();
      await page.keyboard.press("Tab");
      await page.keyboard.press("Enter");
      await page.getByRole("heading", { name: /^Survey / }).waitFor();
      await context.close();
    });
  }
});
