// Journey triggers in real Chromium, loading dist/touchpoint.js through the snippet: SPA
// navigation (Navigation API and the history fallback), page signals, hidden-tab timers, the
// shared ledger, debug wording, and what 1,000 route changes leave behind.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { TouchpointConfig } from "../../src/config/types";
import { launch } from "./chromium";
import { eventually, openPage, ready, snippetPage } from "./pages";
import { startSite, type TestSite } from "./server";

let browser: Browser;
let site: TestSite;
let context: BrowserContext | undefined;

beforeAll(async () => {
  browser = await launch();
  site = await startSite();
});
afterAll(async () => {
  await site.close();
  await browser.close();
});
afterEach(async () => {
  await context?.close();
  context = undefined;
});

let pages = 0;
const survey = (
  id: string,
  trigger: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) => ({
  id,
  type: "csat",
  touchpoint: id,
  copy: { question: `Question ${id}?` },
  trigger,
  ...extra,
});

/** Opens a fresh page (new context: empty storage) at `path` with these surveys. */
async function open(
  path: string,
  surveys: unknown[],
  { before = "", calls = "", body = "<h1>Shop</h1>", extra = {} as TouchpointConfig } = {},
) {
  context = await browser.newContext();
  const requested: string[] = [];
  context.on("request", (r) => requested.push(new URL(r.url()).pathname));
  pages += 1;
  const config = {
    siteKey: `triggers${pages}`,
    collector: `${site.url}/collect`,
    surveys,
    ...extra,
  } as TouchpointConfig;
  const html = snippetPage(
    config,
    `${calls}\ntouchpoint.on("ready", function () { window.tpReady = true; });`,
    body,
  ).replace("<script>", `<script>${before}\n`);
  const opened = await openPage(context, site.page(path, html));
  // Not ready(): it calls explain(), which loads the engine.
  await opened.page.waitForFunction(() => (window as unknown as { tpReady?: boolean }).tpReady);
  return {
    ...opened,
    requested,
    engineLoaded: () => requested.some((p) => p.includes("touchpoint-engine")),
  };
}

const question = (page: Page, id: string) => page.getByRole("group", { name: `Question ${id}?` });

describe("SPA navigation", () => {
  it("arms a pageview survey on a route change (Navigation API), loading the engine only then", async () => {
    const { page, engineLoaded, pageErrors } = await open("/app/", [
      survey("help", {
        on: "pageview",
        url: { include: "/app/help*", exclude: "/app/help/internal*" },
      }),
    ]);
    await page.waitForTimeout(200);
    expect(engineLoaded()).toBe(false);
    expect(await page.evaluate(() => "navigation" in window)).toBe(true);
    await page.evaluate(() => history.pushState(null, "", "/app/help/internal"));
    await page.waitForTimeout(200);
    expect(engineLoaded()).toBe(false);
    await page.evaluate(() => history.pushState(null, "", "/app/help/returns"));
    await question(page, "help").waitFor();
    expect(engineLoaded()).toBe(true);
    expect(pageErrors).toEqual([]);
  });

  it("without the Navigation API, wraps history once and keeps other libraries' wrappers", async () => {
    const before = `Object.defineProperty(window, "navigation", { value: undefined });
window.calls = [];
var hostPush = history.pushState;
history.pushState = function () { window.calls.push("router"); return hostPush.apply(this, arguments); };`;
    const { page } = await open(
      "/spa/",
      [survey("hash", { on: "pageview", url: { hash: "#/settings*" } })],
      { before },
    );
    // A library that wraps after Touchpoint loaded.
    await page.evaluate(() => {
      const ours = history.pushState;
      history.pushState = function (this: History, ...args: Parameters<History["pushState"]>) {
        (window as unknown as { calls: string[] }).calls.push("analytics");
        return ours.apply(this, args);
      };
      history.pushState(null, "", "/spa/other");
    });
    expect(await page.evaluate(() => (window as unknown as { calls: string[] }).calls)).toEqual([
      "analytics",
      "router",
    ]);
    await page.evaluate(() => {
      location.hash = "#/settings/profile";
    });
    await question(page, "hash").waitFor();
  });
});

describe("page signals", () => {
  it("scroll: fires at the configured depth of a long page, and at once on a page that cannot scroll", async () => {
    const long = await open("/long", [survey("deep", { on: "scroll", percent: 80 })], {
      body: `<div style="height:5000px">Long article</div>`,
    });
    await long.page.waitForTimeout(300);
    expect(await question(long.page, "deep").count()).toBe(0);
    await long.page.mouse.wheel(0, 2000);
    await long.page.waitForTimeout(300);
    expect(await question(long.page, "deep").count()).toBe(0);
    await long.page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await question(long.page, "deep").waitFor();
    await context?.close();

    const short = await open("/short", [survey("short", { on: "scroll", percent: 100 })]);
    await question(short.page, "short").waitFor();
  });

  it("click: delegated, so a button re-rendered after start still counts", async () => {
    const { page } = await open(
      "/click",
      [survey("buy", { on: "click", selector: "#buy, #buy *" })],
      {
        body: `<div id="root"><button id="buy">Buy</button></div>`,
      },
    );
    await page.evaluate(() => {
      const root = document.querySelector("#root") as HTMLElement;
      root.replaceChildren();
      const b = document.createElement("button");
      b.id = "buy";
      b.append(Object.assign(document.createElement("span"), { textContent: "Buy now" }));
      root.append(b);
    });
    // The click watcher is a chunk the engine fetches at idle: click until it has been armed (a
    // click before that is not seen), then the prompt shows.
    await expect
      .poll(
        async () => {
          await page.getByText("Buy now").click();
          return question(page, "buy").count();
        },
        { timeout: 30_000 },
      )
      .toBeGreaterThan(0);
  });

  it("visible: fires when the element added later is on screen", async () => {
    const { page } = await open(
      "/visible",
      [survey("promo", { on: "visible", selector: ".promo", percent: 50 })],
      {
        body: `<div style="height:3000px">Top</div><div id="end"></div>`,
      },
    );
    await page.evaluate(() => {
      const el = Object.assign(document.createElement("div"), {
        className: "promo",
        textContent: "Offer",
      });
      el.style.height = "200px";
      document.querySelector("#end")?.append(el);
    });
    await page.waitForTimeout(300);
    expect(await question(page, "promo").count()).toBe(0);
    await page.evaluate(() => document.querySelector(".promo")?.scrollIntoView());
    await question(page, "promo").waitFor();
  });

  it("exit intent: the pointer leaving through the top", async () => {
    const { page } = await open("/exit", [survey("exit", { on: "exit" })]);
    await page.mouse.move(200, 200);
    await page.waitForTimeout(100);
    expect(await question(page, "exit").count()).toBe(0);
    await page.mouse.move(200, 5, { steps: 3 });
    await page.mouse.move(200, -20, { steps: 2 });
    await page.evaluate(() => {
      // Headless Chromium may not report the pointer leaving the viewport; send what it sends.
      document.documentElement.dispatchEvent(
        new MouseEvent("mouseout", { bubbles: true, clientY: -1, relatedTarget: null }),
      );
    });
    await question(page, "exit").waitFor();
  });

  it("idle and dwell: no timer runs while the tab is hidden", async () => {
    const before = `window.__hidden = false;
Object.defineProperty(document, "visibilityState", { get: function () { return window.__hidden ? "hidden" : "visible"; } });`;
    const { page } = await open(
      "/dwell",
      [
        survey("dwell", { on: "dwell", seconds: 1 }),
        survey("idle", { on: "idle", seconds: 1 }, { enabled: false }),
      ],
      { before },
    );
    await page.evaluate(() => {
      (window as unknown as { __hidden: boolean }).__hidden = true;
      document.dispatchEvent(new Event("visibilitychange"));
    });
    await page.waitForTimeout(1600);
    expect(await question(page, "dwell").count()).toBe(0);
    await page.evaluate(() => {
      (window as unknown as { __hidden: boolean }).__hidden = false;
      document.dispatchEvent(new Event("visibilitychange"));
    });
    await question(page, "dwell").waitFor();
  });
});

describe("eligibility across tabs, and debug", () => {
  it("shares the ledger between tabs: a dismissal in one tab holds the survey in another", async () => {
    const surveys = [survey("tabbed", { on: "event", event: "go" })];
    const first = await open("/tab", surveys);
    await first.page.evaluate(() => window.touchpoint?.track("go"));
    await question(first.page, "tabbed").waitFor();
    await first.page.getByRole("button", { name: "Close" }).click();
    const second = await openPage(context as BrowserContext, first.page.url());
    await ready(second.page);
    const verdicts = await eventually(
      () =>
        second.page.evaluate(async () => {
          const [e] = (await window.touchpoint?.explain("tabbed")) ?? [];
          return e?.verdicts.filter((v) => !v.ok).map((v) => v.rule) ?? [];
        }),
      (v) => v.includes("frequency.afterDismissed"),
    );
    expect(verdicts).toContain("frequency.afterDismissed");
  });

  it("?touchpoint_debug=1 logs each decision in explain()'s words", async () => {
    context = await browser.newContext();
    const config = {
      siteKey: "triggers-debug",
      collector: `${site.url}/collect`,
      surveys: [survey("few", { on: "pageview", url: "/debug*" }, { percent: 1 })],
    } as unknown as TouchpointConfig;
    const page = await context.newPage();
    const info: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "info") info.push(m.text());
    });
    await page.goto(`${site.page("/debug", snippetPage(config))}?touchpoint_debug=1`);
    await ready(page);
    const detail = await page.evaluate(
      async () =>
        (await window.touchpoint?.explain("few"))?.[0]?.verdicts.find((v) => v.rule === "sampling")
          ?.detail,
    );
    const line = await eventually(
      () => info.find((l) => l.startsWith("[touchpoint] few on pageview")),
      (l) => l !== undefined,
    );
    expect(line).toContain(`sampling: ${detail}`);
  });
});

describe("cost on the host page", () => {
  it("after 1,000 SPA navigations, the same listeners and timers as after one", async () => {
    // Counts live listeners (target, type, function, capture) and pending timeouts.
    const before = `(function () {
  var live = new Map(), timers = new Set(), ids = new WeakMap(), next = 0;
  function id(o) { if (!ids.has(o)) ids.set(o, ++next); return ids.get(o); }
  function key(t, type, fn, o) { return id(t) + " " + type + " " + id(fn) + " " + !!(o === true || (o && o.capture)); }
  var add = EventTarget.prototype.addEventListener, remove = EventTarget.prototype.removeEventListener;
  EventTarget.prototype.addEventListener = function (type, fn, o) { if (fn) live.set(key(this, type, fn, o), type); return add.call(this, type, fn, o); };
  EventTarget.prototype.removeEventListener = function (type, fn, o) { if (fn) live.delete(key(this, type, fn, o)); return remove.call(this, type, fn, o); };
  var st = window.setTimeout, ct = window.clearTimeout;
  window.setTimeout = function (fn, ms) { var t = st(function () { timers.delete(t); fn(); }, ms); timers.add(t); return t; };
  window.clearTimeout = function (t) { timers.delete(t); return ct(t); };
  window.__cost = function () { var types = {}; live.forEach(function (t) { types[t] = (types[t] || 0) + 1; }); return { types: types, timers: timers.size }; };
})();`;
    const { page } = await open(
      "/spa-cost/",
      [
        survey("scroller", { on: "scroll", percent: 99, url: "/r/even*" }, { enabled: false }),
        survey("idler", { on: "idle", seconds: 600 }),
        survey("leaver", { on: "exit", exitOn: ["top", "scrollUp", "return"] }),
        survey("reader", { on: "dwell", seconds: 600, url: { exclude: "/r/odd*" } }),
        survey("viewer", { on: "visible", selector: "#never" }),
        survey("clicker", { on: "click", selector: "#buy", delay: 30, persist: true }),
        survey("seq", { on: "pageview", url: "/r/x", sequence: { after: "scroller" } }),
      ],
      { before, body: `<div style="height:3000px"></div>` },
    );
    await page.evaluate(() => history.pushState(null, "", "/r/even-0"));
    await page.waitForTimeout(500);
    const cost = () =>
      page.evaluate(() => (window as unknown as { __cost: () => unknown }).__cost());
    const afterOne = await cost();
    await page.evaluate(() => {
      for (let i = 1; i <= 1000; i++)
        history.pushState(null, "", i % 2 ? `/r/odd-${i}` : `/r/even-${i}`);
      history.pushState(null, "", "/r/even-last");
    });
    await page.waitForTimeout(1000);
    const afterThousand = await cost();
    expect(afterThousand).toEqual(afterOne);
    expect(Object.keys((afterOne as { types: object }).types)).toEqual(
      expect.arrayContaining(["click", "scroll", "keydown", "mouseout", "visibilitychange"]),
    );
  });
});
