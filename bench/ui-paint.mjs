// Trigger-to-painted time of Touchpoint's prompt in Chromium at 4x CPU slowdown, code cached, and
// the gzip size of the engine's file (touchpoint-engine-<hash>.mjs: the engine and the question
// UI). Measures dist/ as built (`npm run build` first). Prints figures and never fails on time.
//
//   node bench/ui-paint.mjs [--runs 10] [--rate 4]
//
// The same measurement as `npm run bench`'s "Trigger to prompt painted, code cached" row, from the
// same code (bench/lib/measure.mjs measurePaint): the bench's host page, README snippet, config
// and `order_completed` trigger; per run a fresh context, one page view that loads everything and
// shows the prompt (code not cached), then a second page view, ready and 500 ms of idle
// preparation later, timed from track() to the first painted frame in which the question is
// visible (bench/lib/subjects.mjs pageTriggerAndWaitPainted; the card's transparent first frame
// does not count). It adds Chromium's counts of style recalculations and layouts in that window
// (unlike times on a busy machine, they repeat exactly) and the question UI alone: the engine's
// file imported from the HTTP cache and `mount` called, to the same painted frame.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { guard, instrument, launch, newContext, waitReady } from "./lib/browser.mjs";
import { measurePaint, PAINT_SETTLE_MS } from "./lib/measure.mjs";
import { QUESTION, startServer } from "./lib/server.mjs";
import { pageTriggerAndWaitPainted, SUBJECTS } from "./lib/subjects.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BOUND_MS = 20_000;
const touchpoint = SUBJECTS.find((s) => s.id === "touchpoint");

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const tenth = (ms) => Math.round(ms * 10) / 10;

/** The question UI alone: a page view readies Touchpoint (the engine's file now cached), then
 * on a fresh page view of the host page the file is imported and the prompt mounted. */
async function uiOnce(browser, server, { rate, run, engine }) {
  const context = await newContext(browser, { route: false });
  try {
    const warm = await context.newPage();
    await warm.goto(`${server.origin}/host/`);
    await touchpoint.inject(warm, { origin: server.origin, key: `ui-warm-${run}` });
    await waitReady(warm, BOUND_MS);
    await new Promise((resolve) => setTimeout(resolve, PAINT_SETTLE_MS));
    await warm.close();
    const page = await context.newPage();
    await page.goto(`${server.origin}/host/`);
    await instrument(context, page, rate);
    const t = await page.evaluate(pageTriggerAndWaitPainted, {
      kind: "touchpoint-ui",
      question: QUESTION,
      timeoutMs: BOUND_MS,
      module: `/dist/${engine}`,
      model: {
        surveyId: "nps-order",
        type: "nps",
        locale: "en",
        copy: { question: QUESTION },
        theme: {},
      },
    });
    return t.painted - t.t0;
  } finally {
    await context.close();
  }
}

/**
 * Measures trigger-to-painted time of the prompt with the code cached.
 * @param {{ runs?: number, rate?: number, dist?: string, log?: (line: string) => void }} [options]
 * @returns {Promise<{ runs: number[], medianMs: number, minMs: number, maxMs: number, coldRuns: number[], drawnMedianMs: number, uiOnlyMedianMs: number, styleRecalcs: number, layouts: number, cpuRate: number, engineFileGzipBytes: number }>}
 */
export async function measureUiPaint(options = {}) {
  const { runs = 10, rate = 4, log = console.log } = options;
  const dist = options.dist ?? join(ROOT, "dist");
  const { engine } = JSON.parse(readFileSync(join(dist, "chunks.json"), "utf8"));
  const engineFileGzipBytes = gzipSync(readFileSync(join(dist, engine)), { level: 9 }).length;
  const server = await startServer();
  const browser = await launch();
  guard.subject = touchpoint.id;
  try {
    const measured = [];
    for (let run = 1; run <= runs; run++) {
      measured.push(
        await measurePaint(browser, server, touchpoint, {
          rate,
          key: `ui-paint-${run}-`,
          settleMs: PAINT_SETTLE_MS,
        }),
      );
    }
    const times = measured.map((m) => m.cached.ms);
    const uiTimes = [];
    for (let run = 1; run <= runs; run++)
      uiTimes.push(await uiOnce(browser, server, { rate, run, engine }));
    const result = {
      runs: times.map(tenth),
      medianMs: tenth(median(times)),
      minMs: tenth(Math.min(...times)),
      maxMs: tenth(Math.max(...times)),
      coldRuns: measured.map((m) => tenth(m.cold.ms)),
      drawnMedianMs: tenth(median(measured.map((m) => m.cached.drawnMs))),
      uiOnlyMedianMs: tenth(median(uiTimes)),
      styleRecalcs: median(measured.map((m) => m.cached.styles)),
      layouts: median(measured.map((m) => m.cached.layouts)),
      cpuRate: rate,
      engineFileGzipBytes,
    };
    log(
      `engine file (${engine}, the engine and the question UI): ${(engineFileGzipBytes / 1000).toFixed(2)} KB gzip`,
    );
    log(
      `trigger to prompt painted (question visible), code cached, ${rate}x CPU slowdown: median ${result.medianMs} ms ` +
        `(min ${result.minMs}, max ${result.maxMs}, ${runs} runs; budget 100 ms)`,
    );
    log(
      `  the first frame with the question in the page, visible or not: median ${result.drawnMedianMs} ms`,
    );
    log(
      `  the question UI alone (engine file imported from the cache, mount, to painted): median ${result.uiOnlyMedianMs} ms`,
    );
    log(
      `  style recalculations ${result.styleRecalcs}, layouts ${result.layouts} (median per run, trigger to painted)`,
    );
    return result;
  } finally {
    guard.subject = "";
    await browser.close();
    await server.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? Number(process.argv[i + 1]) : fallback;
  };
  await measureUiPaint({ runs: arg("runs", 10), rate: arg("rate", 4) });
}
