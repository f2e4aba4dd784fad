// The dashboard, the studio and the follow-up inbox against collectors on a real PostgreSQL
// server: two stateless collectors share one database, so a sign-in, the results, a published
// config and a follow-up are the same whichever collector the browser reaches. The file starts its own private cluster (Debian's
// server, installed when missing and root, else a clear error), so the rest of the browser suite
// pays nothing for it.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Cluster, startCluster } from "../../scripts/postgres-cluster.mjs";
import { main } from "../../src/cli";
import { type Collector, createCollector } from "../../src/server";
import { launch } from "./chromium";
import { followUpInInbox } from "./followup-inbox";
import { eventually } from "./pages";

const ROOT = new URL("../..", import.meta.url).pathname;
const OLD_QUESTION = "How likely are you to recommend Acme?";
const NEW_QUESTION = "How likely are you to recommend Acme to a friend?";

let browser: Browser;
let cluster: Cluster;
/** A webhook receiver for the collectors' alerts, and the bodies it received. */
let receiver: Server;
const received: string[] = [];
let collectors: Collector[] = [];
/** The two collectors' base URLs. */
let one: string;
let two: string;
let token: string;
const dir = mkdtempSync(join(tmpdir(), "touchpoint-dashboard-pg-"));

/** Runs the command line as typed, against the cluster through DATABASE_URL. */
async function cli(...argv: string[]): Promise<string> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    env: { DATABASE_URL: cluster.url },
  });
  expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
  return stdout;
}

async function post(base: string, body: object) {
  const response = await fetch(`${base}/v1/events`, {
    method: "POST",
    headers: { "content-type": "application/x-ndjson" },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
}

function event(kind: "impression" | "answer", visitor: string, score?: number, comment?: string) {
  return {
    id: crypto.randomUUID(),
    kind,
    siteKey: "shop",
    surveyId: "nps-order",
    surveyType: "nps",
    touchpoint: "order_confirmation",
    variant: "control",
    ...(score === undefined ? {} : { score }),
    ...(comment === undefined ? {} : { comment }),
    createdAt: new Date().toISOString(),
    visitorId: visitor,
    sessionId: `session-${visitor}`,
    url: "https://shop.example/thanks",
    locale: "en",
    sdkVersion: "0.1.0",
  };
}

beforeAll(async () => {
  [cluster, browser] = await Promise.all([startCluster(), launch()]);
  receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      received.push(body);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  // Both collectors alert on unhappy answers, sharing one outbox in the database.
  collectors = [0, 1].map(() =>
    createCollector({
      dbPath: cluster.url,
      dashboardDir: join(ROOT, "dist", "dashboard"),
      rateLimit: false,
      alerts: {
        destinations: {
          support: { type: "webhook", url: hook, secret: "a-test-only-webhook-secret" },
        },
        rules: [{ name: "unhappy", match: { segment: ["detractor"] }, destinations: ["support"] }],
      },
    }),
  );
  const urls = await Promise.all(collectors.map(async (c) => (await c.listen(0, "127.0.0.1")).url));
  [one, two] = urls as [string, string];
  // Events reach either collector, as behind a load balancer.
  const events = [
    [one, event("impression", "a")],
    [two, event("impression", "b")],
    [one, event("answer", "a", 3, "Delivery was slow")],
    [two, event("answer", "b", 10, "Great prices")],
  ] as const;
  for (const [base, body] of events) await post(base, body);
  const created = await cli(
    "token",
    "create",
    "--role",
    "editor",
    "--site",
    "shop",
    "--name",
    "Pat",
  );
  token = /^ {2}(tp_\S+)$/m.exec(created)?.[1] ?? "";
  const file = join(dir, "touchpoint.json");
  writeFileSync(
    file,
    JSON.stringify({
      siteKey: "shop",
      collector: `${one}/v1/events`,
      surveys: [
        {
          id: "nps-order",
          type: "nps",
          touchpoint: "order_confirmation",
          copy: { question: OLD_QUESTION },
          trigger: { on: "event", event: "order_completed" },
        },
      ],
    }),
  );
  await cli("publish", file, "--site", "shop", "--author", "ops", "--message", "first");
});

afterAll(async () => {
  await browser?.close();
  await Promise.all(collectors.map((c) => c.close()));
  receiver?.close();
  cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function newPage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  return { context, page, errors };
}

/** Opens the studio on `base` for the shop, signed in, with its one survey selected. */
async function openStudio(page: Page, base: string) {
  await page.goto(`${base}/dashboard/?view=studio&site=shop`);
  await page.getByRole("button", { name: /order_confirmation/ }).click();
  await page.getByRole("heading", { name: "Survey nps-order" }).waitFor();
}

async function served(base: string) {
  const response = await fetch(`${base}/v1/config/shop`);
  const config = (await response.json()) as { surveys: { copy: { question: string } }[] };
  return { etag: response.headers.get("etag"), question: config.surveys[0]?.copy.question };
}

describe("dashboard and studio on PostgreSQL", () => {
  it("signs in on one collector, and every collector sharing the database knows the session", async () => {
    const { context, page, errors } = await newPage();
    await page.goto(`${one}/dashboard/#token=${token}`);
    await page.getByText("Signed in as Pat (editor of shop)").waitFor();
    // The results hold the answers both collectors stored.
    await page.locator(".comment", { hasText: "Delivery was slow" }).waitFor();
    await page.locator(".comment", { hasText: "Great prices" }).waitFor();
    // Same host, another collector: the session cookie is honoured there without a sign-in.
    await page.goto(`${two}/dashboard/`);
    await page.getByText("Signed in as Pat (editor of shop)").waitFor();
    await page.locator(".comment", { hasText: "Delivery was slow" }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it("publishes a change through one collector that the other serves, and refuses a stale one", async () => {
    const { context, page, errors } = await newPage();
    await page.goto(`${one}/dashboard/#token=${token}`);
    await page.getByText("Signed in as Pat (editor of shop)").waitFor();
    // Two editors open version 1, one through each collector.
    const stale = await context.newPage();
    await openStudio(stale, one);
    await openStudio(page, two);
    // The survey list reads the figures from PostgreSQL's roll-ups.
    await page.getByText("2 shown, 2 answers, NPS 0").waitFor();

    await page.getByLabel("Question", { exact: true }).fill(NEW_QUESTION);
    await page.getByLabel("What changed (shown in the history)").fill("Friendlier question");
    await page.getByRole("button", { name: "Publish" }).click();
    await page.getByText("Published version 2. Visitors get it on their next page view.").waitFor();
    expect(await served(one)).toEqual({ etag: '"v2"', question: NEW_QUESTION });
    expect(await served(two)).toEqual({ etag: '"v2"', question: NEW_QUESTION });
    expect(await page.getByRole("cell", { name: "Friendlier question" }).count()).toBe(1);

    // The other editor, still on version 1, is refused with what changed, not overwritten.
    await stale.getByLabel("Question", { exact: true }).fill("Would you recommend us?");
    await stale.getByRole("button", { name: "Publish" }).click();
    await stale.getByText(/Not published: version 1 is not the latest \(2\)/).waitFor();
    await stale
      .getByText(/published by Pat/)
      .first()
      .waitFor();
    expect(await served(one)).toEqual({ etag: '"v2"', question: NEW_QUESTION });

    // Rolling back through the first collector, which the second then serves.
    await stale.reload();
    await stale.getByRole("button", { name: "Roll back to version 1" }).click();
    await stale.getByText("Rolled back: version 3 is version 1 again.").waitFor();
    expect(await served(two)).toEqual({ etag: '"v3"', question: OLD_QUESTION });
    const history = await fetch(`${two}/v1/config/shop/versions`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const versions = ((await history.json()) as { versions: { version: number; author: string }[] })
      .versions;
    expect(versions.map((v) => [v.version, v.author])).toEqual([
      [3, "Pat"],
      [2, "Pat"],
      [1, "ops"],
    ]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("lists an unhappy answer in the follow-up inbox, and keeps what the team did with it", async () => {
    // A detractor who left a comment and agreed to be contacted, stored through one collector.
    const unhappy = {
      ...event("answer", "c", 1, "Parcel arrived broken"),
      consent: true,
      contact: "ana@example.com",
    };
    await post(one, unhappy);
    const delivered = await eventually(
      async () => {
        const inbox = await fetch(`${one}/v1/followups?siteKey=shop`, {
          headers: { authorization: `Bearer ${token}` },
        });
        const { rows } = (await inbox.json()) as {
          rows: { eventId: string; alerts: { status: string }[] }[];
        };
        return rows.find((row) => row.eventId === unhappy.id)?.alerts[0]?.status;
      },
      (status) => status === "delivered",
    );
    expect(delivered).toBe("delivered");
    expect(received.filter((body) => body.includes(unhappy.id))).toHaveLength(1);
    // Read and changed through the other collector, read again through the first.
    const { context, page, errors } = await newPage();
    await page.goto(`${two}/dashboard/#token=${token}`);
    await page.getByText("Signed in as Pat (editor of shop)").waitFor();
    await page.goto(`${two}/dashboard/?site=shop#followup-${unhappy.id}`);
    await followUpInInbox(page, {
      comment: "Parcel arrived broken",
      contact: "ana@example.com",
      destination: "support",
      alerted: 2,
      who: "Pat",
      note: "Called, replacement sent",
      reloadUrl: `${one}/dashboard/?site=shop#followup-${unhappy.id}`,
    });
    expect(errors).toEqual([]);
    await context.close();

    // A viewer reads the inbox but may not change it, whichever collector they reach.
    const created = await cli(
      "token",
      "create",
      "--role",
      "viewer",
      "--site",
      "shop",
      "--name",
      "Vi",
    );
    const viewerToken = /^ {2}(tp_\S+)$/m.exec(created)?.[1] ?? "";
    const viewer = await newPage();
    await viewer.page.goto(`${one}/dashboard/#token=${viewerToken}`);
    await viewer.page.getByText("Signed in as Vi (viewer of shop)").waitFor();
    await viewer.page.goto(`${two}/dashboard/?site=shop#followup-${unhappy.id}`);
    const item = viewer.page.locator(".followup", { hasText: "Parcel arrived broken" });
    await item.getByText("Done by Pat", { exact: false }).waitFor();
    await item.getByRole("combobox", { name: "Status" }).selectOption("new");
    await item.getByRole("button", { name: "Save" }).click();
    await viewer.page
      .getByRole("status")
      .filter({ hasText: 'Not saved: token "Vi" (viewer) lacks the "follow-up" right' })
      .waitFor();
    await viewer.page.reload();
    await item.getByText("Done by Pat", { exact: false }).waitFor();
    expect(viewer.errors).toEqual([]);
    await viewer.context.close();
  });
});
