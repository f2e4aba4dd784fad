// `node bench/outbox.mjs`: the outbox measured in Debian's Chromium (playwright-core), on
// 127.0.0.1 only. Prints answer-to-durable (click on Submit to the `answered` event, which fires
// once the IndexedDB transaction completed: p50, p95), the time and number of requests to deliver
// 1,000 queued events after the browser comes back online, and the outbox's share of the engine
// chunk. A command, not a test: it fails only when a measurement breaks, never on a time.
// Usage: npm run build && node bench/outbox.mjs [--answers 50] [--events 1000] [--json]
// The bench helper can call `benchOutbox({ browser, answers, events })` from bench/run.mjs.
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";

const ROOT = new URL("../", import.meta.url);
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const SITE_KEY = "bench-outbox";
const SURVEY = {
  id: "nps-order",
  type: "nps",
  touchpoint: "order_confirmation",
  copy: { question: "How likely are you to recommend Acme to a friend?" },
  trigger: { on: "manual" },
};
/** Files of the engine chunk that belong to storage and delivery. */
const OUTBOX_SOURCE = /src\/(outbox\/|engine\/delivery\.ts)|node_modules\/idb-keyval\//;

function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-quic"],
  });
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

/** A page, dist/ and a collector counting distinct event ids, on 127.0.0.1. */
async function startServer() {
  const ids = new Set();
  const counts = { requests: 0 };
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bench</title>
<script>!function(w,n,t){t=w[n]=w[n]||function(){(t.q=t.q||[]).push(arguments)};"init track identify show on off flush consent explain reset destroy".split(" ").forEach(function(m){t[m]=t[m]||function(){t.apply(null,[m].concat([].slice.call(arguments)))}})}(window,"touchpoint");
touchpoint.init(${JSON.stringify({ siteKey: SITE_KEY, collector: "/collect", surveys: [SURVEY] })});
</script><script async src="/dist/touchpoint.js"></script></head><body><h1>Shop</h1></body></html>`;
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    if (path === "/collect") {
      counts.requests += 1;
      const chunks = [];
      for await (const chunk of req) chunks.push(chunk);
      for (const e of JSON.parse(Buffer.concat(chunks).toString()).events) ids.add(e.id);
      return res.writeHead(200).end("{}");
    }
    if (path === "/") return res.writeHead(200, { "Content-Type": "text/html" }).end(html);
    if (/^\/dist\/[\w.-]+\.(m?js)$/.test(path)) {
      try {
        const body = await readFile(new URL(`.${path}`, ROOT));
        return res.writeHead(200, { "Content-Type": "text/javascript" }).end(body);
      } catch {
        return res.writeHead(404).end();
      }
    }
    return res.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    ids,
    counts,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

async function readyPage(context, server) {
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForFunction(() => typeof window.touchpoint?.version === "string");
  // Loads the engine (and opens IndexedDB) before anything is timed.
  await page.evaluate(() => window.touchpoint.flush());
  return page;
}

/** Click on Submit to `answered`, which Touchpoint emits once the answer is durable. */
async function measureDurable(context, server, count) {
  const page = await readyPage(context, server);
  const samples = [];
  for (let i = 0; i < count; i++) {
    if (!(await page.evaluate(() => window.touchpoint.show("nps-order"))))
      throw new Error(`answer ${i}: show() resolved false`);
    await page.getByRole("radio", { name: String(i % 11), exact: true }).check();
    await page.evaluate(() => {
      window.__answered = new Promise((resolve) => {
        const off = window.touchpoint.on("answered", () => {
          off();
          resolve(performance.now());
        });
      });
      window.addEventListener(
        "click",
        () => {
          window.__clicked = performance.now();
        },
        { capture: true, once: true },
      );
    });
    await page.getByRole("button", { name: "Submit" }).click();
    samples.push(await page.evaluate(async () => (await window.__answered) - window.__clicked));
    await page.getByRole("button", { name: "Close" }).click();
    await page.waitForFunction(() => !document.querySelector("touchpoint-prompt"));
  }
  await page.close();
  return samples;
}

/** Writes `count` events into the queue while offline, then times delivery after going online. */
async function measureQueue(context, server, count) {
  const page = await readyPage(context, server);
  await page.evaluate(() => window.touchpoint.flush());
  await context.setOffline(true);
  await page.evaluate(
    ({ count, name }) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction("kv", "readwrite");
          const start = Date.now() - 60_000;
          for (let i = 0; i < count; i++) {
            const event = {
              id: crypto.randomUUID(),
              kind: i % 3 ? "impression" : "answer",
              siteKey: "bench-outbox",
              surveyId: "nps-order",
              surveyType: "nps",
              touchpoint: "order_confirmation",
              variant: "control",
              ...(i % 3 ? {} : { score: i % 11 }),
              createdAt: new Date(start + i).toISOString(),
              visitorId: "bench-visitor",
              sessionId: "bench-session",
              url: location.href,
              locale: "en",
              sdkVersion: "bench",
            };
            const size = new TextEncoder().encode(JSON.stringify(event)).length;
            tx.objectStore("kv").put({ event, rev: i + 1, at: start + i, size }, `q:${event.id}`);
          }
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { count, name: `touchpoint:${SITE_KEY}` },
  );
  server.ids.clear();
  server.counts.requests = 0;
  const started = performance.now();
  await context.setOffline(false);
  const until = Date.now() + 60_000;
  while (server.ids.size < count && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
  const ms = performance.now() - started;
  if (server.ids.size < count) throw new Error(`only ${server.ids.size} of ${count} delivered`);
  await page.close();
  return { ms, requests: server.counts.requests, delivered: server.ids.size };
}

/** Base64 VLQ source-map mappings, decoded just enough to attribute output bytes to sources. */
function attribute(code, map) {
  const DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const lines = code.split("\n");
  const bySource = new Map();
  let source = 0;
  map.mappings.split(";").forEach((line, lineIndex) => {
    const text = lines[lineIndex] ?? "";
    const segments = [];
    let column = 0;
    for (const segment of line.split(",")) {
      if (!segment) continue;
      const values = [];
      let value = 0;
      let shift = 0;
      for (const ch of segment) {
        const digit = DIGITS.indexOf(ch);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          values.push(value & 1 ? -(value >> 1) : value >> 1);
          value = 0;
          shift = 0;
        }
      }
      column += values[0];
      if (values.length > 1) source += values[1];
      segments.push({ column, source: values.length > 1 ? source : -1 });
      // Later fields (line, column, name) are not needed here.
    }
    segments.forEach((s, i) => {
      const end = segments[i + 1]?.column ?? text.length;
      const name = s.source >= 0 ? map.sources[s.source] : "(unmapped)";
      bySource.set(name, (bySource.get(name) ?? "") + text.slice(s.column, end));
    });
  });
  return bySource;
}

/** The outbox's part of the engine chunk: minified bytes mapped to its sources, and gzip. */
export async function outboxSize() {
  const { engine } = JSON.parse(await readFile(new URL("dist/chunks.json", ROOT), "utf8"));
  const code = await readFile(new URL(`dist/${engine}`, ROOT), "utf8");
  const map = JSON.parse(await readFile(new URL(`dist/${engine}.map`, ROOT), "utf8"));
  const parts = attribute(code, map);
  let outbox = "";
  for (const [source, text] of parts) if (OUTBOX_SOURCE.test(source)) outbox += text;
  const engineGzip = gzipSync(code, { level: 9 }).length;
  const share = outbox.length / code.length;
  return {
    engineBytes: code.length,
    engineGzip,
    outboxBytes: outbox.length,
    outboxGzipAlone: gzipSync(outbox, { level: 9 }).length,
    share,
    outboxGzipShare: Math.round(share * engineGzip),
  };
}

/**
 * Runs the outbox bench. Pass a launched playwright `browser` to share one; figures in ms.
 * @returns {Promise<{durable: {p50: number, p95: number, samples: number[]}, queue: {ms: number, requests: number, delivered: number}, size: Awaited<ReturnType<typeof outboxSize>>}>}
 */
export async function benchOutbox({ browser, answers = 50, events = 1000 } = {}) {
  const own = !browser;
  const b = browser ?? (await launch());
  const server = await startServer();
  try {
    const durableContext = await b.newContext();
    const samples = await measureDurable(durableContext, server, answers);
    await durableContext.close();
    const queueContext = await b.newContext();
    const queue = await measureQueue(queueContext, server, events);
    await queueContext.close();
    return {
      durable: { p50: percentile(samples, 50), p95: percentile(samples, 95), samples },
      queue,
      size: await outboxSize(),
    };
  } finally {
    await server.close();
    if (own) await b.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      answers: { type: "string", default: "50" },
      events: { type: "string", default: "1000" },
      json: { type: "boolean", default: false },
    },
  });
  const result = await benchOutbox({
    answers: Number(values.answers),
    events: Number(values.events),
  });
  if (values.json) console.log(JSON.stringify(result, null, 2));
  else {
    const { durable, queue, size } = result;
    const ms = (v) => `${v.toFixed(1)} ms`;
    console.log(
      `answer to durable in IndexedDB (${durable.samples.length} answers): p50 ${ms(durable.p50)}, p95 ${ms(durable.p95)}`,
    );
    console.log(
      `${queue.delivered} queued events delivered after coming online: ${ms(queue.ms)}, ${queue.requests} requests`,
    );
    console.log(
      `outbox in the engine chunk: ${(size.share * 100).toFixed(1)}% of ${size.engineBytes} minified bytes, about ${(size.outboxGzipShare / 1000).toFixed(2)} of ${(size.engineGzip / 1000).toFixed(2)} KB gzip (${(size.outboxGzipAlone / 1000).toFixed(2)} KB gzipped on its own)`,
    );
  }
}
