// The frequency ledger on the trigger's path, in real Chromium through the snippet: a trigger
// decides from the ledger in memory (no IndexedDB transaction before the prompt is on the page),
// and the site's tabs announce their ledger writes, so another tab's impression still holds a
// second prompt. With the back/forward cache on, a page keeps its place in it, and an announcement
// that reaches it there has it reloaded rather than restored with an old ledger.
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TouchpointConfig } from "../../src/config/types";
import { CHROMIUM } from "./chromium";
import { npsSurvey, openPage, ready, snippetPage } from "./pages";
import { useSite } from "./use-site";

const used = useSite();

let sites = 0;
/** A page of a new site (its own ledger), started and with its engine running. */
async function opened(context: BrowserContext, siteKey: string, path = "/ledger"): Promise<Page> {
  const config = {
    siteKey,
    collector: `${used.site.url}/collect`,
    surveys: [npsSurvey],
  } as unknown as TouchpointConfig;
  const { page } = await openPage(context, used.site.page(path, snippetPage(config)));
  // explain() starts the engine and reads the ledger once: afterwards it is in memory.
  await ready(page);
  return page;
}

const question = (page: Page) => page.getByRole("group", { name: npsSurvey.copy.question });

describe("the frequency ledger on the trigger's path", () => {
  it("a trigger opens no IndexedDB transaction before its prompt is on the page", async () => {
    const context = await used.context();
    const page = await opened(context, `ledger${++sites}`);
    const before = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          let transactions = 0;
          const open = IDBDatabase.prototype.transaction;
          IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args) {
            transactions += 1;
            return open.apply(this, args);
          } as typeof open;
          new MutationObserver((_, observer) => {
            if (!document.querySelector("touchpoint-prompt")) return;
            observer.disconnect();
            resolve(transactions);
          }).observe(document.body, { childList: true });
          window.touchpoint?.track("order_completed");
        }),
    );
    await question(page).waitFor();
    expect(before).toBe(0);
  });

  it("another tab's impression holds a second prompt, though the trigger reads nothing", async () => {
    const context = await used.context();
    const siteKey = `ledger${++sites}`;
    const first = await opened(context, siteKey, "/ledger-a");
    const second = await opened(context, siteKey, "/ledger-b");
    // The second tab hears the first tab's announcement after its own Touchpoint does (messages
    // reach a page's channels in the order they were made), which then re-reads the ledger. The
    // channel is open before the first tab's trigger, or the announcement could pass it by.
    await second.evaluate((name) => {
      const heard = new Promise<void>((resolve) => {
        const channel = new BroadcastChannel(name);
        channel.onmessage = () => {
          channel.close();
          resolve();
        };
      });
      (window as Window & { heard?: Promise<void> }).heard = heard;
    }, `touchpoint:${siteKey}:ledger`);
    await first.evaluate(() => window.touchpoint?.track("order_completed"));
    await question(first).waitFor();
    await second.evaluate(() => (window as Window & { heard?: Promise<void> }).heard);
    const shown = await second.evaluate(async () => {
      let shownHere = false;
      window.touchpoint?.on("shown", () => {
        shownHere = true;
      });
      window.touchpoint?.track("order_completed");
      // explain() reads the ledger once more: by the time it answers, the trigger has decided.
      const [verdict] = (await window.touchpoint?.explain("nps-order")) ?? [];
      return {
        prompt: document.querySelector("touchpoint-prompt") !== null || shownHere,
        failing: verdict?.verdicts.filter((v) => !v.ok).map((v) => v.rule) ?? [],
      };
    });
    expect(shown).toEqual({ prompt: false, failing: ["frequency.afterShown"] });
  });
});

// Chromium as a visitor has it: Playwright turns the back/forward cache off by default.
describe("the frequency ledger and the back/forward cache", () => {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      ignoreDefaultArgs: ["--disable-back-forward-cache"],
      args: ["--no-sandbox", "--disable-gpu", "--no-first-run"],
    });
  });
  afterAll(() => browser?.close());

  type Marked = Window & { left?: boolean; restored?: boolean };
  /** Leaves a Touchpoint page for another page of the site and comes back with Back. */
  async function away(page: Page, meanwhile: () => Promise<void> = async () => {}) {
    await page.evaluate(() => {
      (window as Marked).left = true;
      window.addEventListener("pageshow", (e) => {
        if (e.persisted) (window as Marked).restored = true;
      });
    });
    await page.goto(used.site.page("/elsewhere", "<h1>Elsewhere</h1>"));
    await meanwhile();
    // A restored page fires no load event, which goBack() waits for by default.
    await page.goBack({ waitUntil: "commit" });
    await page.waitForFunction(
      () =>
        document.readyState === "complete" &&
        (!(window as Marked).left || (window as Marked).restored),
    );
    return page.evaluate(() => {
      const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming & {
        notRestoredReasons?: { reasons?: Array<{ reason: string }> } | null;
      };
      return {
        restored: (window as Marked).restored === true,
        reasons: nav.notRestoredReasons?.reasons?.map((r) => r.reason) ?? [],
      };
    });
  }

  it("Touchpoint's open channel keeps no page out of the cache", async () => {
    const context = await (browser as Browser).newContext();
    const page = await opened(context, `ledger${++sites}`, "/ledger-cached");
    expect(await away(page)).toEqual({ restored: true, reasons: [] });
    await context.close();
  });

  it("a cached page another tab's impression reaches is reloaded, so it misses nothing", async () => {
    const context = await (browser as Browser).newContext();
    const siteKey = `ledger${++sites}`;
    const page = await opened(context, siteKey, "/ledger-left");
    const other = await opened(context, siteKey, "/ledger-other");
    const back = await away(page, async () => {
      // Done once the other tab's Touchpoint has announced the impression (the stamp follows the
      // painted prompt): a second channel of that page hears it.
      await other.evaluate(
        (name) =>
          new Promise<void>((resolve) => {
            const channel = new BroadcastChannel(name);
            channel.onmessage = () => {
              channel.close();
              resolve();
            };
            window.touchpoint?.track("order_completed");
          }),
        `touchpoint:${siteKey}:ledger`,
      );
    });
    // Chromium evicts the page rather than restore it without the announcement it missed (Safari
    // drops the message and restores it: see src/engine/rules.ts). The reason it gives is most
    // often "broadcastchannel-message", sometimes "navigation-canceled" when the eviction meets
    // the Back navigation; either way the page loads afresh.
    expect(back.restored, back.reasons.join()).toBe(false);
    await ready(page);
    const shown = await page.evaluate(async () => {
      window.touchpoint?.track("order_completed");
      const [verdict] = (await window.touchpoint?.explain("nps-order")) ?? [];
      return {
        prompt: document.querySelector("touchpoint-prompt") !== null,
        failing: verdict?.verdicts.filter((v) => !v.ok).map((v) => v.rule) ?? [],
      };
    });
    expect(shown).toEqual({ prompt: false, failing: ["frequency.afterShown"] });
    await context.close();
  });
});
