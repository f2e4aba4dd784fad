import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch } from "./chromium";
import { eventually } from "./pages";

const SHOP_PORT = 15_173;
const COLLECTOR_PORT = 18_787;
let browser: Browser;
let demo: ChildProcess;
let output = "";
const dir = mkdtempSync(join(tmpdir(), "touchpoint-demo-"));

beforeAll(async () => {
  browser = await launch();
  demo = spawn(process.execPath, ["demo/serve.mjs"], {
    cwd: new URL("../..", import.meta.url).pathname,
    env: {
      ...process.env,
      DEMO_PORT: String(SHOP_PORT),
      COLLECTOR_PORT: String(COLLECTOR_PORT),
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
  );
});

afterAll(async () => {
  demo.kill("SIGTERM");
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("npm run demo", () => {
  it("serves the shop, shows the NPS prompt after an order, and the collector prints the answer", async () => {
    expect(output).toContain(`Demo shop:  http://127.0.0.1:${SHOP_PORT}/`);
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${SHOP_PORT}/`);
    await page.getByRole("button", { name: "Place order" }).click();
    await page.getByRole("radio", { name: "8", exact: true }).check();
    await page.getByRole("button", { name: "Submit" }).click();
    await page
      .getByRole("textbox", { name: "What is the main reason for your score?" })
      .fill("Fast delivery");
    await page.getByRole("button", { name: "Send" }).click();
    await page.getByText("Thank you! Your answer helps us improve.").waitFor();
    const printed = await eventually(
      () => output,
      (o) => o.includes('"Fast delivery"'),
    );
    expect(printed).toMatch(/collector received answer nps-order@order_confirmation score 8/);
    expect(printed).toMatch(/collector received impression nps-order@order_confirmation/);
    await page.close();
  });
});
