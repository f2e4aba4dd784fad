import { createServer, type Server } from "node:http";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { launch } from "./chromium";
import {
  answerNps,
  config,
  csatSurvey,
  eventually,
  npsSurvey,
  openPage,
  ready,
  SNIPPET,
  snippetPage,
} from "./pages";
import { startSite, type TestSite } from "./server";

// The SDK in a hostile host page (issue 13, items 1-5), loaded from dist/ through a script tag.

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

async function fresh() {
  site = await startSite();
  return browser.newContext();
}

/** A page that installs Touchpoint after running `before` (which may break the page's builtins). */
function hostilePage(before: string, init: string, after = ""): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Hostile</title>
<script>${before}</script>
<script>${SNIPPET}
window.tpErrors = [];
touchpoint.on("error", function (e) { window.tpErrors.push(e.message); });
${init}
${after}
</script>
<script async src="/dist/touchpoint.js"></script></head>
<body><h1>Shop</h1><button id="host-button">Host button</button></body></html>`;
}

const tpErrors = (page: Page) =>
  page.evaluate(() => (window as unknown as { tpErrors: string[] }).tpErrors);

/** The page still runs script: a frozen page would never answer (the test times out instead). */
async function responsive(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.title)).toBe("Hostile");
}

describe("a visitor-chosen URL cannot freeze the page (ReDoS)", () => {
  it("matches backtracking globs against huge paths and queries, and refuses a catastrophic regex", async () => {
    const context = await fresh();
    const surveys = [
      { ...csatSurvey, id: "path", trigger: { on: "pageview", url: "/*/*/*/*/edit" } },
      {
        ...csatSurvey,
        id: "query",
        trigger: { on: "pageview", url: { query: { utm_campaign: "*-*-*-*-spring" } } },
      },
      { ...csatSurvey, id: "hash", trigger: { on: "pageview", url: { hash: "#*/*/*/*/x" } } },
    ];
    const html = hostilePage(
      "",
      `touchpoint.on("ready", function () { window.tpReady = true; });
touchpoint.init(${JSON.stringify(config(site, { surveys: surveys as never }))});`,
    );
    // The attack: `a/` a thousand times, 1,500 dashes, and a long hash.
    const path = `/${"a/".repeat(1000)}`;
    site.page(path, html);
    const { page, pageErrors } = await openPage(
      context,
      `${site.url}${path}?utm_campaign=${"-".repeat(1500)}#${"/".repeat(1500)}`,
    );
    await page.waitForFunction(() => (window as unknown as { tpReady?: boolean }).tpReady);
    await responsive(page);
    expect(await page.evaluate(() => window.touchpoint?.explain())).toEqual(
      ["path", "query", "hash"].map((surveyId) =>
        expect.objectContaining({
          surveyId,
          verdicts: expect.arrayContaining([expect.objectContaining({ rule: "page", ok: false })]),
        }),
      ),
    );
    expect(pageErrors).toEqual([]);

    // `(a+)+$` against 32 a's and a "!" froze the page; init now refuses the rule and names it.
    const regex = [
      {
        ...csatSurvey,
        id: "regex",
        trigger: { on: "pageview", url: { path: { regex: "(a+)+$" } } },
      },
    ];
    const html2 = hostilePage(
      "",
      `touchpoint.init(${JSON.stringify(config(site, { surveys: regex as never }))});`,
    );
    const path2 = `/${"a".repeat(32)}!`;
    site.page(path2, html2);
    const second = await openPage(context, `${site.url}${path2}`);
    const errors = await eventually(
      () => tpErrors(second.page),
      (e) => e.length > 0,
    );
    await responsive(second.page);
    expect(errors.join("\n")).toContain(
      'surveys[0].trigger.url.path.regex: expected a regular expression that cannot hang the page, got "(a+)+$"',
    );
    expect(second.pageErrors).toEqual([]);
    await context.close();
  });
});

describe("settings that load code never come from fetched JSON", () => {
  let evil: Server;
  const evilRequests: string[] = [];
  beforeAll(async () => {
    // A second origin serving a module that would take over the page if it were ever imported.
    evil = createServer((req, res) => {
      evilRequests.push(req.url ?? "");
      res
        .writeHead(200, {
          "Content-Type": "text/javascript",
          "Access-Control-Allow-Origin": "*",
        })
        .end(
          "window.pwned = true; export function createEngine() { window.pwned = true; return new Promise(() => {}); } export function validate() { return []; }",
        );
    });
    await new Promise<void>((resolve) => evil.listen(0, "127.0.0.1", resolve));
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => evil.close(() => resolve()));
  });

  it("ignores chunksUrl in a configUrl document, says so, and uses the rest of it", async () => {
    const context = await fresh();
    const address = evil.address();
    const evilUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/`;
    site.page("/touchpoint.json", JSON.stringify({ ...config(site), chunksUrl: evilUrl }), {
      "Content-Type": "application/json",
    });
    const html = `<!doctype html><html lang="en"><head><title>Help</title>
<script async src="/dist/touchpoint.js" data-config="/touchpoint.json"></script></head><body><h1>Help</h1></body></html>`;
    const { page, pageErrors, consoleErrors } = await openPage(
      context,
      site.page("/help/returns", html),
    );
    // The survey from the fetched config shows, with Touchpoint's own chunks.
    await page.getByRole("radio", { name: "4", exact: true }).waitFor();
    expect(evilRequests).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { pwned?: boolean }).pwned)).toBe(
      undefined,
    );
    expect(consoleErrors.join("\n")).toContain(
      `${site.url}/touchpoint.json: "chunksUrl" ignored: only init() or the script tag may say where code loads from`,
    );
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});

describe("a host page that broke builtins", () => {
  it("Array.prototype.map replaced: the script does not throw at load, and says why it is off", async () => {
    const context = await fresh();
    const html = hostilePage(
      'Array.prototype.map = function () { throw new Error("map is broken"); };',
      `touchpoint.init(${JSON.stringify(config(site))});`,
    );
    const { page, pageErrors, consoleErrors } = await openPage(
      context,
      site.page("/map.html", html),
    );
    await eventually(
      () => consoleErrors,
      (e) => e.some((m) => m.includes("[touchpoint]")),
    );
    await page.getByRole("button", { name: "Host button" }).click();
    expect(pageErrors).toEqual([]);
    expect(consoleErrors.join("\n")).toContain("[touchpoint] could not start:");
    await context.close();
  });

  it("JSON.stringify broken after load: Submit does not throw and the answer is delivered", async () => {
    const context = await fresh();
    const { page, pageErrors } = await openPage(
      context,
      site.page("/json.html", snippetPage(config(site))),
    );
    await ready(page);
    await page.evaluate(() => {
      JSON.stringify = () => {
        throw new Error("stringify is broken");
      };
      window.touchpoint?.track("order_completed");
    });
    await answerNps(page, 8);
    const answers = await eventually(
      () => site.received.filter((e) => e.kind === "answer"),
      (a) => a.length > 0,
    );
    expect(answers[0]).toMatchObject({ surveyId: npsSurvey.id, score: 8 });
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it("fetch broken before load: the error event says so, and the answer waits for a later page", async () => {
    const context = await fresh();
    const html = hostilePage(
      'window.fetch = function () { throw new TypeError("fetch is broken"); };',
      `touchpoint.init(${JSON.stringify(config(site))});`,
    );
    const { page, pageErrors } = await openPage(context, site.page("/fetch.html", html));
    await ready(page);
    await page.evaluate(() => window.touchpoint?.track("order_completed"));
    await answerNps(page, 6);
    const errors = await eventually(
      () => tpErrors(page),
      (e) => e.some((m) => m.includes("the page's fetch is broken")),
    );
    expect(errors.join("\n")).toContain(
      "could not send: the page's fetch is broken (TypeError: fetch is broken); the events stay queued",
    );
    expect(site.received).toEqual([]);
    expect(pageErrors).toEqual([]);

    // A later page of the site, whose fetch works, delivers the answer that waited.
    await page.goto(site.page("/later.html", snippetPage(config(site))));
    const answers = await eventually(
      () => site.received.filter((e) => e.kind === "answer"),
      (a) => a.length > 0,
    );
    expect(answers[0]).toMatchObject({ surveyId: npsSurvey.id, score: 6 });
    await context.close();
  });
});

describe("calls queued through the snippet", () => {
  it("10,000 track() calls before start-up give one message with the count, not thousands", async () => {
    const context = await fresh();
    const html = hostilePage(
      "",
      `touchpoint.init(${JSON.stringify(config(site))});
for (var i = 0; i < 10000; i++) touchpoint.track("noise");`,
    );
    const { page, pageErrors, consoleErrors } = await openPage(
      context,
      site.page("/noise.html", html),
    );
    await ready(page);
    const errors = await tpErrors(page);
    expect(errors).toEqual(["9900 calls dropped while starting (at most 100 are kept)"]);
    expect(consoleErrors.filter((m) => m.includes("[touchpoint]"))).toHaveLength(1);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it("init(null) says it expected a config object; a throwing Proxy does not stop later calls", async () => {
    const context = await fresh();
    const html = hostilePage(
      "",
      `touchpoint.init(null);`,
      `window.tpReady = false;
touchpoint.on("ready", function () { window.tpReady = true; });`,
    );
    const { page, pageErrors } = await openPage(context, site.page("/null.html", html));
    await eventually(
      () => tpErrors(page),
      (e) => e.length > 0,
    );
    expect((await tpErrors(page)).join("\n")).toContain(
      "config: expected a config object, got null",
    );

    const trap = () => {
      throw new Error("trap");
    };
    const proxyHtml = hostilePage(
      "",
      `touchpoint.init(new Proxy({}, { ownKeys: ${trap}, get: ${trap}, getOwnPropertyDescriptor: ${trap} }));`,
      `touchpoint.on("ready", function () { window.tpReady = true; });
touchpoint.init(${JSON.stringify(config(site))});`,
    );
    const second = await openPage(context, site.page("/proxy.html", proxyHtml));
    await second.page.waitForFunction(() => (window as unknown as { tpReady?: boolean }).tpReady);
    expect(second.pageErrors).toEqual([]);
    expect(second.consoleErrors.join("\n")).toContain("[touchpoint]");
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
