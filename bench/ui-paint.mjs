// Trigger-to-painted time of the prompt in Chromium with 4x CPU slowdown, chunks cached, and the
// gzip size of the UI chunk. Measures dist/ as built (`npm run build` first). Prints figures and
// never fails on time.
//
//   node bench/ui-paint.mjs [--runs 10] [--rate 4]
//
// Each run opens the page anew (HTTP cache warm), waits until Touchpoint is ready, then calls
// track() and stops the clock at the first frame after the `shown` event (a requestAnimationFrame
// callback, then a task, so the frame that paints the prompt is included). It also counts the
// style recalculations and layouts Chromium did in that window (its Performance metrics): unlike
// times on a busy machine, these counts repeat exactly.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const TYPES = { ".js": "text/javascript", ".mjs": "text/javascript", ".map": "application/json" };
const BOUND_MS = 30_000;

const CONFIG = {
  siteKey: "bench",
  collector: "/collect",
  policy: { maxPerSession: 100 },
  surveys: [
    {
      id: "nps-bench",
      type: "nps",
      touchpoint: "bench",
      copy: { question: "How likely are you to recommend Acme to a friend?", followUp: "Why?" },
      trigger: { on: "event", event: "bench" },
      frequency: { afterAnswerDays: 0, afterDismissDays: 0, afterShownDays: 0 },
    },
  ],
};

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bench</title>
<script>!function(w,n,t){t=w[n]=w[n]||function(){(t.q=t.q||[]).push(arguments)};"init track identify show on off flush consent explain reset destroy".split(" ").forEach(function(m){t[m]=t[m]||function(){t.apply(null,[m].concat([].slice.call(arguments)))}})}(window,"touchpoint");
touchpoint.init(${JSON.stringify(CONFIG)});
touchpoint.on("ready", function () { window.benchReady = true; });
</script><script async src="/dist/touchpoint.js"></script></head>
<body><main><h1>Bench page</h1><p>Nothing else here.</p></main></body></html>`;

function serve(dist) {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    if (path === "/collect") {
      req.resume();
      return res.writeHead(200).end("{}");
    }
    if (path === "/") return res.writeHead(200, { "Content-Type": "text/html" }).end(PAGE);
    if (path === "/empty")
      return res
        .writeHead(200, { "Content-Type": "text/html" })
        .end("<!doctype html><title>UI</title>");
    const file = normalize(join(dist, path.replace(/^\/dist\//, "")));
    if (!path.startsWith("/dist/") || !file.startsWith(dist)) return res.writeHead(404).end();
    try {
      const body = readFileSync(file);
      res
        .writeHead(200, {
          "Content-Type": TYPES[extname(file)] ?? "application/octet-stream",
          "Cache-Control": "max-age=3600",
        })
        .end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({ server, url: `http://127.0.0.1:${server.address().port}/` }),
    ),
  );
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Chromium's counts of style recalculations and layouts so far in the page. */
async function counts(cdp) {
  const { metrics } = await cdp.send("Performance.getMetrics");
  const value = (name) => metrics.find((m) => m.name === name)?.value ?? 0;
  return { styles: value("RecalcStyleCount"), layouts: value("LayoutCount") };
}

/**
 * One measurement: trigger to the first frame painted with the prompt, in ms, and the style
 * recalculations and layouts in between.
 */
async function once(context, url, rate) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate });
  await cdp.send("Performance.enable");
  await page.goto(url);
  await page.waitForFunction(() => window.benchReady === true, null, { timeout: BOUND_MS });
  const before = await counts(cdp);
  const ms = await page.evaluate(
    (bound) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("the prompt did not show")), bound);
        const start = performance.now();
        window.touchpoint.on("shown", () =>
          requestAnimationFrame(() => {
            const channel = new MessageChannel();
            channel.port1.onmessage = () => {
              clearTimeout(timer);
              resolve(performance.now() - start);
            };
            channel.port2.postMessage(0);
          }),
        );
        window.touchpoint.track("bench");
      }),
    BOUND_MS,
  );
  const after = await counts(cdp);
  await cdp.detach();
  await page.close();
  return { ms, styles: after.styles - before.styles, layouts: after.layouts - before.layouts };
}

/** The UI chunk alone: import (cached) and mount to the first painted frame, in ms. */
async function uiOnce(context, url, rate) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate });
  await page.goto(`${url}empty`);
  const ms = await page.evaluate(async (survey) => {
    const start = performance.now();
    const { mount } = await import("/dist/touchpoint-ui.mjs");
    const noop = async () => undefined;
    const model = {
      surveyId: survey.id,
      type: survey.type,
      locale: "en",
      copy: survey.copy,
      theme: {},
    };
    await mount(document, model, { answer: noop, comment: noop, dismiss: noop, closed: noop })
      .shown;
    await new Promise((resolve) =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = resolve;
        channel.port2.postMessage(0);
      }),
    );
    return performance.now() - start;
  }, CONFIG.surveys[0]);
  await cdp.detach();
  await page.close();
  return ms;
}

/**
 * Measures trigger-to-painted time of the prompt with the chunks cached.
 * @param {{ runs?: number, rate?: number, chromiumPath?: string, dist?: string, log?: (line: string) => void }} [options]
 * @returns {Promise<{ runs: number[], medianMs: number, minMs: number, maxMs: number, uiOnlyMedianMs: number, styleRecalcs: number, layouts: number, cpuRate: number, uiChunkGzipBytes: number }>}
 */
export async function measureUiPaint(options = {}) {
  const { runs = 10, rate = 4, log = console.log } = options;
  const dist = options.dist ?? join(ROOT, "dist");
  const { ui } = JSON.parse(readFileSync(join(dist, "chunks.json"), "utf8"));
  const uiChunkGzipBytes = gzipSync(readFileSync(join(dist, ui)), {
    level: 9,
  }).length;
  const { server, url } = await serve(dist);
  const browser = await chromium.launch({
    executablePath: options.chromiumPath ?? process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
  });
  try {
    const context = await browser.newContext({ reducedMotion: "reduce" });
    await once(context, url, 1); // warms the HTTP cache with every chunk
    const measured = [];
    for (let i = 0; i < runs; i++) measured.push(await once(context, url, rate));
    const times = measured.map((m) => m.ms);
    const uiTimes = [];
    for (let i = 0; i < runs; i++) uiTimes.push(await uiOnce(context, url, rate));
    const result = {
      uiOnlyMedianMs: Math.round(median(uiTimes) * 10) / 10,
      runs: times.map((t) => Math.round(t * 10) / 10),
      medianMs: Math.round(median(times) * 10) / 10,
      minMs: Math.round(Math.min(...times) * 10) / 10,
      maxMs: Math.round(Math.max(...times) * 10) / 10,
      styleRecalcs: median(measured.map((m) => m.styles)),
      layouts: median(measured.map((m) => m.layouts)),
      cpuRate: rate,
      uiChunkGzipBytes,
    };
    log(`UI chunk (touchpoint-ui.mjs): ${(uiChunkGzipBytes / 1000).toFixed(2)} KB gzip`);
    log(
      `trigger to prompt painted, chunks cached, ${rate}x CPU slowdown: median ${result.medianMs} ms ` +
        `(min ${result.minMs}, max ${result.maxMs}, ${runs} runs; budget 100 ms)`,
    );
    log(`  of which the UI chunk alone (import to painted): median ${result.uiOnlyMedianMs} ms`);
    log(
      `  style recalculations ${result.styleRecalcs}, layouts ${result.layouts} (median per run, trigger to painted)`,
    );
    return result;
  } finally {
    await browser.close();
    server.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? Number(process.argv[i + 1]) : fallback;
  };
  await measureUiPaint({ runs: arg("runs", 10), rate: arg("rate", 4) });
}
