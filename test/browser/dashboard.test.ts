import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDatabase } from "../../src/demo-data/seed";
import { SIMULATED_SURVEYS } from "../../src/demo-data/simulate";
import type { Report } from "../../src/report/types";
import { type Collector, createCollector, createToken } from "../../src/server";
import { launch } from "./chromium";

const ROOT = new URL("../..", import.meta.url).pathname;
const AXE = readFileSync(join(ROOT, "node_modules/axe-core/axe.min.js"), "utf8");
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];
const JOURNEY = SIMULATED_SURVEYS.map((s) => s.touchpoint);

let browser: Browser;
const dir = mkdtempSync(join(tmpdir(), "touchpoint-dashboard-"));
const collectors: Collector[] = [];
/** An admin token per collector URL: the dashboard signs in with it, the test reads with it. */
const tokens = new Map<string, string>();

async function startCollector(name: string, seeded: boolean): Promise<string> {
  const collector = createCollector({
    dbPath: join(dir, `${name}.db`),
    dashboardDir: join(ROOT, "dist", "dashboard"),
    journey: JOURNEY,
    rateLimit: false,
  });
  collectors.push(collector);
  if (seeded) await seedDatabase(collector.db, { visitors: 6000, now: Date.now() });
  const { url } = await collector.listen(0, "127.0.0.1");
  tokens.set(url, (await createToken(collector.db, { role: "admin", name: "test" })).token);
  return url;
}

const auth = (base: string) => ({ authorization: `Bearer ${tokens.get(base)}` });

let url: string;
let emptyUrl: string;

beforeAll(async () => {
  browser = await launch();
  url = await startCollector("seeded", true);
  emptyUrl = await startCollector("empty", false);
});

afterAll(async () => {
  await browser.close();
  for (const collector of collectors) await collector.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Opens the dashboard, recording page errors, CSP reports and every request it makes. */
async function open(base: string, query = "", options: { bypassCSP?: boolean } = {}) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    bypassCSP: options.bypassCSP ?? false,
  });
  const page = await context.newPage();
  const problems: string[] = [];
  const requests: string[] = [];
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error" || /Content Security Policy/.test(m.text())) problems.push(m.text());
  });
  page.on("request", (r) => requests.push(r.url()));
  // The sign-in link: the dashboard posts the token to /v1/session and drops the fragment.
  await page.goto(`${base}/dashboard/${query}#token=${tokens.get(base)}`);
  return { page, problems, requests, close: () => context.close() };
}

async function reportOf(base: string, query = ""): Promise<Report> {
  const response = await fetch(`${base}/v1/report${query}`, { headers: auth(base) });
  return ((await response.json()) as { report: Report }).report;
}

/** Runs axe-core on the page; returns the violations, after checking that rules did run. */
async function axe(page: Page) {
  await page.evaluate(AXE);
  const result = await page.evaluate(async (tags) => {
    const axeApi = (window as unknown as { axe: typeof import("axe-core") }).axe;
    const run = await axeApi.run(document, { runOnly: { type: "tag", values: tags } });
    return {
      passes: run.passes.length,
      violations: run.violations.map((v) => ({
        id: v.id,
        help: v.help,
        nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5),
      })),
    };
  }, AXE_TAGS);
  expect(result.passes).toBeGreaterThan(10);
  return result.violations;
}

describe("results dashboard", () => {
  it("shows the journey, trends, NPS split, rates and experiments from the collector's report", async () => {
    const report = await reportOf(url, "?from=2000-01-01");
    const { page, problems, requests, close } = await open(url);
    await page.locator(".journey").waitFor();

    const stages = await page.locator(".journey > li h3").allInnerTexts();
    expect(stages).toEqual([
      "Cart",
      "Order confirmation",
      "Returning visit",
      "Help article",
      "Support contact",
    ]);
    const order = report.surveys.find((s) => s.surveyId === "nps-order")?.touchpoints[0];
    const orderAnswers = order?.arms.reduce((sum, arm) => sum + arm.answers, 0) ?? 0;
    const orderCard = page.locator(".stage", { hasText: "Order confirmation" });
    expect(await orderCard.locator(".counts").textContent()).toContain(
      `${orderAnswers.toLocaleString("en-US")} answers`,
    );
    await expect
      .poll(() => orderCard.locator(".interval").textContent())
      .toMatch(/^95% interval [+-]?\d+ to [+-]?\d+$/);
    expect(await page.locator(".callout").textContent()).toMatch(/^Lowest point: /);

    for (const name of ["NPS by week, all NPS questions", "CSAT by week, all CSAT questions"]) {
      expect(await page.getByRole("img", { name }).count()).toBe(1);
    }
    expect(
      await page
        .getByRole("img", { name: "Promoters, passives and detractors per touchpoint" })
        .count(),
    ).toBe(1);
    const rates = page.getByRole("table", { name: "Response and dismissal rates per touchpoint" });
    expect(await rates.locator("tbody tr").count()).toBe(5);

    const experiment = page.getByRole("article", { name: /Order confirmation \(nps-order\)/ });
    expect(await experiment.getByRole("heading", { level: 3 }).textContent()).toContain(
      "control vs benefit",
    );
    expect(await experiment.locator(".verdicts li").allInnerTexts()).toEqual(order?.verdicts ?? []);
    // The verdict in a marketer's words, the method behind it, and the planning help.
    expect(await experiment.locator(".summary").textContent()).toBe(order?.summary);
    expect(order?.summary).toMatch(/^(You can stop now|No winner yet)/);
    expect(await experiment.locator(".plan .method").textContent()).toBe(order?.methodNote);
    expect(await experiment.locator(".plan li").last().textContent()).toMatch(
      /^To find a 3\.0-point lift over a \d+\.\d% response rate \(80% power\): [\d,]+ visitors shown per variant, .*So far: [\d,]+ per variant\.$/,
    );
    expect(await experiment.getByRole("table", { name: "benefit minus control" }).count()).toBe(1);
    expect(await page.locator(".comments > li").count()).toBe(25);

    expect(problems).toEqual([]);
    expect(requests.every((r) => r.startsWith(`${url}/`))).toBe(true);
    await close();
  });

  it("passes axe (WCAG 2.2 AA and best practices) with every table fallback open", async () => {
    const { page, close } = await open(url, "", { bypassCSP: true });
    await page.locator(".journey").waitFor();
    await page.evaluate(() => {
      for (const d of document.querySelectorAll("details")) d.open = true;
    });
    expect(await axe(page)).toEqual([]);
    mkdirSync(join(ROOT, "test-artifacts"), { recursive: true });
    await page.evaluate(() => {
      for (const d of document.querySelectorAll("details")) d.open = false;
    });
    await page.screenshot({ path: join(ROOT, "test-artifacts", "dashboard.png"), fullPage: true });

    // A phone: one column, wide tables scroll inside their section, not the page.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(390);
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: join(ROOT, "test-artifacts", "dashboard-phone.png") });
    await close();
  });

  it("charts come with their numbers as tables", async () => {
    const { page, close } = await open(url);
    const chart = page.getByRole("img", { name: "NPS by week, all NPS questions" });
    await chart.waitFor();
    const figure = page.locator("figure", { has: chart });
    await figure.getByText("Show the numbers as a table").click();
    const table = figure.getByRole("table", { name: "NPS by week, all NPS questions" });
    const points = await chart.locator("circle").count();
    expect(await table.locator("tbody tr").count()).toBe(points);
    expect(points).toBeGreaterThanOrEqual(8);
    const description = await page.locator("#trend-nps-summary").textContent();
    expect(description).toMatch(
      /^NPS of all NPS questions by week from \d+ \w+ to \d+ \w+\. Lowest/,
    );

    await figure
      .getByRole("combobox", { name: "Question of the NPS chart" })
      .selectOption("nps-order");
    await page
      .getByRole("img", { name: /NPS by week, Order confirmation \(nps-order\)/ })
      .waitFor();
    await close();
  });

  it("lists comments unhappiest first and filters them by segment and touchpoint", async () => {
    const { page, close } = await open(url);
    const chips = page.locator(".comments .score-chip");
    await chips.first().waitFor();
    expect(await chips.first().textContent()).toMatch(/detractor|unsatisfied|hard/);

    await page.getByRole("combobox", { name: "Segment" }).selectOption("promoter");
    await expect
      .poll(() => chips.allTextContents())
      .toSatisfy(
        (texts: string[]) =>
          texts.length > 0 && texts.every((t) => /^NPS (9|10) out of 10, promoter$/.test(t)),
      );
    expect(page.url()).toContain("segment=promoter");

    await page.getByRole("combobox", { name: "Segment" }).selectOption("");
    await page.getByRole("combobox", { name: "Touchpoint" }).selectOption("help_article");
    await expect
      .poll(() => chips.allTextContents())
      .toSatisfy(
        (texts: string[]) => texts.length > 0 && texts.every((t) => t.startsWith("CSAT ")),
      );
    const before = await chips.count();
    await page.getByRole("button", { name: "Show more comments" }).click();
    await expect.poll(() => chips.count()).toBeGreaterThan(before);
    await close();
  });

  it("exports the filtered events as CSV and NDJSON through the collector", async () => {
    const { page, close } = await open(url, "?days=7");
    await page.locator(".journey").waitFor();
    const csv = await page.getByRole("link", { name: "CSV" }).getAttribute("href");
    const ndjson = await page.getByRole("link", { name: "NDJSON" }).getAttribute("href");
    expect(csv).toMatch(/\/v1\/events\.csv\?from=\d{4}-\d{2}-\d{2}$/);
    const lines = (await (await fetch(ndjson as string, { headers: auth(url) })).text())
      .trim()
      .split("\n");
    const week = await reportOf(url, `?${new URL(ndjson as string).search.slice(1)}`);
    expect(lines).toHaveLength(week.events.received);
    const header = (await (await fetch(csv as string, { headers: auth(url) })).text()).split(
      "\r\n",
    )[0];
    expect(header).toBe(
      "id,site_key,kind,survey_id,survey_type,touchpoint,variant,forced,holdout,score,comment,created_at,received_at,visitor_id,user_id,session_id,url,locale,sdk_version",
    );
    await close();
  });

  it("says how to get data when there is none, and that page passes axe too", async () => {
    const { page, problems, close } = await open(emptyUrl, "", { bypassCSP: true });
    await page.getByRole("heading", { name: "No feedback yet" }).waitFor();
    expect(await page.getByText("npm run demo -- --seed").count()).toBe(1);
    expect(await axe(page)).toEqual([]);
    expect(problems).toEqual([]);
    await close();
  });

  it("lays the stages out in the journey order its URL names, before the collector's", async () => {
    const { page, close } = await open(url, "?journey=help_article,cart");
    await page.locator(".journey").waitFor();
    expect((await page.locator(".journey > li h3").allTextContents()).slice(0, 3)).toEqual([
      "Help article",
      "Cart",
      "Order confirmation",
    ]);
    await close();
  });

  it("names the collector's refusal when a read fails", async () => {
    const { page, close } = await open(
      url,
      "?site=bad%20site%20key%20that%20is%20far%20too%20long".padEnd(300, "x"),
    );
    await page.getByRole("alert").waitFor();
    expect(await page.getByRole("alert").textContent()).toContain(
      "siteKey: expected at most 128 characters",
    );
    await close();
  });
});
