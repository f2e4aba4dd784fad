// The unseen rehearsal of an armed survey's prompt, in real Chromium through dist/touchpoint.js
// and the snippet: at idle the prompt is mounted and removed in one task, then again, laid out
// this time, in a second one, so the real prompt's first frame finds the browser's caches and
// the compiled code warm. These tests check
// what a page and a visitor could notice: no frame ever holds it, nothing is recorded or emitted,
// focus stays, and the real prompt then opens and counts one impression.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { TouchpointConfig } from "../../src/config/types";
import { config, eventually, npsSurvey, openPage, snippetPage } from "./pages";
import { useSite } from "./use-site";

const used = useSite();

/**
 * Runs in the page before anything else: records every `touchpoint-prompt` added to or removed
 * from the body, the text drawn into its shadow root, the animation frames that began with one
 * in the page, and the `shown` events.
 */
const WATCH = `
window.__seen = { added: 0, removed: 0, texts: [], framesWithPrompt: 0, shown: 0 };
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) {
  const root = attach.call(this, init);
  if (this.localName === "touchpoint-prompt")
    new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) window.__seen.texts.push(n.textContent);
    }).observe(root, { childList: true, subtree: true });
  return root;
};
new MutationObserver((records) => {
  for (const r of records) {
    for (const n of r.addedNodes) if (n.localName === "touchpoint-prompt") window.__seen.added++;
    for (const n of r.removedNodes) if (n.localName === "touchpoint-prompt") window.__seen.removed++;
  }
}).observe(document, { childList: true, subtree: true });
const frame = () => {
  if (document.querySelector("touchpoint-prompt")) window.__seen.framesWithPrompt++;
  requestAnimationFrame(frame);
};
requestAnimationFrame(frame);
`;

interface Seen {
  added: number;
  removed: number;
  texts: string[];
  framesWithPrompt: number;
  shown: number;
}
const seen = (page: Page) => page.evaluate(() => (window as unknown as { __seen: Seen }).__seen);

let sites = 0;
async function open(extra: TouchpointConfig = {}, calls = "") {
  const context = await used.context();
  await context.addInitScript(WATCH);
  sites += 1;
  const html = snippetPage(
    { ...config(used.site), siteKey: `rehearsal${sites}`, ...extra },
    `touchpoint.on("shown", function () { window.__seen.shown++; });\n${calls}`,
    '<h1>Shop</h1><input id="search" autofocus>',
  );
  return openPage(context, used.site.page(`/shop/${sites}`, html));
}

describe("rehearsal at idle", () => {
  it("mounts the armed survey's prompt and removes it in the same task, twice: no frame holds it, nothing is recorded", async () => {
    const { page, pageErrors, consoleErrors } = await open();
    const after = await eventually(
      () => seen(page),
      (s) => s.removed === 2,
    );
    // Twice, in two idle tasks: the code and the style, then again with the layout.
    expect(after.added).toBe(2);
    // Drawn for real: the survey's own question was laid out.
    expect(after.texts.join(" ")).toContain(npsSurvey.copy.question);
    expect(after.framesWithPrompt).toBe(0);
    expect(after.shown).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("search");
    expect(await page.locator("touchpoint-prompt").count()).toBe(0);
    // Nothing was queued for the collector.
    await page.evaluate(() => window.touchpoint?.flush());
    expect(used.site.received.filter((e) => e.siteKey === `rehearsal${sites}`)).toEqual([]);
    expect(pageErrors).toEqual([]);
    // Chromium asks for /favicon.ico, which the test site does not serve.
    expect(consoleErrors.filter((m) => !m.includes("404 (Not Found)"))).toEqual([]);
  });

  it("leaves the real prompt to open as before, with one impression", async () => {
    const { page, pageErrors } = await open();
    await eventually(
      () => seen(page),
      (s) => s.removed === 2,
    );
    await page.evaluate(() => window.touchpoint?.track("order_completed"));
    await page.getByRole("group", { name: npsSurvey.copy.question }).waitFor();
    const after = await eventually(
      () => seen(page),
      (s) => s.shown === 1 && s.framesWithPrompt > 0,
    );
    expect(after.added).toBe(3);
    await page.evaluate(() => window.touchpoint?.flush());
    const impressions = await eventually(
      () =>
        used.site.received.filter(
          (e) => e.kind === "impression" && e.siteKey === `rehearsal${sites}`,
        ),
      (list) => list.length > 0,
    );
    expect(impressions).toHaveLength(1);
    expect(pageErrors).toEqual([]);
  });

  it("skips it when a prompt is already open, and where no survey is armed", async () => {
    const opened = await open({}, 'touchpoint.show("nps-order");');
    await opened.page.getByRole("group", { name: npsSurvey.copy.question }).waitFor();
    await rehearsalDue(opened.page);
    expect((await seen(opened.page)).added).toBe(1);

    // Only a survey whose URL rule this page does not match; explain() starts the engine.
    const unarmed = await open({
      surveys: [{ ...npsSurvey, trigger: { ...npsSurvey.trigger, url: "/thank-you/*" } }],
    } as TouchpointConfig);
    await unarmed.page.evaluate(() => window.touchpoint?.explain());
    await unarmed.page.evaluate(idleTwice);
    expect((await seen(unarmed.page)).added).toBe(0);
  });
});

const idleTwice = () =>
  new Promise((resolve) => requestIdleCallback(() => requestIdleCallback(resolve)));

/**
 * Waits until a rehearsal would have run: the steps part (fetched ahead with the UI, after which
 * the rehearsal waits for idle) has loaded, and two idle callbacks asked after that have run.
 */
async function rehearsalDue(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    performance
      .getEntriesByType("resource")
      .some(
        (e) =>
          e.name.includes("touchpoint-steps") && (e as PerformanceResourceTiming).responseEnd > 0,
      ),
  );
  await page.evaluate(idleTwice);
}
