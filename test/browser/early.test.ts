// What happens before the first idle moment, in real Chromium through dist/touchpoint.js and the
// snippet: a page view left before the page was ever idle is counted (once), and a click on a
// `click` trigger's element made before the engine watches clicks prompts once the engine is armed.
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { TouchpointConfig } from "../../src/config/types";
import { eventually, openPage, snippetPage } from "./pages";
import { useSite } from "./use-site";

const used = useSite();
let sites = 0;

/** A config of its own (its own site key, so its own journey record). */
function configWith(surveys: unknown[]): TouchpointConfig {
  sites += 1;
  return {
    siteKey: `early${sites}`,
    collector: `${used.site.url}/collect`,
    surveys,
  } as TouchpointConfig;
}

/** The snippet page, with `window.tpReady` set once Touchpoint is ready. */
const pageOf = (config: TouchpointConfig, body?: string) =>
  snippetPage(config, `touchpoint.on("ready", function () { window.tpReady = true; });`, body);

const isReady = (page: Page) =>
  page.waitForFunction(() => (window as unknown as { tpReady?: boolean }).tpReady);

/** This tab's journey record (sessionStorage). */
const journey = (page: Page, siteKey: string) =>
  page.evaluate(
    (key) => JSON.parse(sessionStorage.getItem(`touchpoint:${key}:journey`) ?? "{}"),
    siteKey,
  ) as Promise<{ pages?: number }>;

/** Pages of this context at `path` are never idle: their idle callbacks never run. */
async function neverIdleAt(context: BrowserContext, path: string): Promise<void> {
  await context.addInitScript((busy) => {
    if (location.pathname === busy) window.requestIdleCallback = () => 0;
  }, path);
}

describe("a page left before its first idle moment", () => {
  it("is counted as a page view, once, when the visitor goes on to the next page", async () => {
    const context = await used.context();
    await neverIdleAt(context, "/left");
    const config = configWith([]);
    const siteKey = config.siteKey as string;
    const { page, pageErrors } = await openPage(context, used.site.page("/left", pageOf(config)));
    await isReady(page);
    // Ready, but never idle: nothing counted yet.
    expect(await journey(page, siteKey)).toEqual({});
    await page.goto(used.site.page("/next", pageOf(config)));
    await isReady(page);
    const counted = await eventually(
      () => journey(page, siteKey),
      (j) => j.pages === 2,
    );
    expect(counted.pages).toBe(2);
    expect(pageErrors).toEqual([]);
  });

  it("is counted when its tab is closed, and a later page view counts one more", async () => {
    const context = await used.context();
    await neverIdleAt(context, "/closed");
    const config = configWith([]);
    const siteKey = config.siteKey as string;
    const first = await openPage(context, used.site.page("/closed", pageOf(config)));
    await isReady(first.page);
    // A closed tab's sessionStorage goes with it; its session is counted in localStorage.
    await first.page.close({ runBeforeUnload: true });
    const { page } = await openPage(context, used.site.page("/again", pageOf(config)));
    await isReady(page);
    const sessions = () =>
      page.evaluate(
        (key) => JSON.parse(localStorage.getItem(`touchpoint:${key}:journey`) ?? "{}").sessions,
        siteKey,
      ) as Promise<number | undefined>;
    expect(await eventually(sessions, (n) => n === 2)).toBe(2);
    expect((await journey(page, siteKey)).pages).toBe(1);
  });
});
