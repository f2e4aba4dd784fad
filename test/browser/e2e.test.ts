import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { launch } from "./chromium";
import { answerNps, config, csatSurvey, eventually, openPage, ready, snippetPage } from "./pages";
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

async function fresh() {
  site = await startSite();
  return browser.newContext();
}

describe("script tag to collector", () => {
  it("replays calls queued before the script loaded, shows the NPS prompt on the event, and delivers one answer", async () => {
    const context = await fresh();
    const url = site.page(
      "/order.html",
      snippetPage(config(site), `touchpoint.track("order_completed");`),
    );
    const chunkRequests: string[] = [];
    context.on("request", (r) => {
      const path = new URL(r.url()).pathname;
      if (/^\/dist\/touchpoint-(engine|ui)/.test(path)) chunkRequests.push(path);
    });
    const { page, pageErrors } = await openPage(context, url);

    await page.getByRole("radio", { name: "9", exact: true }).waitFor();
    expect(await page.getByRole("group", { name: /recommend Acme/ }).count()).toBe(1);
    // The question UI is in the engine's file: one request, although the core both loads the
    // engine and fetches the UI ahead.
    expect(chunkRequests).toEqual([
      expect.stringMatching(/^\/dist\/touchpoint-engine-[\w-]{8}\.mjs$/),
    ]);
    await answerNps(page, 9);

    const stored = await eventually(
      () => [...site.stored().values()].filter((e) => e.kind === "answer"),
      (a) => a.length > 0,
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      surveyId: "nps-order",
      touchpoint: "order_confirmation",
      score: 9,
      siteKey: "test",
      surveyType: "nps",
    });
    const kinds = await eventually(
      () => site.received.map((e) => e.kind).sort(),
      (k) => k.includes("impression"),
    );
    expect(kinds).toEqual(["answer", "impression"]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it("downloads neither engine nor UI, and opens no IndexedDB, on a page where nothing is armed", async () => {
    const context = await fresh();
    const requested: string[] = [];
    context.on("request", (r) => requested.push(new URL(r.url()).pathname));
    // Only the help-page survey: on /home.html nothing is armed.
    const html = snippetPage(
      config(site, { surveys: [csatSurvey] as never }),
      `touchpoint.on("ready", function () { window.tpReady = true; });`,
    );
    const { page } = await openPage(context, site.page("/home.html", html));
    await page.waitForFunction(() => (window as unknown as { tpReady?: boolean }).tpReady === true);
    await page.waitForTimeout(300);
    expect(requested).toContain("/dist/touchpoint.js");
    expect(requested.filter((p) => p.includes("touchpoint-"))).toEqual([]);
    expect(
      await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name)),
    ).toEqual([]);
    await context.close();
  });

  it("installs from data-* attributes alone, with a config URL", async () => {
    const context = await fresh();
    site.page("/touchpoint.json", JSON.stringify(config(site)), {
      "Content-Type": "application/json",
    });
    const html = `<!doctype html><html lang="en"><head><title>Help</title>
<script async src="/dist/touchpoint.js" data-config="/touchpoint.json"></script></head><body><h1>Help</h1></body></html>`;
    const { page, pageErrors } = await openPage(context, site.page("/help/returns", html));
    await page.getByRole("radio", { name: "4", exact: true }).check();
    await page.getByRole("button", { name: "Submit" }).click();
    await page.getByRole("textbox", { name: "What could be better?" }).fill("More pictures");
    await page.getByRole("button", { name: "Send" }).click();
    await page.getByText("Thank you for your feedback!").waitFor();
    const answer = await eventually(
      () => [...site.stored().values()].find((e) => e.kind === "answer" && e.comment),
      (a) => a !== undefined,
    );
    expect(answer).toMatchObject({
      surveyId: "csat-help",
      surveyType: "csat",
      score: 4,
      comment: "More pictures",
    });
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it("keeps an answer given offline and delivers it when the browser is back online", async () => {
    const context = await fresh();
    const { page } = await openPage(context, site.page("/order.html", snippetPage(config(site))));
    await ready(page);
    await page.evaluate(() => window.touchpoint?.track("order_completed"));
    await page.getByRole("radio", { name: "3", exact: true }).waitFor();
    await context.setOffline(true);
    await answerNps(page, 3);
    await page.waitForTimeout(500);
    expect(site.received.filter((e) => e.kind === "answer")).toEqual([]);

    await context.setOffline(false);
    const answers = await eventually(
      () => site.received.filter((e) => e.kind === "answer"),
      (a) => a.length > 0,
    );
    expect(answers).toHaveLength(1);
    expect(answers[0]?.score).toBe(3);
    await context.close();
  });

  it("delivers an answer once when the page is reloaded before delivery succeeded", async () => {
    const context = await fresh();
    site.behave({ status: 503 }, { status: 503 }, { status: 503 });
    const url = site.page("/order.html", snippetPage(config(site)));
    const { page } = await openPage(context, url);
    await ready(page);
    await page.evaluate(() => window.touchpoint?.track("order_completed"));
    await answerNps(page, 10);
    const answerId = await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open("touchpoint:test");
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      const all = await new Promise<{ event: { id: string; kind: string } }[]>((resolve) => {
        const r = db
          .transaction("kv")
          .objectStore("kv")
          .getAll(IDBKeyRange.bound("q:", "q:\uffff"));
        r.onsuccess = () => resolve(r.result);
      });
      return all.find((i) => i.event.kind === "answer")?.event.id;
    });
    expect(answerId).toBeTruthy();

    await page.reload();
    const answers = await eventually(
      () => site.received.filter((e) => e.kind === "answer"),
      (a) => a.length > 0,
    );
    await page.waitForTimeout(500);
    expect(site.received.filter((e) => e.kind === "answer")).toHaveLength(1);
    expect(answers[0]?.id).toBe(answerId);
    await context.close();
  });

  it("works as an ES module import too, with its chunks split beside it", async () => {
    const context = await fresh();
    const html = `<!doctype html><html lang="en"><head><title>ESM</title></head><body><h1>Shop</h1>
<script type="module">
import { init, track, on } from "/dist/esm/touchpoint.mjs";
on("shown", () => { window.tpShown = true; });
init(${JSON.stringify(config(site))});
track("order_completed");
</script></body></html>`;
    const requested: string[] = [];
    context.on("request", (r) => requested.push(new URL(r.url()).pathname));
    const { page, pageErrors } = await openPage(context, site.page("/esm.html", html));
    await answerNps(page, 7);
    const answers = await eventually(
      () => site.received.filter((e) => e.kind === "answer"),
      (a) => a.length > 0,
    );
    expect(answers[0]).toMatchObject({ surveyId: "nps-order", score: 7 });
    expect(requested.filter((p) => p.startsWith("/dist/esm/touchpoint-"))).toEqual(
      expect.arrayContaining(["/dist/esm/touchpoint-engine.mjs", "/dist/esm/touchpoint-ui.mjs"]),
    );
    expect(requested).not.toContain("/dist/touchpoint.js");
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it("leaves the host page working when the config is bad, and names the problem", async () => {
    const context = await fresh();
    const bad = {
      collector: `${site.url}/collect`,
      surveys: [{ id: "x", type: "nps", touchpoint: "t", copy: {}, trigger: { on: "event" } }],
    };
    const html = snippetPage(
      bad as never,
      `touchpoint.track(42); touchpoint.on("error", function(){ throw new Error("listener bug") });`,
      `<h1>Shop</h1><script>window.hostStillRuns = true;</script>`,
    );
    const { page, pageErrors, consoleErrors } = await openPage(
      context,
      site.page("/bad.html", html),
    );
    await page.waitForFunction(() => typeof window.touchpoint?.version === "string");
    expect(
      await page.evaluate(() => (window as unknown as { hostStillRuns: boolean }).hostStillRuns),
    ).toBe(true);
    await page.getByRole("button", { name: "Host button" }).click();
    expect(pageErrors).toEqual([]);
    const message = consoleErrors.join("\n");
    expect(message).toContain("surveys[0].copy.question: expected a value (required), got nothing");
    expect(message).toContain("surveys[0].trigger.event");
    expect(await page.evaluate(() => window.touchpoint?.show("x"))).toBe(false);
    await context.close();
  });
});
