// Collector throughput benchmark: starts `touchpoint collect` on a temp database on 127.0.0.1,
// sends 100,000 distinct events (plus re-sent duplicate batches) from concurrent keep-alive
// connections, then stops the collector and checks that the file holds each id exactly once.
// Usage: npm run build && node bench/collector.mjs [--events N] [--connections N] [--batch N]
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { Agent, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";

const { values } = parseArgs({
  options: {
    events: { type: "string", default: "100000" },
    connections: { type: "string", default: "32" },
    batch: { type: "string", default: "50" },
  },
});
const DISTINCT_EVENTS = Number(values.events);
const CONNECTIONS = Number(values.connections);
const BATCH_SIZE = Number(values.batch);
/** One request in this many re-sends an already acknowledged batch, as an SDK retry would. */
const RESEND_EVERY = 20;
/** The whole run stops after this long, finished or not. */
const DEADLINE_MS = 180_000;
const STARTUP_TIMEOUT_MS = 10_000;
const HOST = "127.0.0.1";

const bin = fileURLToPath(new URL("../bin/touchpoint.mjs", import.meta.url));
if (!existsSync(new URL("../dist/cli.mjs", import.meta.url))) {
  console.error("bench/collector.mjs: dist/cli.mjs is missing; run `npm run build` first");
  process.exit(2);
}

function startCollector(dbPath) {
  const child = spawn(
    process.execPath,
    [bin, "collect", "--db", dbPath, "--port", "0", "--host", HOST, "--rate-limit", "off"],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error("collector did not start")),
      STARTUP_TIMEOUT_MS,
    );
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ child, url });
      }
    });
    child.once("exit", (code) => reject(new Error(`collector exited with ${code}`)));
  });
}

function makeEvent(sequence) {
  const answered = sequence % 3 === 0;
  return {
    id: randomUUID(),
    kind: answered ? "answer" : "impression",
    siteKey: "bench",
    surveyId: `survey-${sequence % 4}`,
    surveyType: "nps",
    touchpoint: "checkout",
    variant: sequence % 2 ? "control" : "friendly",
    ...(answered ? { score: sequence % 11 } : {}),
    ...(answered && sequence % 5 === 0 ? { comment: "Quick and easy, thanks!" } : {}),
    createdAt: new Date().toISOString(),
    visitorId: `visitor-${sequence % 5000}`,
    sessionId: `session-${sequence % 9000}`,
    url: "https://shop.example/checkout/done",
    locale: "en-US",
    sdkVersion: "0.1.0",
  };
}

function post(url, agent, body) {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/v1/events`, {
      method: "POST",
      agent,
      headers: { "content-type": "text/plain", "content-length": Buffer.byteLength(body) },
    });
    req.on("response", (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => {
        text += chunk;
      });
      res.on("end", () =>
        res.statusCode === 200
          ? resolve(JSON.parse(text))
          : reject(new Error(`HTTP ${res.statusCode}: ${text}`)),
      );
    });
    req.on("error", reject);
    req.end(body);
  });
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "touchpoint-bench-"));
  const dbPath = join(dir, "bench.db");
  const { child, url } = await startCollector(dbPath);
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const deadline = Date.now() + DEADLINE_MS;
  const ackedIds = new Set();
  const latencies = [];
  const acked = [];
  let sequence = 0;
  let requests = 0;
  let storedReported = 0;
  let duplicatesReported = 0;

  const nextBatch = () => {
    requests++;
    if (requests % RESEND_EVERY === 0 && acked.length) {
      return acked[Math.floor(Math.random() * acked.length)];
    }
    if (sequence >= DISTINCT_EVENTS) return undefined;
    const size = Math.min(BATCH_SIZE, DISTINCT_EVENTS - sequence);
    return Array.from({ length: size }, () => makeEvent(sequence++));
  };

  const worker = async () => {
    for (let events = nextBatch(); events && Date.now() < deadline; events = nextBatch()) {
      const body = JSON.stringify({ schema: 1, sentAt: new Date().toISOString(), events });
      const start = performance.now();
      const result = await post(url, agent, body);
      latencies.push(performance.now() - start);
      storedReported += result.stored;
      duplicatesReported += result.duplicates;
      for (const event of events) ackedIds.add(event.id);
      acked.push(events);
    }
  };

  const started = performance.now();
  let seconds;
  try {
    await Promise.all(Array.from({ length: CONNECTIONS }, worker));
    seconds = (performance.now() - started) / 1000;
  } finally {
    agent.destroy();
    child.kill("SIGINT");
    await exited;
  }

  const db = new Database(dbPath, { readonly: true });
  const storedRows = db.prepare("SELECT COUNT(*) FROM events").pluck().get();
  db.close();
  rmSync(dir, { recursive: true, force: true });

  latencies.sort((a, b) => a - b);
  const sentEvents = storedReported + duplicatesReported;
  const ok = storedRows === ackedIds.size && storedReported === ackedIds.size;
  console.log(`collector bench: ${CONNECTIONS} connections, batches of ${BATCH_SIZE}`);
  console.log(`  requests:        ${latencies.length} (${seconds.toFixed(2)} s)`);
  console.log(`  events sent:     ${sentEvents} (${duplicatesReported} re-sent duplicates)`);
  console.log(`  throughput:      ${Math.round(sentEvents / seconds)} events/s`);
  console.log(
    `  latency:         p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms`,
  );
  console.log(`  distinct ids:    ${ackedIds.size}`);
  console.log(`  stored rows:     ${storedRows} ${ok ? "(equal)" : "(MISMATCH)"}`);
  if (sequence < DISTINCT_EVENTS) console.log(`  stopped at the ${DEADLINE_MS / 1000} s deadline`);
  process.exitCode = ok ? 0 : 1;
}

main().catch((error) => {
  console.error(`bench/collector.mjs: ${error.stack ?? error}`);
  process.exitCode = 1;
});
