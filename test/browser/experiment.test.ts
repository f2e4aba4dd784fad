// Copy experiments in Chromium, through the script tag and dist/: sticky variants per visitor and
// per user across reloads, variant labels on every event, forced previews and the holdout.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { SurveyConfig } from "../../src/config/types";
import { assignVariant } from "../../src/experiment/assign";
import type { TouchpointEvent } from "../../src/wire/event";
import { launch } from "./chromium";
import { answerNps, config, eventually, npsSurvey, openPage, ready, snippetPage } from "./pages";
import { startSite, type TestSite } from "./server";

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

const CONTROL = npsSurvey.copy.question;
const BENEFIT = "Would you tell a friend about Acme?";
const variants = [
  { key: "control", weight: 50 },
  { key: "benefit", weight: 50, copy: { question: BENEFIT } },
];
const survey = (experiment: SurveyConfig["experiment"] = {}) =>
  ({ ...npsSurvey, variants, experiment }) as unknown as SurveyConfig;

function pageWith(experiment: SurveyConfig["experiment"], calls = ""): string {
  return site.page(
    `/order-${Math.random().toString(36).slice(2)}.html`,
    snippetPage(config(site, { surveys: [survey(experiment)] }), calls),
  );
}

/** Shows the survey with `show()` (no forcing), returns the question on screen, then closes it. */
async function showAndClose(page: Page): Promise<string> {
  await ready(page);
  expect(await page.evaluate(() => window.touchpoint?.show("nps-order"))).toBe(true);
  const question = (await page.locator("touchpoint-prompt legend").textContent()) ?? "";
  await page.getByRole("button", { name: "Close" }).click();
  await page.locator("touchpoint-prompt").waitFor({ state: "detached" });
  return question;
}

/** Events the collector holds from index `from` of arrival on (one context runs at a time). */
async function eventsSince(page: Page, from: number, count: number): Promise<TouchpointEvent[]> {
  await page.evaluate(() => window.touchpoint?.flush());
  return eventually(
    () => [...new Map(site.received.slice(from).map((e) => [e.id, e])).values()],
    (events) => events.length >= count,
  );
}

/** Visits the page three times (two reloads), showing and closing the prompt on each. */
async function threeVisits(context: BrowserContext, url: string) {
  const from = site.received.length;
  const { page, pageErrors } = await openPage(context, url);
  const questions = [await showAndClose(page)];
  for (let visit = 0; visit < 2; visit++) {
    await page.reload();
    questions.push(await showAndClose(page));
  }
  // One impression (exposure is logged once per visitor and variant) and three dismissals.
  const events = await eventsSince(page, from, 4);
  expect(pageErrors).toEqual([]);
  return { page, questions, events };
}

describe("copy experiments", () => {
  it("keeps each visitor on their assigned variant across reloads, labelling every event", async () => {
    site = await startSite();
    const url = pageWith({});
    for (let visitor = 0; visitor < 2; visitor++) {
      const context = await browser.newContext();
      const { questions, events } = await threeVisits(context, url);
      const visitorId = events[0]?.visitorId ?? "";
      const key = assignVariant({ unitId: visitorId, seed: "nps-order", variants }).key;
      expect(questions).toEqual(Array(3).fill(key === "benefit" ? BENEFIT : CONTROL));
      expect(events.map((e) => e.kind).sort()).toEqual([
        "dismissal",
        "dismissal",
        "dismissal",
        "impression",
      ]);
      for (const event of events) {
        expect(event).toMatchObject({ variant: key, visitorId });
        expect(event.forced).toBeUndefined();
        expect(event.holdout).toBeUndefined();
      }
      await context.close();
    }
  });

  it("shows two users their different variants on every reload with unit 'user'", async () => {
    site = await startSite();
    const users = Array.from({ length: 50 }, (_, i) => `customer-${i}`);
    const keyOf = (unitId: string) => assignVariant({ unitId, seed: "nps-order", variants }).key;
    const byVariant = {
      control: users.find((u) => keyOf(u) === "control"),
      benefit: users.find((u) => keyOf(u) === "benefit"),
    };
    for (const [key, user] of Object.entries(byVariant)) {
      const context = await browser.newContext();
      const url = pageWith({ unit: "user" }, `touchpoint.identify(${JSON.stringify(user)});`);
      const { questions, events } = await threeVisits(context, url);
      expect(questions).toEqual(Array(3).fill(key === "benefit" ? BENEFIT : CONTROL));
      expect(new Set(events.map((e) => `${e.variant} ${e.userId}`))).toEqual(
        new Set([`${key} ${user}`]),
      );
      await context.close();
    }
  });

  it("labels previews forced, from ?touchpoint_variant= and from show(id, { variant })", async () => {
    site = await startSite();
    const context = await browser.newContext();
    const url = pageWith({ coverage: 0 });
    const { page, pageErrors } = await openPage(
      context,
      `${url}?touchpoint_variant=nps-order:benefit`,
    );
    await ready(page);
    await page.evaluate(() => window.touchpoint?.track("order_completed"));
    await page.getByRole("group", { name: BENEFIT }).waitFor();
    await answerNps(page, 10);

    await page.goto(url);
    await ready(page);
    await page.evaluate(() => window.touchpoint?.show("nps-order", { variant: "control" }));
    await page.getByRole("group", { name: CONTROL }).waitFor();
    await answerNps(page, 6);

    const events = await eventsSince(page, 0, 4);
    expect(
      events.map((e) => `${e.kind} ${e.variant} ${e.score ?? "-"} ${e.forced}`).sort(),
    ).toEqual([
      "answer benefit 10 true",
      "answer control 6 true",
      "impression benefit - true",
      "impression control - true",
    ]);
    expect(events.some((e) => e.holdout)).toBe(false);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it("labels visitors outside the coverage holdout, on the control copy", async () => {
    site = await startSite();
    const context = await browser.newContext();
    const { page } = await openPage(context, pageWith({ coverage: 0 }));
    await ready(page);
    await page.evaluate(() => window.touchpoint?.track("order_completed"));
    await page.getByRole("group", { name: CONTROL }).waitFor();
    await answerNps(page, 8);
    const events = await eventsSince(page, 0, 2);
    expect(events.map((e) => `${e.kind} ${e.variant} ${e.holdout} ${e.forced}`).sort()).toEqual([
      "answer control true undefined",
      "impression control true undefined",
    ]);
    await context.close();
  });
});
