// `npm run demo`: the demo shop on http://127.0.0.1:5173 and the reference collector (SQLite,
// de-duplicating, with its dashboard) on http://127.0.0.1:8787, printing every batch it receives.
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join, normalize } from "node:path";
import { createCollector } from "../dist/cli.mjs";

// The config names the collector's default port; the demo serves it with the port in use.
const config = JSON.parse(await readFile(new URL("touchpoint.json", import.meta.url), "utf8"));

const root = new URL("..", import.meta.url).pathname;
const SHOP_PORT = Number(process.env.DEMO_PORT ?? 5173);
const COLLECTOR_PORT = Number(process.env.COLLECTOR_PORT ?? 8787);
const HOST = "127.0.0.1";
const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".map": "application/json",
};

const collector = createCollector({
  dbPath: process.env.DEMO_DB ?? join(root, "demo", "feedback.db"),
  allowOrigins: [`http://${HOST}:${SHOP_PORT}`, `http://localhost:${SHOP_PORT}`],
  dashboardDir: join(root, "dist", "dashboard"),
  log: (line) => console.log(`collector: ${line}`),
  onIngest: (events, stored) => {
    for (const e of events) {
      const detail =
        e.kind === "answer" ? ` score ${e.score}${e.comment ? ` "${e.comment}"` : ""}` : "";
      console.log(
        `collector received ${e.kind} ${e.surveyId}@${e.touchpoint}${detail} (id ${e.id.slice(0, 8)})`,
      );
    }
    if (stored < events.length)
      console.log(
        `collector: ${events.length - stored} duplicate(s) acknowledged, not stored again`,
      );
  },
});
await collector.listen(COLLECTOR_PORT, HOST);

const shop = createServer(async (req, res) => {
  const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
  if (path === "/touchpoint.json") {
    const collectorUrl = `http://${HOST}:${COLLECTOR_PORT}/v1/events`;
    return res
      .writeHead(200, { "Content-Type": types[".json"] })
      .end(JSON.stringify({ ...config, collector: collectorUrl }));
  }
  const file = normalize(
    path.startsWith("/dist/")
      ? join(root, path)
      : join(root, "demo", path === "/" ? "index.html" : path),
  );
  if (!file.startsWith(root) || file.includes(`${root}node_modules`))
    return res.writeHead(404).end();
  let body;
  try {
    body = await readFile(file);
  } catch {
    return res.writeHead(404).end("not found");
  }
  res
    .writeHead(200, { "Content-Type": types[extname(file)] ?? "application/octet-stream" })
    .end(body);
});
shop.listen(SHOP_PORT, HOST, () => {
  console.log(`Demo shop:  http://${HOST}:${SHOP_PORT}/  (help article: /help.html)`);
  console.log(`Collector:  http://${HOST}:${COLLECTOR_PORT}/v1/events`);
  console.log(`Dashboard:  http://${HOST}:${COLLECTOR_PORT}/dashboard/`);
  console.log("Press Ctrl+C to stop.");
});

const stop = async () => {
  shop.close();
  await collector.close();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
