// Ingest throughput: N collector processes on one database, requests spread round-robin, as a
// load balancer would; then every acknowledged id must be stored exactly once.
import { randomUUID } from "node:crypto";
import { Agent, request } from "node:http";
import { startCollector } from "./collector-process.mjs";
import { percentile } from "./stats.mjs";

/** One request in this many re-sends an already acknowledged batch, as an SDK retry would. */
const RESEND_EVERY = 20;

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

/**
 * Sends `events` distinct events (and re-sent batches) to `processes` collectors on `target`;
 * `count(target)` resolves to `{ rows, distinct }` once they have stopped.
 */
export async function measureIngest(target, processes, options, count) {
  const collectors = await Promise.all(
    Array.from({ length: processes }, () => startCollector(target)),
  );
  const urls = collectors.map((c) => c.url);
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const acked = [];
  const ackedIds = new Set();
  const latencies = [];
  let sequence = 0;
  let requests = 0;
  let sent = 0;
  const nextBatch = () => {
    requests++;
    if (requests % RESEND_EVERY === 0 && acked.length) {
      return acked[Math.floor(Math.random() * acked.length)];
    }
    if (sequence >= options.events) return undefined;
    const size = Math.min(options.batch, options.events - sequence);
    return Array.from({ length: size }, () => makeEvent(sequence++));
  };
  const worker = async () => {
    for (let events = nextBatch(); events; events = nextBatch()) {
      const body = JSON.stringify({ schema: 1, sentAt: new Date().toISOString(), events });
      const url = urls[requests % urls.length];
      const start = performance.now();
      await post(url, agent, body);
      latencies.push(performance.now() - start);
      sent += events.length;
      for (const event of events) ackedIds.add(event.id);
      acked.push(events);
    }
  };
  const started = performance.now();
  let seconds;
  try {
    await Promise.all(Array.from({ length: options.connections }, worker));
    seconds = (performance.now() - started) / 1000;
  } finally {
    agent.destroy();
    await Promise.all(collectors.map((c) => c.stop()));
  }
  const stored = await count();
  return {
    processes,
    eventsPerSecond: sent / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    sent,
    distinct: ackedIds.size,
    ...stored,
  };
}
