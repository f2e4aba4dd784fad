// Several tabs of one site in real Chromium (one context: shared IndexedDB, Web Locks and
// localStorage): one flusher at a time, a shared backoff, and no stall when the leader freezes.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { launch } from "./chromium";
import { engineReady, expectStored, inject, outboxPage, posts, queuedIds } from "./outbox-pages";
import { type OutboxSite, startOutboxSite } from "./outbox-site";
import { eventually, openPage } from "./pages";

let browser: Browser;
let site: OutboxSite;
let context: BrowserContext;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});
afterEach(async () => {
  await context?.close();
  await site?.close();
});

async function tabs(count: number, collector = {}): Promise<{ url: string; pages: Page[] }> {
  site = await startOutboxSite();
  context = await browser.newContext();
  const url = site.page("/order.html", outboxPage(site, collector));
  const pages: Page[] = [];
  for (let i = 0; i < count; i++) pages.push((await openPage(context, url)).page);
  return { url, pages };
}

describe("several tabs", () => {
  it("10. three tabs with 200 queued events: each sent once, one request at a time", async () => {
    site = await startOutboxSite();
    context = await browser.newContext();
    const url = site.page("/order.html", outboxPage(site));
    const first = (await openPage(context, url)).page;
    await engineReady(first);
    site.collector.behave([], { status: 503 });
    const events = await inject(first, 200);
    site.collector.requests.length = 0;
    site.collector.received.length = 0;
    site.collector.behave([], { delayMs: 100 });
    const others = await Promise.all([openPage(context, url), openPage(context, url)]);
    await Promise.all(
      [first, ...others.map((o) => o.page)].map((p) =>
        p.evaluate(() => window.touchpoint?.flush()),
      ),
    );
    await expectStored(
      site.collector,
      events.map((e) => e.id),
    );
    await first.waitForTimeout(500);
    expect(site.collector.mostInFlight).toBe(1);
    expect(site.collector.received).toHaveLength(200);
    expect(posts(site.collector)).toHaveLength(2);
    expect(await queuedIds(first)).toEqual([]);
  });

  it("11. a leader frozen mid-flush (paused): another tab takes over once its lease lapses", async () => {
    site = await startOutboxSite();
    context = await browser.newContext();
    const url = site.page("/order.html", outboxPage(site, { timeoutMs: 1000 }));
    const leader = (await openPage(context, url)).page;
    await engineReady(leader);
    site.collector.behave([], { status: 503 });
    const events = await inject(leader, 150);
    site.collector.behave(["hang"]);
    void leader.evaluate(() => window.touchpoint?.flush());
    await eventually(
      () => posts(site.collector).length,
      (n) => n > 0,
    );
    // Headless Chromium's pages are all visible, and Page.setWebLifecycleState freezes only
    // hidden ones: pausing the leader's script in the debugger stops its timers and callbacks
    // just the same, with its Web Lock held.
    const cdp = await context.newCDPSession(leader);
    await cdp.send("Debugger.enable");
    await cdp.send("Debugger.pause");
    const heldAt = Date.now();

    const other = (await openPage(context, url)).page;
    await expectStored(
      site.collector,
      events.map((e) => e.id),
      15_000,
    );
    // It waited for the frozen leader's lease (timeout + margin) rather than sending alongside.
    const takeover = posts(site.collector)[1]?.at ?? 0;
    expect(takeover - heldAt).toBeGreaterThanOrEqual(1500);

    const before = posts(site.collector).length;
    site.collector.releaseHanging();
    await cdp.send("Debugger.resume");
    await leader.waitForTimeout(1500);
    expect(posts(site.collector).length).toBe(before);
    expect(await queuedIds(other)).toEqual([]);
  });

  it("20. collector down for long: one request per backoff interval per site, not per tab", async () => {
    const { pages } = await tabs(3, { retryBaseMs: 100, retryMaxMs: 200 });
    await Promise.all(pages.map(engineReady));
    site.collector.behave([], { status: 503, headers: { "Retry-After": "1" } });
    await inject(pages[0] as Page, 5);
    await Promise.all(pages.map((p) => p.evaluate(() => window.touchpoint?.flush())));
    const start = Date.now();
    await pages[0]?.waitForTimeout(4500);
    const at = posts(site.collector)
      .map((r) => r.at)
      .filter((t) => t >= start);
    // Per tab it would be about 3 x 4 = 12; per site, about 4 or 5.
    expect(at.length).toBeGreaterThanOrEqual(3);
    expect(at.length).toBeLessThanOrEqual(5);
    const gaps = at.slice(1).map((t, i) => t - (at[i] ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(900);
  });

  it("21. online/offline flapping: one flush at a time, nothing lost or stored twice", async () => {
    const { pages } = await tabs(2);
    await Promise.all(pages.map(engineReady));
    site.collector.behave([], { status: 503 });
    const events = await inject(pages[0] as Page, 30);
    site.collector.behave([], { delayMs: 50 });
    for (let i = 0; i < 15; i++) {
      await context.setOffline(true);
      await pages[0]?.waitForTimeout(20);
      await context.setOffline(false);
      await pages[0]?.waitForTimeout(20);
    }
    await expectStored(
      site.collector,
      events.map((e) => e.id),
    );
    expect(site.collector.mostInFlight).toBe(1);
    expect(posts(site.collector).length).toBeLessThanOrEqual(20);
  });
});
