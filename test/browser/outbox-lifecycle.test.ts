// The outbox across the page's and the browser's lifecycle in real Chromium: unload, closing the
// browser, back/forward cache, cleared site data, an older store, a cross-origin collector and
// a clock that jumps (issue 5's fault list, items 9, 18, 19, 22, 23, 24, 27).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, launch } from "./chromium";
import {
  answer,
  DB_NAME,
  engineReady,
  expectStored,
  inject,
  outboxPage,
  posts,
  queuedIds,
} from "./outbox-pages";
import { type OutboxSite, startOutboxSite } from "./outbox-site";
import { eventually, openPage } from "./pages";

let browser: Browser;
let site: OutboxSite;
let context: BrowserContext | undefined;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});
afterEach(async () => {
  await context?.close();
  context = undefined;
  await site?.close();
});

async function open(collector = {}, before = "") {
  site = await startOutboxSite();
  context = await browser.newContext();
  const url = site.page("/order.html", outboxPage(site, collector, before));
  site.page("/other.html", "<!doctype html><title>Other</title><p>Another page</p>");
  const opened = await openPage(context, url);
  await engineReady(opened.page);
  return { ...opened, url };
}

describe("page and browser lifecycle", () => {
  it("9. browser closed right after answering: the next start sends it, same id", async () => {
    site = await startOutboxSite();
    const url = site.page("/order.html", outboxPage(site));
    const dir = await mkdtemp(join(tmpdir(), "touchpoint-profile-"));
    const persistent = () =>
      chromium.launchPersistentContext(dir, {
        executablePath: CHROMIUM,
        args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-quic"],
      });
    try {
      site.collector.behave([], "drop");
      const first = await persistent();
      const page = first.pages()[0] ?? (await first.newPage());
      await page.goto(url);
      await engineReady(page);
      const id = await answer(page);
      await first.close();
      expect(site.collector.stored.has(id)).toBe(false);

      site.collector.behave([], { status: 200 });
      const second = await persistent();
      const again = second.pages()[0] ?? (await second.newPage());
      await again.goto(url);
      await expectStored(site.collector, [id]);
      await eventually(
        () => queuedIds(again),
        (q) => q.length === 0,
      );
      await second.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("22. unload with more than 64 KiB queued: sends what fits, the next load the rest", async () => {
    const { page, url } = await open();
    // Retry-After holds the regular retries off, so only the unload's keepalive sends are counted
    // below (with the test's fast backoff a retry could land in the same window).
    site.collector.behave([], { status: 503, headers: { "Retry-After": "3600" } });
    const events = await inject(page, 120, { commentBytes: 1500 });
    await page.evaluate(() => window.touchpoint?.flush());
    await eventually(
      () => posts(site.collector).length,
      (n) => n > 0,
    );
    site.collector.behave([], "hang");
    const before = posts(site.collector).length;
    await page.goto(`${site.url}/other.html`);
    const unload = await eventually(
      () => posts(site.collector).slice(before),
      (r) => r.length > 0,
    );
    await page.waitForTimeout(300);
    const sentAtUnload = posts(site.collector).slice(before);
    const bytes = sentAtUnload.reduce((sum, r) => sum + r.bytes, 0);
    expect(unload.length).toBeGreaterThan(0);
    expect(bytes).toBeGreaterThan(30_000);
    expect(bytes).toBeLessThanOrEqual(64 * 1024);
    expect(sentAtUnload.every((r) => r.contentType?.startsWith("text/plain"))).toBe(true);
    const ids = sentAtUnload.flatMap((r) => r.events.map((e) => e.id));
    expect(ids.length).toBeLessThan(events.length);
    expect(new Set(ids).size).toBe(ids.length);

    site.collector.releaseHanging();
    site.collector.behave([], { status: 200 });
    await page.goto(url);
    // flush() ends the collector's hour-long Retry-After wait.
    await engineReady(page);
    await expectStored(
      site.collector,
      events.map((e) => e.id),
    );
  });

  it("23. cross-origin collector: the unload POST arrives, with no preflight", async () => {
    site = await startOutboxSite();
    const other = await site.crossOrigin();
    context = await browser.newContext();
    const url = site.page("/order.html", outboxPage(site, { url: other.url }));
    site.page("/other.html", "<!doctype html><title>Other</title>");
    const { page } = await openPage(context, url);
    await engineReady(page);
    other.behave([], { status: 503 });
    const id = await answer(page);
    await eventually(
      () => posts(other).length,
      (n) => n > 0,
    );
    other.behave([], { status: 200 });
    const before = posts(other).length;
    await page.goto(`${site.url}/other.html`);
    await expectStored(other, [id]);
    const unload = posts(other).slice(before);
    expect(unload.length).toBeGreaterThan(0);
    expect(unload[0]?.origin).toBe(site.url);
    expect(unload[0]?.contentType).toMatch(/^text\/plain/);
    expect(other.requests.filter((r) => r.method === "OPTIONS")).toEqual([]);
  });

  it("27. back/forward cache: restored without duplicate listeners or a double flush", async () => {
    const counting = `window.__listeners = {};
var add = EventTarget.prototype.addEventListener;
EventTarget.prototype.addEventListener = function (type) {
  if (/^(pagehide|pageshow|online|visibilitychange)$/.test(type))
    window.__listeners[type] = (window.__listeners[type] || 0) + 1;
  return add.apply(this, arguments);
};
window.__restored = 0;
add.call(window, "pageshow", function (e) { if (e.persisted) window.__restored += 1; });`;
    // Playwright turns the back/forward cache off by default; this test turns it back on.
    const bfcache = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-quic"],
      ignoreDefaultArgs: ["--disable-back-forward-cache"],
    });
    site = await startOutboxSite();
    context = await bfcache.newContext();
    context.on("close", () => void bfcache.close());
    site.page("/other.html", "<!doctype html><title>Other</title><p>Another page</p>");
    const { page } = await openPage(
      context,
      site.page("/order.html", outboxPage(site, {}, counting)),
    );
    await engineReady(page);
    const first = await answer(page);
    await expectStored(site.collector, [first]);
    const listeners = await page.evaluate(
      () => (window as never as { __listeners: object }).__listeners,
    );
    // The collector asks for 30 s of quiet: only the unload path may send before then.
    site.collector.behave([], { status: 503, headers: { "Retry-After": "30" } });
    const second = await answer(page);
    await eventually(
      () => site.collector.received.filter((e) => e.id === second).length,
      (n) => n === 1,
    );
    await page.goto(`${site.url}/other.html`);
    await page.goBack({ waitUntil: "commit" });
    await page.waitForTimeout(500);
    const restored = await page.evaluate(
      () => (window as never as { __restored: number }).__restored,
    );
    expect(restored).toBe(1);
    // pagehide and visibilitychange both asked; one keepalive request went; the restore sent nothing.
    expect(site.collector.received.filter((e) => e.id === second)).toHaveLength(2);
    expect(
      await page.evaluate(() => (window as never as { __listeners: object }).__listeners),
    ).toEqual(listeners);
    site.collector.behave([], { status: 200 });
    await page.evaluate(() => window.touchpoint?.flush());
    await expectStored(site.collector, [first, second]);
    await page.waitForTimeout(300);
    expect(site.collector.received.filter((e) => e.id === second)).toHaveLength(3);
    expect(await queuedIds(page)).toEqual([]);
  });

  it("18. site data cleared mid-session and between visits: starts clean and delivers", async () => {
    const { page, url } = await open();
    const cdp = await context?.newCDPSession(page);
    const first = await answer(page);
    await expectStored(site.collector, [first]);
    await cdp?.send("Storage.clearDataForOrigin", { origin: site.url, storageTypes: "all" });
    const second = await answer(page);
    await expectStored(site.collector, [first, second]);

    site.collector.behave([], { status: 503 });
    const lost = await answer(page);
    await page.goto(`${site.url}/other.html`);
    await cdp?.send("Storage.clearDataForOrigin", { origin: site.url, storageTypes: "all" });
    site.collector.behave([], { status: 200 });
    await page.goto(url);
    await engineReady(page);
    const third = await answer(page);
    await expectStored(site.collector, [first, second, third]);
    // What the visitor's browser deleted is gone; nothing else is, and nothing broke.
    expect(lost).not.toBe(third);
    expect(await page.evaluate(() => window.__tp.errors)).toEqual([]);
  });

  it("19. a version 1 store with events queued is upgraded, and its events delivered", async () => {
    site = await startOutboxSite();
    context = await browser.newContext();
    const blank = site.page("/blank.html", "<!doctype html><title>Blank</title>");
    const url = site.page("/order.html", outboxPage(site));
    const { page } = await openPage(context, blank);
    const ids = await page.evaluate(
      (name) =>
        new Promise<string[]>((resolve, reject) => {
          // What the first releases created: idb-keyval's createStore, no version given.
          const open = indexedDB.open(name);
          open.onupgradeneeded = () => open.result.createObjectStore("kv");
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const tx = db.transaction("kv", "readwrite");
            const ids = [crypto.randomUUID(), crypto.randomUUID()];
            for (const id of ids) {
              const event = {
                id,
                kind: "answer",
                siteKey: "test",
                surveyId: "nps-order",
                surveyType: "nps",
                touchpoint: "order_confirmation",
                variant: "control",
                score: 8,
                createdAt: new Date().toISOString(),
                visitorId: "v1",
                sessionId: "s1",
                url: location.href,
                locale: "en",
                sdkVersion: "0.0.1",
              };
              tx.objectStore("kv").put({ event, rev: 1 }, `q:${id}`);
            }
            tx.oncomplete = () => {
              db.close();
              localStorage.setItem("touchpoint:test:pending", "1");
              resolve(ids);
            };
          };
        }),
      DB_NAME,
    );
    await page.goto(url);
    await expectStored(site.collector, ids);
    const version = await page.evaluate(
      (name) =>
        new Promise<number>((resolve) => {
          const open = indexedDB.open(name);
          open.onsuccess = () => {
            resolve(open.result.version);
            open.result.close();
          };
        }),
      DB_NAME,
    );
    expect(version).toBe(2);
  });

  it("24. the clock jumps back and forward: no stall, nothing dropped, stored once", async () => {
    site = await startOutboxSite();
    context = await browser.newContext();
    const url = site.page("/order.html", outboxPage(site));
    const page = await context.newPage();
    await page.clock.install();
    await page.goto(url);
    await engineReady(page);
    site.collector.behave([], { status: 503 });
    const events = await inject(page, 3);
    const first = await answer(page);
    await page.clock.setSystemTime(Date.now() - 3 * 24 * 3600 * 1000);
    await page.clock.runFor(2000);
    await page.clock.setSystemTime(Date.now() + 10 * 24 * 3600 * 1000);
    await page.clock.runFor(2000);
    site.collector.behave([], { status: 200 });
    await page.clock.setSystemTime(Date.now() - 3600 * 1000);
    for (let i = 0; i < 20 && !site.collector.stored.has(first); i++) await page.clock.runFor(500);
    await expectStored(site.collector, [first, ...events.map((e) => e.id)]);
    expect(await page.evaluate(() => window.__tp.errors)).toEqual([]);
  });
});
