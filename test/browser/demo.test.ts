import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch } from "./chromium";
import { eventually } from "./pages";

// Both taken from what the demo prints: it listens on free ports.
let SHOP = "";
let SIGN_IN_LINK = "";
let browser: Browser;
let demo: ChildProcess;
let output = "";
const dir = mkdtempSync(join(tmpdir(), "touchpoint-demo-"));

beforeAll(async () => {
  browser = await launch();
  demo = spawn(process.execPath, ["demo/serve.mjs", "--seed"], {
    cwd: new URL("../..", import.meta.url).pathname,
    env: {
      ...process.env,
      DEMO_PORT: "0",
      COLLECTOR_PORT: "0",
      WEBHOOK_PORT: "0",
      DEMO_DB: join(dir, "demo.db"),
    },
  });
  demo.stdout?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  demo.stderr?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  await eventually(
    () => output,
    (o) => o.includes("Press Ctrl+C"),
    20_000,
  );
  SHOP = /Demo shop: +(http:\/\/127\.0\.0\.1:\d+)\//.exec(output)?.[1] ?? "";
  SIGN_IN_LINK =
    /Dashboard: +(http:\/\/127\.0\.0\.1:\d+\/dashboard\/#token=tp_\S+)/.exec(output)?.[1] ?? "";
});

afterAll(async () => {
  demo.kill("SIGTERM");
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Answers the open prompt with `score`, and the follow-up with `comment` when given. */
async function answer(page: Page, score: number, followUp?: { question: string; text: string }) {
  await page.getByRole("radio", { name: String(score), exact: true }).check();
  await page.getByRole("button", { name: "Submit" }).click();
  if (!followUp) return;
  await page.getByRole("textbox", { name: followUp.question }).fill(followUp.text);
  await page.getByRole("button", { name: "Send" }).click();
}

/** The "N answers" of a journey stage on the dashboard. */
async function stageAnswers(page: Page, stage: string): Promise<number> {
  const text =
    (await page.locator(".stage", { hasText: stage }).locator(".counts").textContent()) ?? "";
  return Number(/([\d,]+) answers/.exec(text)?.[1]?.replace(/,/g, "") ?? Number.NaN);
}

function printed(pattern: RegExp) {
  return eventually(
    () => output,
    (o) => pattern.test(o),
  );
}

describe("npm run demo", () => {
  it("prints its URLs on free ports, a sign-in link, its touchpoints, and seeds with --seed", () => {
    expect(SHOP).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(SIGN_IN_LINK).toMatch(/\/dashboard\/#token=tp_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(output).toMatch(/Seeded .*demo\.db: [\d,]+ events from 12,000 simulated visitors/);
    expect(output).toMatch(
      /order_confirmation\s+NPS\s+track\("order_completed"\) on \/shop\/order\/\*/,
    );
  });

  it("publishes the shop's config to the collector, where the shop's pages load it from", async () => {
    const collector = new URL(SIGN_IN_LINK).origin;
    const configUrl = `${collector}/v1/config/demo-shop`;
    expect(output).toContain(`Studio:      ${collector}/dashboard/?view=studio&site=demo-shop`);
    const token = SIGN_IN_LINK.split("#token=")[1] ?? "";
    const versions = await (
      await fetch(`${configUrl}/versions`, { headers: { authorization: `Bearer ${token}` } })
    ).json();
    expect(versions.versions[0]).toMatchObject({ version: 1, author: "npm run demo" });
    const page = await browser.newPage();
    const configRequest = page.waitForRequest(configUrl);
    await page.goto(`${SHOP}/`);
    await configRequest;
    const ids = await page.evaluate(async () =>
      ((await window.touchpoint?.explain()) ?? []).map((e) => e.surveyId),
    );
    expect(ids).toEqual([
      "csat-cart-exit",
      "nps-order",
      "nps-returning",
      "csat-help",
      "ces-support",
    ]);
    await page.close();
  });

  it("walks home, product, cart and checkout (SPA) to the order NPS, and the dashboard counts the answer", async () => {
    const dashboard = await browser.newPage();
    await dashboard.goto(SIGN_IN_LINK);
    await dashboard.locator(".stage", { hasText: "Order confirmation" }).waitFor();
    const before = await stageAnswers(dashboard, "Order confirmation");
    expect(before).toBeGreaterThan(100);

    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${SHOP}/`);
    await page.getByRole("link", { name: "Trail runner" }).first().click();
    await page.getByRole("heading", { name: "Trail runner" }).waitFor();
    // From here on the shop is a single-page app: a full load would drop this marker.
    await page.evaluate(() => {
      (window as unknown as { stillSamePage: boolean }).stillSamePage = true;
    });
    await page.getByRole("button", { name: "Add to cart" }).click();
    await page.waitForURL(`${SHOP}/shop/cart`);
    await page.getByRole("link", { name: "Go to checkout" }).click();
    await page.waitForURL(`${SHOP}/shop/checkout`);
    await page.getByRole("button", { name: "Place order" }).click();
    await page.waitForURL(/\/shop\/order\/\d+$/);
    expect(
      await page.evaluate(() => (window as unknown as { stillSamePage?: boolean }).stillSamePage),
    ).toBe(true);

    await answer(page, 8, {
      question: "What is the main reason for your score?",
      text: "Fast delivery",
    });
    await page.getByText("Thank you! Your answer helps us improve.").waitFor();
    const log = await printed(/"Fast delivery"/);
    expect(log).toMatch(/collector received impression nps-order@order_confirmation/);
    expect(log).toMatch(/collector received answer nps-order@order_confirmation score 8/);

    await dashboard.getByRole("button", { name: "Refresh" }).click();
    await dashboard.getByRole("status").filter({ hasText: "Results updated" }).waitFor();
    expect(await stageAnswers(dashboard, "Order confirmation")).toBe(before + 1);
    await dashboard.getByRole("combobox", { name: "Segment" }).selectOption("passive");
    await dashboard.locator(".comment", { hasText: "Fast delivery" }).waitFor();
    expect(errors).toEqual([]);
    await page.close();
    await dashboard.close();
  });

  it("asks at the cart on exit intent, after the help article is read, and after a support request", async () => {
    const page = await browser.newPage();
    await page.goto(`${SHOP}/shop/product/rain-jacket`);
    await page.getByRole("button", { name: "Add to cart" }).click();
    await page.waitForURL(`${SHOP}/shop/cart`);
    // The pointer leaving through the top edge of the window, as a browser reports it.
    await page.evaluate(() =>
      document.dispatchEvent(
        new MouseEvent("mouseout", {
          bubbles: true,
          clientX: 400,
          clientY: -1,
          relatedTarget: null,
        }),
      ),
    );
    await page.getByRole("group", { name: /How satisfied are you with your shopping/ }).waitFor();
    await page.getByRole("button", { name: "Close" }).click();
    await printed(/collector received dismissal csat-cart-exit@cart/);

    await page.goto(`${SHOP}/help/returns`);
    // Once the engine answers (it watches the page's scroll by then), nothing has shown unscrolled.
    await page.evaluate(() => window.touchpoint?.explain("csat-help"));
    expect(await page.getByRole("group", { name: /Was this article helpful/ }).count()).toBe(0);
    await page.locator("#article-end").scrollIntoViewIfNeeded();
    await answer(page, 5);
    await printed(/collector received answer csat-help@help_article score 5/);

    await page.goto(`${SHOP}/help/contact`);
    await page.getByRole("textbox", { name: "Your message" }).fill("Where is my parcel?");
    await page.getByRole("button", { name: "Send" }).click();
    await page.getByText("Thanks, your message is on its way.").waitFor();
    await answer(page, 6);
    await printed(/collector received answer ces-support@support_contact score 6/);
    await page.close();
  });

  it("asks returning visitors on their third visit", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${SHOP}/`);
    await expect.poll(() => page.locator("#visit-number").textContent()).toBe("1");
    await page.getByRole("button", { name: "Start a new visit" }).click();
    await expect.poll(() => page.locator("#visit-number").textContent()).toBe("2");
    expect(await page.getByRole("group", { name: /Welcome back/ }).count()).toBe(0);
    await page.getByRole("button", { name: "Start a new visit" }).click();
    await expect.poll(() => page.locator("#visit-number").textContent()).toBe("3");
    await page.getByRole("group", { name: /Welcome back/ }).waitFor();
    await answer(page, 10);
    await printed(/collector received answer nps-returning@returning_visit score 10/);
    await context.close();
  });
});
