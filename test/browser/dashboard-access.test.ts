import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Collector, createCollector, createToken, sqliteAccessStore } from "../../src/server";
import { launch } from "./chromium";

const ROOT = new URL("../..", import.meta.url).pathname;
const AXE = readFileSync(join(ROOT, "node_modules/axe-core/axe.min.js"), "utf8");
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

let browser: Browser;
let collector: Collector;
let url: string;
const dir = mkdtempSync(join(tmpdir(), "touchpoint-dashboard-access-"));

function answer(siteKey: string, comment: string) {
  return {
    id: crypto.randomUUID(),
    kind: "answer",
    siteKey,
    surveyId: "nps-order",
    surveyType: "nps",
    touchpoint: "order_confirmation",
    variant: "control",
    score: 3,
    comment,
    createdAt: new Date().toISOString(),
    visitorId: `visitor-${siteKey}`,
    sessionId: "session-1",
    url: "https://shop.example/thanks",
    locale: "en",
    sdkVersion: "0.1.0",
  };
}

beforeAll(async () => {
  browser = await launch();
  collector = createCollector({
    dbPath: join(dir, "access.db"),
    dashboardDir: join(ROOT, "dist", "dashboard"),
    rateLimit: false,
  });
  ({ url } = await collector.listen(0, "127.0.0.1"));
  for (const event of [answer("shop", "Shop was slow"), answer("blog", "Blog secret")]) {
    const response = await fetch(`${url}/v1/events`, {
      method: "POST",
      headers: { "content-type": "application/x-ndjson" },
      body: JSON.stringify(event),
    });
    expect(response.status).toBe(200);
  }
});

afterAll(async () => {
  await browser.close();
  await collector.close();
  rmSync(dir, { recursive: true, force: true });
});

async function axeViolations(page: Page) {
  await page.evaluate(AXE);
  const result = await page.evaluate(async (tags) => {
    const axeApi = (window as unknown as { axe: typeof import("axe-core") }).axe;
    const run = await axeApi.run(document, { runOnly: { type: "tag", values: tags } });
    return { passes: run.passes.length, violations: run.violations.map((v) => v.id) };
  }, AXE_TAGS);
  expect(result.passes).toBeGreaterThan(5);
  return result.violations;
}

async function newPage(options: { bypassCSP?: boolean } = {}) {
  const context = await browser.newContext({ bypassCSP: options.bypassCSP ?? false });
  const page = await context.newPage();
  const requests: { url: string; method: string; headers: Record<string, string> }[] = [];
  const problems: string[] = [];
  page.on("request", (r) =>
    requests.push({ url: r.url(), method: r.method(), headers: r.headers() }),
  );
  page.on("pageerror", (e) => problems.push(e.message));
  return { context, page, requests, problems };
}

describe("dashboard sign-in", () => {
  it("asks for a token first, and that screen passes axe", async () => {
    const { context, page } = await newPage({ bypassCSP: true });
    await page.goto(`${url}/dashboard/`);
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    expect(await page.getByLabel("Access token").getAttribute("type")).toBe("password");
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel("Access token").fill("tp_not_a_real_token");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect
      .poll(() => page.getByRole("alert").textContent())
      .toContain("token not recognised");
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it("signs in with a pasted token into an HttpOnly, SameSite=Strict cookie the page cannot read", async () => {
    const { token } = await createToken(collector.db, {
      role: "viewer",
      site: "shop",
      name: "Ana",
    });
    const { context, page, requests, problems } = await newPage();
    await page.goto(`${url}/dashboard/`);
    await page.getByLabel("Access token").fill(token);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("Signed in as Ana (viewer of shop)").waitFor();
    await page.locator(".comment", { hasText: "Shop was slow" }).waitFor();
    // A viewer of shop never sees blog's feedback, even with "All sites" chosen.
    expect(await page.getByText("Blog secret").count()).toBe(0);
    expect(
      await page.getByRole("combobox", { name: "Site" }).locator("option").allTextContents(),
    ).toEqual(["All sites", "shop"]);

    const [cookie, ...others] = await context.cookies();
    expect(others).toEqual([]);
    expect(cookie).toMatchObject({
      name: "tp_session",
      httpOnly: true,
      sameSite: "Strict",
      secure: false,
      path: "/",
    });
    expect(await page.evaluate(() => document.cookie)).toBe("");
    expect(requests.some((r) => r.url.includes(token))).toBe(false);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("signs in from a sign-in link, then drops the token from the address bar and history", async () => {
    const { token } = await createToken(collector.db, { role: "admin", name: "Link" });
    const { context, page, requests } = await newPage();
    await page.goto(`${url}/dashboard/?days=30#token=${token}`);
    await page.getByText("Signed in as Link (admin, every site)").waitFor();
    expect(page.url()).toBe(`${url}/dashboard/?days=30`);
    expect(await page.evaluate(() => location.hash)).toBe("");
    await page.locator(".comment", { hasText: "Blog secret" }).waitFor();
    // The token went to the collector once, in a POST body, never in a URL.
    const signIns = requests.filter((r) => r.url === `${url}/v1/session` && r.method === "POST");
    expect(signIns).toHaveLength(1);
    expect(requests.some((r) => r.url.includes(token))).toBe(false);
    // A reload keeps the session (the cookie), with no token anywhere.
    await page.reload();
    await page.getByText("Signed in as Link (admin, every site)").waitFor();
    await context.close();
  });

  it("sends the CSRF header on writes through apiFetch; a write without it is refused", async () => {
    const { token } = await createToken(collector.db, { role: "editor", name: "Bo" });
    const { context, page, requests } = await newPage();
    await page.goto(`${url}/dashboard/#token=${token}`);
    await page.getByText("Signed in as Bo (editor, every site)").waitFor();
    // A script in the page that skips apiFetch (as an injected one would) has no CSRF token.
    const bare = await page.evaluate(async () => {
      const response = await fetch("/v1/session", { method: "DELETE" });
      return { status: response.status, body: await response.json() };
    });
    expect(bare.status).toBe(403);
    expect(bare.body.error).toMatch(/X-CSRF-Token/);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    const signOut = requests.find((r) => r.method === "DELETE" && r.headers["x-csrf-token"]);
    expect(signOut?.headers["x-csrf-token"]).toMatch(/^[0-9a-f]{64}$/);
    expect(await context.cookies()).toEqual([]);
    // Signed out on the collector too: the old cookie no longer reads anything.
    await page.goto(`${url}/dashboard/`);
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    await context.close();
  });

  it("returns to the sign-in screen, saying why, when the token is revoked", async () => {
    const { token, id } = await createToken(collector.db, { role: "viewer", name: "Cy" });
    const { context, page } = await newPage();
    await page.goto(`${url}/dashboard/#token=${token}`);
    await page.getByText("Signed in as Cy (viewer, every site)").waitFor();
    await sqliteAccessStore(collector.db).revokeToken(id, new Date().toISOString());
    // Refresh now, unless a read already met the revocation and the sign-in screen is up.
    await page.evaluate(() => {
      const refresh = [...document.querySelectorAll("button")].find(
        (button) => button.textContent?.trim() === "Refresh",
      );
      refresh?.click();
    });
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    expect(await page.getByRole("alert").textContent()).toBe("Your session ended. Sign in again.");
    await context.close();
  });

  it("opens without a sign-in when the collector was started with --public-read", async () => {
    const open = createCollector({
      dbPath: join(dir, "access.db"),
      dashboardDir: join(ROOT, "dist", "dashboard"),
      publicRead: true,
    });
    const { url: openUrl } = await open.listen(0, "127.0.0.1");
    const { context, page } = await newPage();
    try {
      await page.goto(`${openUrl}/dashboard/`);
      await page.locator(".comment", { hasText: "Blog secret" }).waitFor();
      expect(await page.getByRole("heading", { name: "Sign in" }).count()).toBe(0);
      expect(await page.getByText("Signed in as").count()).toBe(0);
    } finally {
      await context.close();
      await open.close();
    }
  });
});
