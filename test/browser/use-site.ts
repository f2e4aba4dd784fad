// The lifecycle most browser test files share: Chromium and a test site started before the file's
// tests and closed after them, and browser contexts that are closed after each test.
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, afterEach, beforeAll } from "vitest";
import { launch } from "./chromium";
import { startSite, type TestSite } from "./server";

export interface UsedSite {
  readonly browser: Browser;
  readonly site: TestSite;
  /** A fresh context, closed after the test that asked for it. */
  context(options?: Parameters<Browser["newContext"]>[0]): Promise<BrowserContext>;
}

/** Call at the top level of a test file (it registers vitest hooks). */
export function useSite(): UsedSite {
  let browser: Browser | undefined;
  let site: TestSite | undefined;
  const open: BrowserContext[] = [];
  beforeAll(async () => {
    [browser, site] = await Promise.all([launch(), startSite()]);
  });
  afterAll(async () => {
    await site?.close();
    await browser?.close();
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((c) => c.close()));
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("the browser and test site have not started yet");
    return value;
  };
  return {
    get browser() {
      return started(browser);
    },
    get site() {
      return started(site);
    },
    async context(options) {
      const context = await started(browser).newContext(options);
      open.push(context);
      return context;
    },
  };
}
