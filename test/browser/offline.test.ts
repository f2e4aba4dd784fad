// The visitor on a train: the page loads, the network drops, then the moment the survey waits
// for happens. The chunks were fetched ahead (at idle, once the survey was armed), so the prompt
// shows; the answer waits in IndexedDB and reaches the collector once, when the network is back.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { launch } from "./chromium";
import { answerNps, config, eventually, npsSurvey, openPage, snippetPage } from "./pages";
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

/** Matches the content-hashed file of a chunk: `/dist/touchpoint-engine-<hash>.mjs`. */
const isChunk = (name: string) => (path: string) =>
  new RegExp(`^/dist/touchpoint-${name}-[\\w-]{8}\\.mjs$`).test(path);

/** Paths of the chunk files the context fetched completely, in order. */
function fetchedChunks(context: BrowserContext): string[] {
  const done: string[] = [];
  context.on("requestfinished", (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith("/dist/touchpoint-")) done.push(path);
  });
  return done;
}

/** The engine's sending part, a file of its own. */
const SENDING_PART = /\/dist\/touchpoint-send-[\w-]{8}\.mjs$/;

/** Language chunks: one per built-in language other than English. */
const LANGUAGES = ["ar", "de", "es", "fr", "he", "ja"];
const languagesIn = (chunks: string[]) => LANGUAGES.filter((l) => chunks.some(isChunk(l)));

/** The order survey, asking "why?" after every answer. */
const withFollowUp = { ...npsSurvey, copy: { ...npsSurvey.copy, followUp: "Why that score?" } };

async function orderPage(
  context: BrowserContext,
  locale?: string,
  survey: object = npsSurvey,
): Promise<Page> {
  const html = snippetPage(
    config(site, { surveys: [survey] as never, ...(locale ? { locale } : {}) }),
    `touchpoint.on("ready", function () { window.tpReady = true; });`,
  );
  const { page, pageErrors } = await openPage(context, site.page("/order.html", html));
  page.on("close", () => expect(pageErrors).toEqual([]));
  await page.waitForFunction(() => (window as unknown as { tpReady?: boolean }).tpReady === true);
  return page;
}

describe("offline", () => {
  it("shows the prompt after the network dropped, and delivers the answer once when it is back", async () => {
    site = await startSite();
    const context = await browser.newContext();
    const chunks = fetchedChunks(context);
    const page = await orderPage(context);
    // Fetched ahead, before any trigger: the survey is armed on this page. The engine (with the
    // question UI in the same file) fetches its sending part (a file of its own) as it starts.
    const ahead = (c: string[]) => ["engine", "send"].every((n) => c.some(isChunk(n)));
    expect(ahead(await eventually(() => chunks, ahead))).toBe(true);

    await context.setOffline(true);
    await page.evaluate(() => window.touchpoint?.track("order_completed"));
    await answerNps(page, 8);
    expect(site.received.filter((e) => e.kind === "answer")).toEqual([]);

    await context.setOffline(false);
    const answers = await eventually(
      () => site.received.filter((e) => e.kind === "answer"),
      (a) => a.length > 0,
    );
    expect(answers[0]).toMatchObject({ surveyId: "nps-order", score: 8 });
    // Delivered once: the collector got the answer in one request, and nothing is left to send.
    await page.evaluate(() => window.touchpoint?.flush());
    expect(site.received.filter((e) => e.kind === "answer")).toHaveLength(1);
    expect(site.received.filter((e) => e.kind === "impression")).toHaveLength(1);
    // English is built into the engine and UI chunk: no language chunk was fetched.
    expect(languagesIn(chunks)).toEqual([]);
    await context.close();
  });

  it("shows a German visitor's prompt in German after the network dropped: only German came ahead", async () => {
    site = await startSite();
    const context = await browser.newContext();
    const chunks = fetchedChunks(context);
    const page = await orderPage(context, "de-DE");
    const ahead = (c: string[]) => ["engine", "send", "de"].every((n) => c.some(isChunk(n)));
    expect(ahead(await eventually(() => chunks, ahead))).toBe(true);
    expect(languagesIn(chunks)).toEqual(["de"]);

    await context.setOffline(true);
    await page.evaluate(() => window.touchpoint?.track("order_completed"));
    await page.getByRole("radio", { name: "8", exact: true }).check();
    await page.getByRole("button", { name: "Absenden" }).click();
    await page.getByText("Vielen Dank für Ihr Feedback!").waitFor();
    expect(await page.locator("touchpoint-prompt").getAttribute("lang")).toBe("de-DE");

    await context.setOffline(false);
    const answers = await eventually(
      () => site.received.filter((e) => e.kind === "answer"),
      (a) => a.length > 0,
    );
    expect(answers[0]).toMatchObject({ surveyId: "nps-order", score: 8, locale: "de-DE" });
    await context.close();
  });

  it("asks an English visitor's follow-up after the network dropped: the steps after the answer came ahead", async () => {
    site = await startSite();
    const context = await browser.newContext();
    const chunks = fetchedChunks(context);
    const page = await orderPage(context, undefined, withFollowUp);
    const ahead = (c: string[]) => ["engine", "steps"].every((n) => c.some(isChunk(n)));
    expect(ahead(await eventually(() => chunks, ahead))).toBe(true);

    await context.setOffline(true);
    await page.evaluate(() => window.touchpoint?.track("order_completed"));
    await page.getByRole("radio", { name: "6", exact: true }).check();
    await page.getByRole("button", { name: "Submit" }).click();
    const why = page.getByRole("textbox", { name: "Why that score?" });
    await why.waitFor();
    // Styled as it appears: the part's rules are adopted in the same render (5em = 80 px).
    expect(await why.evaluate((el) => getComputedStyle(el).minHeight)).toBe("80px");
    // Focus moved from the gone question to the follow-up, as before the split.
    expect(await why.evaluate((el) => el.getRootNode() instanceof ShadowRoot)).toBe(true);
    expect(
      await page.evaluate(
        () => document.querySelector("touchpoint-prompt")?.shadowRoot?.activeElement?.tagName,
      ),
    ).toBe("TEXTAREA");
    await page.keyboard.type("Slow checkout");
    await page.getByRole("button", { name: "Send" }).click();
    await page.getByText("Thank you for your feedback!").waitFor();

    await context.setOffline(false);
    const answer = await eventually(
      () => site.received.find((e) => e.kind === "answer" && e.comment),
      (a) => a !== undefined,
    );
    expect(answer).toMatchObject({ surveyId: "nps-order", score: 6, comment: "Slow checkout" });
    await context.close();
  });

  it("records and thanks an answer when the steps part cannot load, never throwing into the page", async () => {
    site = await startSite();
    const context = await browser.newContext();
    await context.route(/\/touchpoint-steps-[\w-]{8}\.mjs$/, (route) => route.abort());
    const page = await orderPage(context, undefined, withFollowUp);
    await page.evaluate(() => window.touchpoint?.track("order_completed"));
    await answerNps(page, 6);
    expect(await page.getByRole("textbox").count()).toBe(0);
    const answers = await eventually(
      () => site.received.filter((e) => e.kind === "answer"),
      (a) => a.length > 0,
    );
    expect(answers[0]).toMatchObject({ surveyId: "nps-order", score: 6 });
    await context.close(); // the page's errors are checked as it closes
  });

  it("thanks an answer without the follow-up when the steps part never arrives (a bounded wait)", async () => {
    site = await startSite();
    const context = await browser.newContext();
    await context.route(/\/touchpoint-steps-[\w-]{8}\.mjs$/, () => undefined); // never answered
    const page = await orderPage(context, undefined, withFollowUp);
    await page.evaluate(() => window.touchpoint?.track("order_completed"));
    await answerNps(page, 9);
    expect(await page.getByRole("textbox").count()).toBe(0);
    await context.close();
  });

  it("fetches nothing ahead when the visitor asked to save data", async () => {
    site = await startSite();
    const context = await browser.newContext();
    await context.addInitScript(() => {
      Object.defineProperty(navigator, "connection", { value: { saveData: true } });
    });
    const chunks = fetchedChunks(context);
    const page = await orderPage(context);
    // Long enough for an idle callback on an idle page: the prefetch would have happened.
    await page.evaluate(
      () => new Promise((resolve) => requestIdleCallback(() => setTimeout(resolve, 300))),
    );
    expect(chunks).toEqual([]);
    // The prompt still shows online, its code fetched when the survey triggers.
    await page.evaluate(() => window.touchpoint?.track("order_completed"));
    await page.getByRole("radio", { name: "8", exact: true }).waitFor();
    expect(chunks.some(isChunk("engine"))).toBe(true);
    await context.close();
  });

  it("shows a prompt and keeps its answer with only the script and one chunk reachable", async () => {
    site = await startSite();
    const context = await browser.newContext();
    // Every other file of the build fails: the sending part, the steps, the language chunks.
    const engine = isChunk("engine");
    const blocked: string[] = [];
    await context.route(/\/dist\/touchpoint-[^/]*\.mjs$/, (route) => {
      const path = new URL(route.request().url()).pathname;
      if (engine(path)) return route.continue();
      blocked.push(path);
      return route.abort("internetdisconnected");
    });
    const chunks = fetchedChunks(context);
    const html = snippetPage(config(site, { surveys: [npsSurvey] as never }));
    const { page, pageErrors } = await openPage(context, site.page("/order.html", html));
    await page.evaluate(() => window.touchpoint?.track("order_completed"));
    // The question and its thank-you come with the engine: the answer is in IndexedDB.
    await answerNps(page, 8);
    expect(chunks.filter((c) => c.startsWith("/dist/touchpoint-"))).toEqual([
      expect.stringMatching(/^\/dist\/touchpoint-engine-[\w-]{8}\.mjs$/),
    ]);
    // The sending part was asked for (and refused): the answer waits in IndexedDB.
    expect(blocked.some((path) => SENDING_PART.test(path))).toBe(true);
    expect(site.received).toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  /** Answers on a page that could not fetch the engine's sending part; it said so, once. */
  async function answerWithoutSending(context: BrowserContext) {
    await context.route(SENDING_PART, (route) => route.abort("internetdisconnected"));
    const html = snippetPage(
      config(site, { surveys: [npsSurvey] as never }),
      `window.tpErrors = []; touchpoint.on("error", function (e) { window.tpErrors.push(e.message); });`,
    );
    const opened = await openPage(context, site.page("/order.html", html));
    const { page } = opened;
    await page.evaluate(() => window.touchpoint?.track("order_completed"));
    // The thank-you shows once the answer is in IndexedDB, with no sending code on the page.
    await answerNps(page, 8);
    await page.evaluate(() => window.touchpoint?.flush());
    const errors = () =>
      page.evaluate(() => (window as unknown as { tpErrors: string[] }).tpErrors);
    const said = await eventually(errors, (e) => e.length > 0);
    expect(said).toEqual([expect.stringMatching(/^could not load the sending part \(/)]);
    expect(site.received).toEqual([]);
    expect(opened.pageErrors).toEqual([]);
    await context.unroute(SENDING_PART);
    return opened;
  }

  const answered = () =>
    eventually(
      () => site.received.filter((e) => e.kind === "answer"),
      (a) => a.length > 0,
    );

  it("the sending part could not be fetched: the answer is kept, and the next page sends it", async () => {
    site = await startSite();
    const context = await browser.newContext();
    const { page } = await answerWithoutSending(context);
    await page.close();
    const next = await openPage(context, `${site.url}/order.html`);
    expect(await answered()).toEqual([
      expect.objectContaining({ surveyId: "nps-order", score: 8 }),
    ]);
    expect(next.pageErrors).toEqual([]);
    await context.close();
  });

  it("the sending part could not be fetched: the next flush fetches it again and sends", async () => {
    site = await startSite();
    const context = await browser.newContext();
    const { page, pageErrors } = await answerWithoutSending(context);
    await page.evaluate(() => window.touchpoint?.flush());
    expect(await answered()).toEqual([
      expect.objectContaining({ surveyId: "nps-order", score: 8 }),
    ]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
