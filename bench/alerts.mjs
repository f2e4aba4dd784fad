// Alert latency benchmark: the reference collector (from dist/) on a temp SQLite file, or with
// `--db postgres` N collectors (`--collectors`, default 1) on a private PostgreSQL cluster, with one
// alert rule, a local webhook receiver that verifies each signature, and detractor answers sent
// one request at a time at a steady pace (round-robin over the collectors). Latency is measured
// in the bench's process, from the answer committed (onIngest, after the transaction) to the
// receiver's 2xx arriving back (onAlertAttempt "delivered", on whichever collector sent it), with
// no comment wait. DESIGN.md's goal: p95 under 1 s.
// Usage: npm run build && node bench/alerts.mjs [--answers N] [--rate PER_SECOND]
//        [--db sqlite|postgres] [--collectors N]
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { DEMO_SECRET, startWebhookReceiver } from "../demo/webhook-receiver.mjs";
import { startCluster } from "../scripts/postgres-cluster.mjs";
import { percentile } from "./lib/stats.mjs";

const { values } = parseArgs({
  options: {
    answers: { type: "string", default: "300" },
    rate: { type: "string", default: "20" },
    db: { type: "string", default: "sqlite" },
    collectors: { type: "string", default: "1" },
  },
});
if (!["sqlite", "postgres"].includes(values.db)) {
  console.error(`bench/alerts.mjs: --db: expected sqlite or postgres, got "${values.db}"`);
  process.exit(2);
}
const COLLECTORS = values.db === "postgres" ? Number(values.collectors) : 1;
const ANSWERS = Number(values.answers);
const RATE = Number(values.rate);
const DEADLINE_MS = 120_000;

if (!existsSync(new URL("../dist/cli.mjs", import.meta.url))) {
  console.error("bench/alerts.mjs: dist/cli.mjs is missing; run `npm run build` first");
  process.exit(2);
}
const { createCollector } = await import("../dist/cli.mjs");

const dir = mkdtempSync(join(tmpdir(), "touchpoint-alerts-bench-"));
const cluster = values.db === "postgres" ? await startCluster() : undefined;
let invalid = 0;
let duplicates = 0;
const seen = new Set();
const receiver = await startWebhookReceiver({
  secret: DEMO_SECRET,
  onAlert: ({ id, valid }) => {
    if (!valid) invalid++;
    if (seen.has(id)) duplicates++;
    seen.add(id);
  },
});
const storedAt = new Map();
const latencies = [];
let dead = 0;
let retries = 0;
let finish;
const finished = new Promise((resolve) => {
  finish = resolve;
});
const collectorOptions = {
  dbPath: cluster ? cluster.url : join(dir, "feedback.db"),
  rateLimit: false,
  alerts: {
    destinations: { bench: { type: "webhook", url: receiver.url, secret: DEMO_SECRET } },
    rules: [{ name: "detractors", match: { segment: "detractor" }, destinations: ["bench"] }],
  },
  onIngest: (events) => {
    const at = performance.now();
    for (const event of events) storedAt.set(event.id, at);
  },
  onAlertAttempt: (alert, outcome) => {
    if (outcome === "retry") retries++;
    if (outcome === "dead") dead++;
    if (outcome === "delivered") latencies.push(performance.now() - storedAt.get(alert.eventId));
    if (latencies.length + dead === ANSWERS) finish();
  },
};
const collectors = Array.from({ length: COLLECTORS }, () => createCollector(collectorOptions));
const urls = [];
for (const collector of collectors) urls.push((await collector.listen(0, "127.0.0.1")).url);

const answer = () => ({
  id: randomUUID(),
  kind: "answer",
  siteKey: "bench",
  surveyId: "nps-order",
  surveyType: "nps",
  touchpoint: "order_confirmation",
  variant: "control",
  score: Math.floor(Math.random() * 7),
  createdAt: new Date().toISOString(),
  visitorId: randomUUID(),
  sessionId: randomUUID(),
  url: "https://shop.example/order/1",
  locale: "en-GB",
  sdkVersion: "0.1.0",
});

const started = performance.now();
for (let i = 0; i < ANSWERS; i++) {
  const due = started + (i * 1000) / RATE;
  const wait = due - performance.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  const body = JSON.stringify({ schema: 1, sentAt: new Date().toISOString(), events: [answer()] });
  const response = await fetch(`${urls[i % urls.length]}/v1/events`, {
    method: "POST",
    headers: { "content-type": "text/plain" },
    body,
  });
  if (!response.ok) throw new Error(`collector answered ${response.status}`);
}
const timer = setTimeout(finish, DEADLINE_MS);
await finished;
clearTimeout(timer);
await Promise.all(collectors.map((collector) => collector.close()));
receiver.server.close();
cluster?.stop();
rmSync(dir, { recursive: true, force: true });

const ms = (v) => `${v.toFixed(1)} ms`;
console.log(
  `node bench/alerts.mjs: ${ANSWERS} detractor answers at ${RATE}/s, one per request, each alerted to a local signed-webhook receiver; ${cluster ? `PostgreSQL 15 (private cluster), ${COLLECTORS} collector(s)` : "SQLite, 1 collector"}`,
);
console.log(
  `machine: ${cpus()[0]?.model ?? "?"} x${cpus().length}, Node ${process.version}, load average ${loadavg()[0].toFixed(2)}`,
);
console.log("");
console.log("| answer stored -> receiver 2xx | value |");
console.log("| --- | ---: |");
console.log(`| delivered | ${latencies.length} of ${ANSWERS} |`);
console.log(`| p50 | ${ms(percentile(latencies, 50))} |`);
console.log(`| p95 | ${ms(percentile(latencies, 95))} |`);
console.log(`| p99 | ${ms(percentile(latencies, 99))} |`);
console.log(`| max | ${ms(Math.max(...latencies))} |`);
console.log(`| retries, dead letters, bad signatures | ${retries}, ${dead}, ${invalid} |`);
console.log(`| webhook-ids received more than once | ${duplicates} |`);
console.log("");
console.log(
  `goal p95 < 1000 ms: ${percentile(latencies, 95) < 1000 ? "met" : "NOT met"} (percentiles: nearest rank)`,
);
