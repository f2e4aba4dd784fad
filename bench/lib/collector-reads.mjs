// Read side at scale: bulk-loads a generated data set (two surveys, two variants and a holdout
// group, 90 days ending today), then times `touchpoint report` and each read API call the
// dashboard makes, each in a fresh process so its peak memory is its own.
import { randomUUID } from "node:crypto";
import { bulkLoad, currentMonths, openStore } from "../../dist/cli.mjs";
import { startCollector, timeReport } from "./collector-process.mjs";

const DAY_MS = 86_400_000;
const DAYS = 90;
const COMMENTS = ["Fast delivery", "Too many steps", "Great help", "Could not find it", "OK"];

/** A seeded random source (mulberry32). */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Visitors' events until `total` events: about 1.5 per visitor. */
export function* generate(total, now = Date.now()) {
  const next = random(17);
  const start = now - (DAYS - 1) * DAY_MS;
  const receivedAt = new Date(now).toISOString();
  let count = 0;
  for (let v = 0; count < total; v++) {
    const nps = next() < 0.6;
    const holdout = next() < 0.05;
    const variant = holdout || next() < 0.5 ? "control" : "benefit";
    const at = start + Math.floor(next() * (DAYS - 1) * DAY_MS);
    const common = {
      siteKey: "bench",
      surveyId: nps ? "nps-order" : "csat-help",
      surveyType: nps ? "nps" : "csat",
      touchpoint: nps ? "order_confirmation" : "help_article",
      variant,
      forced: false,
      holdout,
      visitorId: randomUUID(),
      sessionId: `s-${v}`,
      url: "https://shop.example/thanks",
      locale: "en-GB",
      sdkVersion: "0.1.0",
    };
    const events = [
      { ...common, id: randomUUID(), kind: "impression", createdAt: new Date(at).toISOString() },
    ];
    const later = new Date(at + 5000).toISOString();
    const roll = next();
    if (roll < (variant === "benefit" ? 0.37 : 0.3)) {
      const score = nps
        ? Math.min(10, Math.floor(next() * 6) + Math.floor(next() * 6))
        : 1 + Math.floor(next() * 5);
      const comment = next() < 0.3 ? COMMENTS[Math.floor(next() * COMMENTS.length)] : undefined;
      events.push({
        ...common,
        id: randomUUID(),
        kind: "answer",
        score,
        ...(comment ? { comment } : {}),
        createdAt: later,
      });
    } else if (roll < 0.55) {
      events.push({ ...common, id: randomUUID(), kind: "dismissal", createdAt: later });
    }
    count += events.length;
    yield { events: events.slice(0, Math.max(1, events.length - (count - total))), receivedAt };
  }
}

/** The read API calls the dashboard makes on each refresh (its default view: the last 90 days). */
export function dashboardCalls(now = Date.now()) {
  const from = new Date(now - (DAYS - 1) * DAY_MS).toISOString().slice(0, 10);
  return [
    ["GET /v1/meta", "/v1/meta"],
    ["GET /v1/report (90 days)", `/v1/report?from=${from}`],
    ["GET /v1/timeseries nps, week", `/v1/timeseries?from=${from}&surveyType=nps&bucket=week`],
    ["GET /v1/timeseries csat, week", `/v1/timeseries?from=${from}&surveyType=csat&bucket=week`],
    ["GET /v1/comments (25)", `/v1/comments?from=${from}&limit=25`],
    ["GET /v1/summary (all time)", "/v1/summary"],
    ["GET /v1/report (all time)", "/v1/report"],
  ];
}

async function timeCall(url, path, repeats) {
  const times = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    const response = await fetch(`${url}${path}`);
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    times.push(performance.now() - start);
  }
  return times;
}

/**
 * Loads `events` events into `target` (an empty SQLite file or PostgreSQL database) and measures
 * the reads. Resolves to `{ load: { ms, events }, report: { ms, peak }, calls: [{ name, first,
 * median, peak }] }`.
 */
export async function measureReads(target, events, { repeats = 5 } = {}) {
  const now = Date.now();
  const store = openStore(target);
  const loadStart = performance.now();
  const loaded = await bulkLoad(
    store,
    generate(events, now),
    currentMonths(now).concat(months(now)),
  );
  const loadMs = performance.now() - loadStart;
  await store.close();
  const report = await timeReport(target);
  const calls = [];
  for (const [name, path] of dashboardCalls(now)) {
    const collector = await startCollector(target);
    const [first, ...rest] = await timeCall(collector.url, path, repeats + 1);
    const peak = await collector.stop();
    rest.sort((a, b) => a - b);
    calls.push({ name, first, median: rest[Math.floor(rest.length / 2)], peak });
  }
  return { load: { ms: loadMs, events: loaded }, report, calls };
}

function months(now) {
  const out = [];
  for (let d = 0; d < DAYS + 31; d += 28)
    out.push(new Date(now - d * DAY_MS).toISOString().slice(0, 7));
  return out;
}
