// Debian's Chromium through playwright-core, kept on 127.0.0.1: every non-loopback request is
// counted, blocked with context.route where the run allows it, and in any case sent to a dead
// proxy (the runs that need the HTTP cache cannot use route, which disables the cache).
import { createHash } from "node:crypto";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { chromium } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      // The same flags as test/browser/chromium.ts.
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
      // Guard: anything not on loopback goes to a closed port (loopback bypasses proxies).
      "--proxy-server=http://127.0.0.1:9",
    ],
  });
}

export function isLoopback(url) {
  const u = new URL(url);
  if (u.protocol !== "http:" && u.protocol !== "https:" && u.protocol !== "ws:") return true;
  return u.hostname === "localhost" || u.hostname === "[::1]" || /^127\./.test(u.hostname);
}

/**
 * Non-loopback requests seen (attempted) and blocked by route over the whole bench, by subject
 * (`guard.subject` names the subject being measured).
 */
export const guard = { subject: "", attempted: {}, blocked: {}, hosts: {} };
const tally = (counts) => {
  counts[guard.subject] = (counts[guard.subject] ?? 0) + 1;
};

/** A fresh context (empty cache and storage); `route: false` keeps the HTTP cache working. */
export async function newContext(browser, { route = true } = {}) {
  // A desktop Chrome user agent: headless Chromium's "HeadlessChrome" makes PostHog drop events as a bot.
  const userAgent = `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${browser.version()} Safari/537.36`;
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, userAgent });
  context.on("request", (request) => {
    if (isLoopback(request.url())) return;
    tally(guard.attempted);
    if (!guard.hosts[guard.subject]) guard.hosts[guard.subject] = new Set();
    guard.hosts[guard.subject].add(new URL(request.url()).host);
  });
  if (route) {
    await context.route(
      (url) => !isLoopback(url.href),
      (r) => {
        tally(guard.blocked);
        return r.abort("blockedbyclient");
      },
    );
  }
  return context;
}

const compressed = new Map();
/** gzip (level 9) and brotli (default quality 11) sizes, as scripts/size.mjs computes them. */
function sizes(body) {
  const hash = createHash("sha1").update(body).digest("hex");
  let s = compressed.get(hash);
  if (!s) {
    s = {
      raw: body.length,
      gzip: gzipSync(body, { level: 9 }).length,
      brotli: brotliCompressSync(body).length,
    };
    compressed.set(hash, s);
  }
  return s;
}

/**
 * Records the code (scripts, module chunks, stylesheets) a page actually downloaded, from the
 * response bodies Chromium received; each file is compressed on its own in Node.
 */
export function recordCode(page) {
  const pending = [];
  const files = [];
  page.on("response", (response) => {
    const type = response.request().resourceType();
    if (type !== "script" && type !== "stylesheet") return;
    const url = response.url();
    pending.push(
      response.body().then(
        (body) => files.push({ url: new URL(url).pathname, ...sizes(body) }),
        (error) => files.push({ url, error: String(error) }),
      ),
    );
  });
  return {
    async files() {
      await Promise.all(pending);
      return files.slice();
    },
  };
}

/**
 * Totals of the files' sizes, with the files' paths (`files`) and each file's own sizes
 * (`sizes`, in the JSON: the figures behind each total).
 */
export function sum(files) {
  const total = {
    raw: 0,
    gzip: 0,
    brotli: 0,
    files: files.map((f) => f.url),
    sizes: files.map(({ url, raw, gzip, brotli }) => ({ url, raw, gzip, brotli })),
  };
  for (const f of files) {
    if (f.error) throw new Error(`could not read ${f.url}: ${f.error}`);
    total.raw += f.raw;
    total.gzip += f.gzip;
    total.brotli += f.brotli;
  }
  return total;
}

/** A CDP session on the page with the CPU slowdown applied and performance metrics on. */
export async function instrument(context, page, rate) {
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate });
  await cdp.send("Performance.enable");
  return cdp;
}

/**
 * ScriptDuration and TaskDuration so far, in ms, and how many style recalculations and layouts
 * Chromium did (counts repeat exactly where times on a busy machine do not).
 */
export async function mainThread(cdp) {
  const { metrics } = await cdp.send("Performance.getMetrics");
  const get = (name) => metrics.find((m) => m.name === name)?.value ?? 0;
  return {
    script: get("ScriptDuration") * 1000,
    task: get("TaskDuration") * 1000,
    styles: get("RecalcStyleCount"),
    layouts: get("LayoutCount"),
  };
}

/** Used JS heap after a full garbage collection, in bytes. */
export async function heapAfterGc(cdp) {
  await cdp.send("HeapProfiler.collectGarbage");
  await cdp.send("HeapProfiler.collectGarbage");
  const { usedSize } = await cdp.send("Runtime.getHeapUsage");
  return usedSize;
}

/** Long tasks (over 50 ms) the host page's observer saw at or after `since` (page time). */
export function longTasks(page, since, until = Number.POSITIVE_INFINITY) {
  return page.evaluate(
    ({ since, until }) =>
      window.__bench.longtasks.filter((t) => t.start >= since && t.start <= until),
    { since, until },
  );
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits for the subject's ready promise inside the page, failing after `ms`. */
export function waitReady(page, ms) {
  return page.evaluate(
    (ms) =>
      Promise.race([
        window.__bench.ready,
        new Promise((_, reject) =>
          setTimeout(() => reject(new Error(`not ready within ${ms} ms`)), ms),
        ),
      ]),
    ms,
  );
}

/**
 * Injects the subject and waits for the console line the page's `__bench.markReady` writes when
 * the subject signals ready, so nothing of the bench's own runs in the page in between (unlike
 * waitReady, an evaluate call). Resolves to the page's time of injecting and of ready.
 */
export async function injectUntilReady(page, subject, options, ms = 20_000) {
  const injected = await page.evaluate(() => performance.now());
  const ready = page.waitForEvent("console", {
    predicate: (message) => message.text() === "bench-ready",
    timeout: ms,
  });
  await subject.inject(page, options);
  await ready;
  return { injected, readyAt: await page.evaluate(() => window.__bench.readyAt) };
}
