// `npm run demo [-- --seed]`: the demo shop on http://127.0.0.1:5173, the reference collector
// (SQLite unless DEMO_DB names PostgreSQL, de-duplicating) on http://127.0.0.1:8787 printing every batch it receives, and the
// results dashboard it serves at /dashboard/, with a fresh admin token in a sign-in link.
// `--seed` first fills the database with a simulated data set (`touchpoint seed`) so the
// dashboard has something to show at once. The shop's config (demo/touchpoint.json) is
// published to the collector (`touchpoint publish`) and the pages load it from the collector's
// GET /v1/config/demo-shop, so changes made in the studio reach the shop. It also starts a webhook receiver
// (demo/webhook-receiver.mjs) that prints each alert the collector sends under demo/alerts.json,
// with its signature checked. A port in use is replaced by a free one; the URLs printed are the
// real ones.
// Environment: DEMO_PORT, COLLECTOR_PORT, WEBHOOK_PORT (0: any free port), DEMO_DB (a SQLite
// file or a postgres:// URL; the tests use a temp file).
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createCollector, createToken, main } from "../dist/cli.mjs";
import { describeAlert, startWebhookReceiver } from "./webhook-receiver.mjs";

const HOST = "127.0.0.1";
const SHOP_PORT = Number(process.env.DEMO_PORT ?? 5173);
const COLLECTOR_PORT = Number(process.env.COLLECTOR_PORT ?? 8787);
const WEBHOOK_PORT = Number(process.env.WEBHOOK_PORT ?? 8788);
const root = fileURLToPath(new URL("..", import.meta.url));
const demoDir = join(root, "demo");
const dbPath = process.env.DEMO_DB ?? join(demoDir, "feedback.db");
const dashboardDir = join(root, "dist", "dashboard");
// Known once the servers listen.
let shopOrigin = "";
let collectorOrigin = "";

const args = process.argv.slice(2);
const unknown = args.filter((a) => a !== "--seed");
if (unknown.length > 0) {
  console.error(`demo: unknown option ${unknown.join(" ")}\nUsage: npm run demo [-- --seed]`);
  process.exit(2);
}

const config = JSON.parse(await readFile(join(demoDir, "touchpoint.json"), "utf8"));
const configUrl = () => `${collectorOrigin}/v1/config/${config.siteKey}`;

/** Pages of the multi-page part; everything under /shop/ is the single-page app. */
const PAGES = { "/": "index.html", "/help/returns": "help.html", "/help/contact": "contact.html" };
const ASSETS = new Set(["/page.js", "/shop.js", "/help.js", "/contact.js", "/style.css"]);
/** The SDK as a site serves it: the script and its lazy chunks (engine, UI, locales). */
const SDK_FILE = /^\/dist\/touchpoint(-[\w-]+)?\.m?js(\.map)?$/;
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
};
// A strict policy, as a careful shop would send: no inline script or style, and the only
// other origin the pages may talk to is the collector.
const csp = () =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self' ${collectorOrigin}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join("; ");

function fileFor(path) {
  if (Object.hasOwn(PAGES, path)) return join(demoDir, PAGES[path]);
  if (path === "/shop" || path.startsWith("/shop/")) return join(demoDir, "shop.html");
  if (ASSETS.has(path)) return join(demoDir, path.slice(1));
  if (SDK_FILE.test(path)) return join(root, path.slice(1));
  return undefined;
}

async function handle(req, res) {
  const path = new URL(req.url ?? "/", "http://shop.invalid").pathname;
  if (path === "/touchpoint.json") {
    // The config names the collector's default port; serve it with the port in use.
    const body = JSON.stringify({ ...config, collector: `${collectorOrigin}/v1/events` });
    return res.writeHead(200, { "Content-Type": TYPES[".json"] }).end(body);
  }
  if (path === "/demo.json") {
    const body = JSON.stringify({
      dashboard: `${collectorOrigin}/dashboard/`,
      studio: `${collectorOrigin}/dashboard/?view=studio&site=${config.siteKey}`,
    });
    return res.writeHead(200, { "Content-Type": TYPES[".json"] }).end(body);
  }
  if (path === "/help" || path === "/help/") {
    return res.writeHead(302, { Location: "/help/returns" }).end();
  }
  const file = fileFor(path);
  const body = file ? await readFile(file).catch(() => undefined) : undefined;
  if (!body) {
    return res
      .writeHead(404, { "Content-Type": "text/plain; charset=utf-8" })
      .end(`Not found: ${path}`);
  }
  const type = TYPES[extname(file)] ?? "application/octet-stream";
  const headers = { "Content-Type": type, "Cache-Control": "no-cache" };
  if (!type.startsWith("text/html")) return res.writeHead(200, headers).end(body);
  headers["Content-Security-Policy"] = csp();
  // The pages load the config the studio publishes, from the collector.
  const page = body
    .toString("utf8")
    .replace('data-config="/touchpoint.json"', `data-config="${configUrl()}"`);
  res.writeHead(200, headers).end(page);
}

/** Listens on `port`, or on a free port when that one is taken; resolves to the origin. */
function listen(server, port) {
  return new Promise((resolve, reject) => {
    const onError = (error) => {
      if (error.code === "EADDRINUSE" && port !== 0) {
        server.listen(0, HOST);
        return;
      }
      reject(error);
    };
    server.on("error", onError);
    server.once("listening", () => {
      server.off("error", onError);
      resolve(`http://${HOST}:${server.address().port}`);
    });
    server.listen(port, HOST);
  });
}

const io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};
const shop = createServer((req, res) => {
  handle(req, res).catch((error) => {
    console.error(`shop: ${req.url}: ${error.stack ?? error}`);
    if (!res.headersSent) res.writeHead(500).end("internal error");
  });
});
try {
  shopOrigin = await listen(shop, SHOP_PORT);
} catch (error) {
  console.error(`demo: shop: ${error.message}`);
  process.exit(1);
}

if (args.includes("--seed")) {
  const code = await main(["seed", "--db", dbPath, "--origin", shopOrigin], io);
  if (code !== 0) process.exit(code);
}

let receiver;
try {
  const onAlert = (alert) => console.log(describeAlert(alert));
  receiver = await startWebhookReceiver({ port: WEBHOOK_PORT, onAlert }).catch((error) => {
    if (error.code !== "EADDRINUSE" || WEBHOOK_PORT === 0) throw error;
    return startWebhookReceiver({ port: 0, onAlert });
  });
} catch (error) {
  console.error(
    `demo: webhook receiver: ${error.code === "EADDRINUSE" ? `port ${WEBHOOK_PORT} is in use; set WEBHOOK_PORT to another port (0: any free one)` : error.message}`,
  );
  process.exit(1);
}
// The alert rules name the receiver's default port; point them at the one in use.
const alerts = JSON.parse(await readFile(join(demoDir, "alerts.json"), "utf8"));
for (const destination of Object.values(alerts.destinations)) destination.url = receiver.url;

const collector = createCollector({
  dbPath,
  alerts,
  allowOrigins: [shopOrigin, shopOrigin.replace(HOST, "localhost")],
  dashboardDir,
  // The dashboard lays the touchpoints out in the order the config lists them: journey order.
  journey: config.surveys.map((s) => s.touchpoint),
  log: (line) => console.log(`collector: ${line}`),
  onIngest: (events, stored) => {
    for (const e of events) {
      const detail =
        e.kind === "answer"
          ? ` score ${e.score}${e.comment ? ` "${e.comment}"` : ""}${e.consent ? " (may contact)" : ""}`
          : "";
      console.log(
        `collector received ${e.kind} ${e.surveyId}@${e.touchpoint}${detail} (id ${e.id.slice(0, 8)})`,
      );
    }
    if (stored < events.length) {
      console.log(
        `collector: ${events.length - stored} duplicate(s) acknowledged, not stored again`,
      );
    }
  },
});

let signInLink = "";
try {
  const listening = await collector.listen(COLLECTOR_PORT, HOST).catch((error) => {
    if (error.code !== "EADDRINUSE" || COLLECTOR_PORT === 0) throw error;
    return collector.listen(0, HOST);
  });
  collectorOrigin = listening.url;
  // As notebook servers do: a fresh admin token for this demo database, in a sign-in link.
  const { token } = await createToken(collector.store, { role: "admin", name: "npm run demo" });
  signInLink = `${collectorOrigin}/dashboard/#token=${token}`;
} catch (error) {
  console.error(`demo: collector: ${error.message}`);
  shop.close();
  await collector.close();
  receiver.server.close();
  process.exit(1);
}

// Published unless the studio changed the config since: the studio's edits survive a restart.
const published = await main(
  [
    "publish",
    join(demoDir, "touchpoint.json"),
    "--db",
    dbPath,
    "--site",
    config.siteKey,
    "--collector",
    `${collectorOrigin}/v1/events`,
    "--author",
    "npm run demo",
    "--if-unchanged-by",
    "npm run demo",
    "--message",
    "demo/touchpoint.json",
  ],
  io,
);
if (published !== 0) process.exit(published);

const rows = config.surveys.map((s) => {
  const t = s.trigger;
  const when = t.on === "event" ? `track("${t.event}")` : t.on;
  const where = t.url ? ` on ${t.url}` : "";
  const delay = t.delay ? ` after ${t.delay} s` : "";
  return `  ${s.touchpoint.padEnd(20)} ${s.type.toUpperCase().padEnd(5)} ${when}${where}${delay}`;
});
console.log(
  [
    "",
    `Demo shop:   ${shopOrigin}/`,
    `Dashboard:   ${signInLink}`,
    "             (a sign-in link holding an admin token for this demo database: keep it private)",
    `Studio:      ${collectorOrigin}/dashboard/?view=studio&site=${config.siteKey}`,
    `Config:      ${configUrl()}  (what the shop loads; publish changes in the studio)`,
    `Collector:   ${collectorOrigin}/v1/events  (database ${dbPath})`,
    `Webhooks:    ${receiver.url}  (alerts for unhappy answers, demo/alerts.json; printed here)`,
    "",
    "Touchpoints (demo/touchpoint.json), in journey order:",
    ...rows,
    "",
    existsSync(dashboardDir)
      ? args.includes("--seed")
        ? "Answer a prompt in the shop, then press Refresh on the dashboard."
        : "Tip: `npm run demo -- --seed` fills the dashboard with a simulated data set first."
      : "The dashboard is not built: run `npm run build`.",
    "Press Ctrl+C to stop.",
  ].join("\n"),
);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  shop.closeAllConnections();
  shop.close();
  receiver.server.closeAllConnections();
  receiver.server.close();
  await collector.close();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
