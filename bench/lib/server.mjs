// The bench's one web server, on 127.0.0.1 only: the host page, Touchpoint's dist/, the peers'
// files from node_modules, a Touchpoint collector that counts distinct event ids, and stand-ins
// for the PostHog API (survey definitions, and 200 {} for everything else it may call), so no
// request needs to leave the machine.
import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const MODULES = join(ROOT, "node_modules");

const TYPES = {
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".map": "application/json",
  ".html": "text/html; charset=utf-8",
};

/**
 * The files of dist/ every Touchpoint page may load (the UI may have more chunks, e.g. locales).
 * The question UI is in the engine's file; `touchpoint-ui.mjs` re-exports that file.
 */
export const DIST_FILES = [
  "touchpoint.js",
  "chunks.json",
  "touchpoint-engine.mjs",
  "touchpoint-ui.mjs",
];
/** Browser files of dist/, copied at start so a rebuild during the run cannot interfere. */
const BROWSER_FILE = /^touchpoint(-[\w.-]+)?\.m?js$/;

/** URL prefix -> folder. Static files are cacheable, as a CDN would serve them. */
const PEER_MOUNTS = [
  ["/static/", join(MODULES, "posthog-js", "dist")],
  ["/surveyjs/core/", join(MODULES, "survey-core")],
  ["/surveyjs/ui/", join(MODULES, "survey-js-ui")],
];

/**
 * The empty stand-in for dist/touchpoint.js, served from the dist/ copy with the same headers: it
 * only calls the ready callbacks the README's stub queued (`touchpoint.on("ready", cb)`), that is
 * the host page's `__bench.markReady`. What loading any script the way Touchpoint loads costs.
 */
export const EMPTY_SCRIPT = {
  path: "/dist/bench-empty.js",
  source: `// bench/lib/server.mjs: an empty stand-in for dist/touchpoint.js, loaded the same way. It does
// nothing but call the ready callbacks queued on the README's stub, so the bench can tell what
// loading any script this way costs (inline stub, async script tag, request, evaluation).
!function(t){var q=(t&&t.q)||[];for(var i=0;i<q.length;i++){var c=q[i];if(c[0]==="on"&&c[1]==="ready")c[2]({})}}(window.touchpoint);
`,
};

export const QUESTION = "How likely are you to recommend Acme to a friend or colleague?";

/** The PostHog survey the bench's project "has": NPS after the order_completed event. */
export function posthogSurveys(token) {
  const base = {
    type: "popover",
    start_date: "2024-01-01T00:00:00Z",
    end_date: null,
    linked_flag_key: null,
    targeting_flag_key: null,
    internal_targeting_flag_key: null,
    current_iteration: null,
    current_iteration_start_date: null,
    appearance: { position: "right", displayThankYouMessage: true },
  };
  return {
    surveys: [
      {
        ...base,
        id: `nps-${token}`,
        name: "NPS after order",
        questions: [
          {
            id: "q-nps",
            type: "rating",
            question: QUESTION,
            display: "number",
            scale: 10,
            lowerBoundLabel: "Not likely",
            upperBoundLabel: "Very likely",
          },
        ],
        conditions: {
          events: { repeatedActivation: false, values: [{ name: "order_completed" }] },
        },
      },
      {
        ...base,
        id: `csat-${token}`,
        name: "CSAT on help pages",
        questions: [
          {
            id: "q-csat",
            type: "rating",
            question: "Was this article helpful?",
            display: "number",
            scale: 5,
            lowerBoundLabel: "No",
            upperBoundLabel: "Yes",
          },
        ],
        conditions: { url: "/help/", urlMatchType: "icontains" },
      },
    ],
  };
}

const HOST_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bench shop</title>
<script>
window.__bench = { longtasks: [] };
// Every subject calls markReady from its own ready signal: load + init ends at readyAt (the first
// call), and the console line lets the bench wait for it without running anything in the page.
window.__bench.ready = new Promise(function (resolve, reject) {
  window.__bench.markFailed = reject;
  window.__bench.markReady = function (payload) {
    if (window.__bench.readyAt !== undefined) return;
    window.__bench.readyAt = performance.now();
    console.debug("bench-ready");
    resolve(payload);
  };
});
try {
  new PerformanceObserver(function (list) {
    for (const e of list.getEntries()) window.__bench.longtasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: "longtask", buffered: true });
} catch (error) { window.__bench.observerError = String(error); }
</script></head>
<body><header><nav><a href="/host/">Shop</a> <a href="/host/help/returns">Help</a></nav></header>
<main><h1>Acme shop</h1><p>Thank you for your order. It will ship tomorrow.</p>
<div id="survey-container"></div></main></body></html>`;

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

export async function startServer() {
  const dist = await mkdtemp(join(tmpdir(), "touchpoint-bench-dist-"));
  for (const file of await readdir(join(ROOT, "dist"))) {
    if (BROWSER_FILE.test(file)) await copyFile(join(ROOT, "dist", file), join(dist, file));
  }
  await writeFile(join(dist, EMPTY_SCRIPT.path.slice("/dist/".length)), EMPTY_SCRIPT.source);
  /** Which file of dist/ holds each lazy chunk (`engine`, `ui`), read with the copy. */
  const chunks = JSON.parse(await readFile(join(ROOT, "dist", "chunks.json"), "utf8"));
  const MOUNTS = [["/dist/", dist], ...PEER_MOUNTS];
  /** Distinct Touchpoint event ids received, and what is waiting for a count. */
  const ids = new Set();
  /** Answer events received (duplicates included) and their distinct ids. */
  const answers = { received: 0, ids: new Set() };
  const waiters = [];
  const counts = { collector: 0, posthogApi: 0, static: 0, pages: 0 };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const path = url.pathname;
    res.setHeader("Access-Control-Allow-Origin", "*");
    if (req.method === "OPTIONS") return res.writeHead(204).end();

    if (path === "/collect") {
      counts.collector += 1;
      const text = await readBody(req);
      try {
        for (const event of JSON.parse(text).events ?? []) {
          ids.add(event.id);
          if (event.kind === "answer") {
            answers.received += 1;
            answers.ids.add(event.id);
          }
        }
      } catch (error) {
        return res.writeHead(400).end(JSON.stringify({ error: String(error) }));
      }
      for (const w of waiters.splice(0)) {
        if (ids.size >= w.count) w.resolve(ids.size);
        else waiters.push(w);
      }
      return res.writeHead(200, { "Content-Type": TYPES[".json"] }).end("{}");
    }
    if (path === "/host" || path.startsWith("/host/")) {
      counts.pages += 1;
      return res.writeHead(200, { "Content-Type": TYPES[".html"] }).end(HOST_PAGE);
    }
    for (const [prefix, dir] of MOUNTS) {
      if (!path.startsWith(prefix)) continue;
      // PostHog asks for versioned extension paths (/static/<version>/surveys.js).
      const rest = path.slice(prefix.length).replace(/^\d+\.\d+\.\d+[^/]*\//, "");
      const file = normalize(join(dir, rest));
      if (!file.startsWith(dir)) return res.writeHead(404).end();
      try {
        const data = await readFile(file);
        counts.static += 1;
        return res
          .writeHead(200, {
            "Content-Type": TYPES[extname(file)] ?? "application/octet-stream",
            "Cache-Control": "public, max-age=3600",
          })
          .end(data);
      } catch {
        return res.writeHead(404).end();
      }
    }
    // Everything else is the PostHog API stand-in: surveys for the token, 200 {} otherwise.
    counts.posthogApi += 1;
    await readBody(req);
    if (path === "/api/surveys/" || path === "/api/surveys") {
      const token = url.searchParams.get("token") ?? "bench";
      return res
        .writeHead(200, { "Content-Type": TYPES[".json"] })
        .end(JSON.stringify(posthogSurveys(token)));
    }
    return res.writeHead(200, { "Content-Type": TYPES[".json"] }).end("{}");
  });

  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const origin = `http://127.0.0.1:${address.port}`;

  return {
    origin,
    counts,
    chunks,
    /** Forgets the collector's ids (between runs). */
    resetCollector() {
      ids.clear();
      answers.received = 0;
      answers.ids.clear();
      counts.collector = 0;
    },
    /** Answer events received since the last reset: how many, and how many distinct ids. */
    get answers() {
      return { received: answers.received, distinct: answers.ids.size };
    },
    get distinctIds() {
      return ids.size;
    },
    /** Resolves when the collector holds at least `count` distinct ids, or rejects after `ms`. */
    waitForIds(count, ms) {
      if (ids.size >= count) return Promise.resolve(ids.size);
      return new Promise((resolve, reject) => {
        const waiter = {
          count,
          resolve: (n) => {
            clearTimeout(timer);
            resolve(n);
          },
        };
        waiters.push(waiter);
        const timer = setTimeout(() => {
          const i = waiters.indexOf(waiter);
          if (i >= 0) waiters.splice(i, 1);
          reject(new Error(`collector got ${ids.size} of ${count} ids within ${ms} ms`));
        }, ms);
      });
    },
    async close() {
      await new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await rm(dist, { recursive: true, force: true });
    },
  };
}
