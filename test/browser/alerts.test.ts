// Follow up fast (issue 14), in Chromium: the consent step of the prompt (axe, keyboard, RTL,
// validation, nothing about contact without consent), and the demo end to end: a detractor who
// agrees to be contacted -> a signed webhook at the demo's receiver -> the follow-up inbox ->
// marked done -> time to follow-up.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { followUpInInbox } from "./followup-inbox";
import { eventually } from "./pages";
import { axe, calls, focused, model, mountPrompt, useHarness } from "./ui-helpers";

const harness = useHarness("/consent.html");

const contactModel = (extra = {}) =>
  model({ contact: { segments: ["detractor"], field: "email", known: false }, ...extra });

const open = (viewport?: { width: number; height: number }) => harness.open({ viewport });

async function toFollowUp(page: Page, score: string) {
  await page.getByRole("radio", { name: score, exact: true }).check();
  await page.getByRole("button", { name: "Submit" }).click();
}

describe("the consent step", () => {
  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 320, height: 640 },
  ]) {
    it(`has no axe violation unticked, ticked, invalid and thanked at ${viewport.width}px`, async () => {
      const page = await open(viewport);
      expect(await mountPrompt(page, contactModel())).toBe(true);
      await toFollowUp(page, "3");
      const consent = page.getByRole("checkbox", { name: "May we contact you about this?" });
      expect(await consent.isChecked()).toBe(false);
      expect(await page.getByRole("textbox", { name: "Your email (optional)" }).count()).toBe(0);
      expect(await axe(page), "unticked").toEqual([]);
      await consent.check();
      const email = page.getByRole("textbox", { name: "Your email (optional)" });
      expect(await email.getAttribute("type")).toBe("email");
      expect(await email.getAttribute("autocomplete")).toBe("email");
      expect(await axe(page), "ticked").toEqual([]);
      await email.fill("ana@example");
      await page.getByRole("button", { name: "Send" }).click();
      const message = "Please enter a valid email address, or leave it empty.";
      await page.getByText(message).waitFor();
      expect(await email.getAttribute("aria-invalid")).toBe("true");
      expect(await email.evaluate((e) => e.getAttribute("aria-describedby"))).toBeTruthy();
      expect(await focused(page)).toBe("prompt:input[email]:ana@example");
      expect(await axe(page), "invalid").toEqual([]);
      await email.fill("ana@example.com");
      await page.getByRole("button", { name: "Send" }).click();
      await page
        .getByText("Thank you! Someone from our team will get back to you within a day.")
        .waitFor();
      expect(await axe(page), "thanks").toEqual([]);
      expect(await calls(page)).toEqual([
        ["answer", 3],
        ["consent", "ana@example.com"],
      ]);
      await page.close();
    });
  }

  it("works from the keyboard alone and is not asked for other segments", async () => {
    const page = await open();
    expect(await mountPrompt(page, contactModel())).toBe(true);
    await page.keyboard.press("Tab"); // into the prompt: the close button comes first
    await page.locator("touchpoint-prompt").locator("input[type=radio]").first().focus();
    await page.keyboard.press("ArrowRight"); // 1
    await page.keyboard.press("ArrowRight"); // 2
    await page.keyboard.press("Enter"); // submits the form
    await page.getByRole("textbox", { name: "What went wrong?" }).waitFor();
    expect(await focused(page)).toBe("prompt:textarea:");
    await page.keyboard.type("Late");
    await page.keyboard.press("Tab");
    expect(await focused(page)).toMatch(/^prompt:input\[checkbox\]/);
    await page.keyboard.press("Space");
    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("prompt:input[email]:");
    await page.keyboard.type("x@");
    await page.keyboard.press("Enter");
    await page.getByText("Please enter a valid email address, or leave it empty.").waitFor();
    await page.keyboard.press("Backspace");
    await page.keyboard.press("Backspace");
    await page.keyboard.press("Enter");
    await page.getByText("Thank you! Someone from our team").waitFor();
    // Ticked with the field left empty: consent alone.
    expect(await calls(page)).toEqual([
      ["answer", 2],
      ["comment", "Late"],
      ["consent", ""],
    ]);

    const promoter = await open();
    expect(await mountPrompt(promoter, contactModel())).toBe(true);
    await toFollowUp(promoter, "10");
    await promoter.getByRole("textbox", { name: "What do you like most?" }).waitFor();
    expect(await promoter.getByRole("checkbox").count()).toBe(0);
    await page.close();
    await promoter.close();
  });

  it("asks only the consent when identify() traits gave a contact, and reads right to left in Arabic", async () => {
    const page = await open();
    expect(
      await mountPrompt(
        page,
        contactModel({
          locale: "ar",
          contact: { segments: ["detractor"], field: "tel", known: false },
        }),
      ),
    ).toBe(true);
    await page.getByRole("radio", { name: "1", exact: true }).check();
    await page.getByRole("button", { name: "إرسال" }).click();
    const consent = page.getByRole("checkbox", { name: "هل يمكننا التواصل معك بشأن هذا؟" });
    await consent.check();
    const phone = page.getByRole("textbox", { name: "رقم هاتفك (اختياري)" });
    expect(await phone.getAttribute("type")).toBe("tel");
    expect(await page.locator("touchpoint-prompt").getAttribute("dir")).toBe("rtl");
    // The checkbox sits at the start of its row: the right-hand side in RTL.
    const box = await consent.boundingBox();
    const label = await page.getByText("هل يمكننا التواصل معك بشأن هذا؟").boundingBox();
    expect((box?.x ?? 0) > (label?.x ?? 0)).toBe(true);
    expect(await axe(page), "rtl").toEqual([]);
    await page.close();

    const known = await open();
    expect(
      await mountPrompt(
        known,
        contactModel({ contact: { segments: ["detractor"], field: "email", known: true } }),
      ),
    ).toBe(true);
    await toFollowUp(known, "0");
    await known.getByRole("checkbox", { name: "May we contact you about this?" }).check();
    expect(await known.getByRole("textbox", { name: "Your email (optional)" }).count()).toBe(0);
    await known.close();
  });

  it("sends no contact when the box is unticked again", async () => {
    const page = await open();
    expect(await mountPrompt(page, contactModel())).toBe(true);
    await toFollowUp(page, "4");
    const consent = page.getByRole("checkbox", { name: "May we contact you about this?" });
    await consent.check();
    await page.getByRole("textbox", { name: "Your email (optional)" }).fill("ana@example.com");
    await consent.uncheck();
    await page.getByRole("textbox", { name: "What went wrong?" }).fill("Slow");
    await page.getByRole("button", { name: "Send" }).click();
    await page.getByText("Thank you for your feedback!").waitFor();
    expect(await calls(page)).toEqual([
      ["answer", 4],
      ["comment", "Slow"],
    ]);
    await page.close();
  });
});

/** A port free right now (taken, then released), for the demo's fixed-port servers. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe("npm run demo: from an unhappy answer to a follow-up", () => {
  let demo: ChildProcess;
  let output = "";
  let shop = "";
  let collector = "";
  const dir = mkdtempSync(join(tmpdir(), "touchpoint-alerts-demo-"));

  beforeAll(async () => {
    const [shopPort, collectorPort] = [await freePort(), await freePort()];
    shop = `http://127.0.0.1:${shopPort}`;
    collector = `http://127.0.0.1:${collectorPort}`;
    demo = spawn(process.execPath, ["demo/serve.mjs"], {
      cwd: new URL("../..", import.meta.url).pathname,
      env: {
        ...process.env,
        DEMO_PORT: String(shopPort),
        COLLECTOR_PORT: String(collectorPort),
        WEBHOOK_PORT: "0",
        DEMO_DB: join(dir, "demo.db"),
      },
    });
    const collect = (d: Buffer) => {
      output += d.toString();
    };
    demo.stdout?.on("data", collect);
    demo.stderr?.on("data", collect);
    await eventually(
      () => output,
      (o) => o.includes("Press Ctrl+C"),
      20_000,
    );
  });
  afterAll(() => {
    demo.kill("SIGTERM");
    rmSync(dir, { recursive: true, force: true });
  });

  /** The dashboard sign-in link the demo printed, with its admin token. */
  function signInLink(): string {
    return /Dashboard: +(\S+#token=tp_\S+)/.exec(output)?.[1] ?? "";
  }

  async function order(page: Page) {
    await page.goto(`${shop}/`);
    await page.getByRole("link", { name: "Trail runner" }).first().click();
    await page.getByRole("button", { name: "Add to cart" }).click();
    await page.getByRole("link", { name: "Go to checkout" }).click();
    await page.getByRole("button", { name: "Place order" }).click();
    await page.getByRole("radio", { name: "2", exact: true }).waitFor();
  }

  it("alerts a signed webhook, shows the answer in the inbox, and times the follow-up once done", async () => {
    expect(output).toMatch(/Webhooks: {4}http:\/\/127\.0\.0\.1:\d+\/hook/);
    const page = await harness.browser.newPage();
    await order(page);
    await page.getByRole("radio", { name: "2", exact: true }).check();
    await page.getByRole("button", { name: "Submit" }).click();
    await page
      .getByRole("textbox", { name: "What is the main reason for your score?" })
      .fill("Parcel arrived broken");
    await page.getByRole("checkbox", { name: "May we contact you about this?" }).check();
    await page.getByRole("textbox", { name: "Your email (optional)" }).fill("ana@example.com");
    await page.getByRole("button", { name: "Send" }).click();
    await page
      .getByText("Someone from our customer team will get back to you within a day.")
      .waitFor();

    const log = await eventually(
      () => output,
      (o) =>
        /webhook received feedback\.created .*signature valid/.test(o) &&
        o.includes("Parcel arrived broken"),
      15_000,
    );
    expect(log).toMatch(
      /NPS 2 at order_confirmation \(variant \w+\), may contact: yes \(ana@example\.com\)/,
    );
    expect(log).not.toMatch(/signature INVALID/);
    const link = /(http:\/\/127\.0\.0\.1:\d+\/dashboard\/\?site=demo-shop#followup-[\w-]+)/.exec(
      log,
    )?.[1];
    expect(link).toBeDefined();

    // axe-core is injected as a script; the dashboard's own CSP would refuse it.
    const dashboard = await harness.browser.newPage({ bypassCSP: true });
    // Sign in with the demo's link first (the session cookie lives in this page's context).
    await dashboard.goto(signInLink());
    await dashboard.getByText("Signed in as npm run demo").waitFor();
    await dashboard.goto(link as string);
    await followUpInInbox(dashboard, {
      comment: "Parcel arrived broken",
      contact: "ana@example.com",
      destination: "demo-webhook",
      alerted: 1,
      who: "npm run demo",
      note: "Called, replacement sent",
    });
    expect(await axe(dashboard), "dashboard with the inbox").toEqual([]);
    await page.close();
    await dashboard.close();
  });

  it("stores no contact data when the visitor does not agree", async () => {
    const page = await harness.browser.newPage();
    await order(page);
    await page.getByRole("radio", { name: "1", exact: true }).check();
    await page.getByRole("button", { name: "Submit" }).click();
    const consent = page.getByRole("checkbox", { name: "May we contact you about this?" });
    await consent.check();
    await page.getByRole("textbox", { name: "Your email (optional)" }).fill("bo@example.com");
    await consent.uncheck();
    await page
      .getByRole("textbox", { name: "What is the main reason for your score?" })
      .fill("No thanks");
    await page.getByRole("button", { name: "Send" }).click();
    await page.getByText("Thank you! Your answer helps us improve.").waitFor();
    await eventually(
      async () =>
        (
          await fetch(`${collector}/v1/events.ndjson`, {
            headers: { authorization: `Bearer ${signInLink().split("#token=")[1]}` },
          })
        ).text(),
      (text) => text.includes("No thanks"),
    );
    const db = new Database(join(dir, "demo.db"), { readonly: true });
    const row = db.prepare("SELECT consent, contact FROM events WHERE comment = 'No thanks'").get();
    const anywhere = db
      .prepare("SELECT COUNT(*) AS n FROM events WHERE contact = 'bo@example.com'")
      .get();
    const withoutConsent = db
      .prepare("SELECT COUNT(*) AS n FROM events WHERE contact IS NOT NULL AND consent IS NOT 1")
      .get();
    db.close();
    expect(row).toEqual({ consent: null, contact: null });
    expect(anywhere).toEqual({ n: 0 });
    expect(withoutConsent).toEqual({ n: 0 });
    await page.close();
  });
});
