// `npm run bench`: Touchpoint measured side by side with the peers installed as devDependencies
// (posthog-js with its surveys extension, SurveyJS), in one run of Debian's Chromium driven by
// playwright-core, every page served on 127.0.0.1. Prints a Markdown table (each figure the
// median of several runs, with min and max) and writes it with the raw figures as JSON to
// bench/results/. A command, not a test: it never fails on time, only when a measurement breaks.
// Usage: npm run build && node bench/run.mjs [--runs 5] [--slow-runs 3] [--answers 50]
//        [--events 1000] [--navigations 1000] [--ready-pairs 15] [--quick] [--only load,ready,...]
// --ready-pairs: how many pairs of traced page views, Touchpoint and an empty script loaded the
// same way, in alternating order, give Touchpoint's own load + init at each CPU rate (the median
// of the pairs' differences; issue 15's goal is 20 ms at 4x).
// --only runs some parts and leaves the others' rows n/a, to iterate on one figure (the lead's
// table comes from a whole run). Parts: load (the getMetrics rows, long tasks, and the bytes of a
// page view with a survey armed; the peers' bytes with no survey armed too), ready (load + init
// until ready, traced), paint (trigger to painted, and the bytes downloaded by then; the peers'
// "a first prompt needs" bytes too), bytes (Touchpoint only: a page view with no survey armed,
// and a first prompt painted, and answered, with every file but the core and the engine
// refused), offline, answers (answers and the queue), memory, ui-paint.
// The byte rows: "no survey armed" is what every page view of a site costs where no survey is
// armed (Touchpoint: the core alone); "a survey armed" adds what Touchpoint fetches at idle for
// it (engine and question UI, and the sending and steps parts the engine fetches as it starts);
// "a first prompt needs" is measured, not assumed: the bytes of a run in which the question was
// painted with every other file of Touchpoint's refused; "by the time the prompt is painted"
// counts everything received until then, what is fetched ahead included.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import { guard, launch } from "./lib/browser.mjs";
import {
  measureAnswers,
  measureLoad,
  measureOffline,
  measurePaint,
  measurePromptNeeds,
  measureQueue,
  measureReady,
  measureReadyPair,
  measureSpaMemory,
  measureUnarmed,
  PAINT_SETTLE_MS,
  UNARMED_SETTLE_MS,
} from "./lib/measure.mjs";
import { DIST_FILES, EMPTY_SCRIPT, startServer } from "./lib/server.mjs";
import { cell, percentile, ratio, summary } from "./lib/stats.mjs";
import { BASELINE, EMPTY, SUBJECTS } from "./lib/subjects.mjs";

const ALL_PARTS = ["load", "ready", "paint", "bytes", "offline", "answers", "memory", "ui-paint"];
const { values: args } = parseArgs({
  options: {
    runs: { type: "string", default: "5" },
    "slow-runs": { type: "string", default: "3" },
    answers: { type: "string", default: "50" },
    events: { type: "string", default: "1000" },
    navigations: { type: "string", default: "1000" },
    "ready-pairs": { type: "string", default: "15" },
    /** One run of everything and smaller loops: checks the bench works, figures mean little. */
    quick: { type: "boolean", default: false },
    only: { type: "string", default: ALL_PARTS.join(",") },
  },
});
const PARTS = new Set(args.only.split(",").map((part) => part.trim()));
const unknown = [...PARTS].filter((part) => !ALL_PARTS.includes(part));
if (unknown.length) {
  console.error(`bench/run.mjs: unknown part(s) for --only: ${unknown.join(", ")}`);
  process.exit(2);
}
const RUNS = args.quick ? 1 : Number(args.runs);
const SLOW_RUNS = args.quick ? 1 : Number(args["slow-runs"]);
const ANSWERS = args.quick ? 5 : Number(args.answers);
const EVENTS = args.quick ? 200 : Number(args.events);
const NAVIGATIONS = args.quick ? 100 : Number(args.navigations);
const READY_PAIRS = args.quick ? 2 : Number(args["ready-pairs"]);
const RATES = [1, 4];
const PAINT_RATE = 4;
/** Issue 15: Touchpoint's load + init at or under 20 ms of main-thread task time at 4x CPU. */
const GOAL = { ms: 20, rate: 4 };
/** After a subject reports ready, main-thread time keeps being counted this long. */
const LOAD_SETTLE_MS = 1500;
const COMMAND = "npm run bench";

const ROOT = new URL("../", import.meta.url);
for (const file of DIST_FILES) {
  if (!existsSync(new URL(`dist/${file}`, ROOT))) {
    console.error(`bench/run.mjs: dist/${file} is missing; run \`npm run build\` first`);
    process.exit(2);
  }
}

/** Appends `value` to the list at `table[key]`. */
function add(table, key, value) {
  if (!table[key]) table[key] = [];
  table[key].push(value);
}
const log = (message) => console.error(`[bench] ${message}`);
const errors = [];

async function attempt(label, subjectId, task) {
  guard.subject = subjectId;
  try {
    return await task();
  } catch (error) {
    const message = `${label}: ${error instanceof Error ? error.message.split("\n")[0] : error}`;
    errors.push(message);
    log(`FAILED ${message}`);
    return undefined;
  }
}

function machine(browserVersion) {
  let osName = `${os.type()} ${os.release()}`;
  try {
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(readFileSync("/etc/os-release", "utf8"));
    if (pretty) osName = `${pretty[1]} (${os.type()} ${os.release()})`;
  } catch (error) {
    log(`could not read /etc/os-release: ${error.message}`);
  }
  let chromium = `Chromium ${browserVersion}`;
  try {
    chromium = execFileSync(process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", ["--version"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
  } catch (error) {
    log(`chromium --version failed, using the version playwright reports: ${error.message}`);
  }
  return {
    cpu: os.cpus()[0]?.model ?? "unknown",
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: osName,
    node: process.version,
    chromium,
    loadAverage: { start: loadAtStart, end: os.loadavg()[0] },
    playwright: JSON.parse(
      readFileSync(new URL("node_modules/playwright-core/package.json", ROOT), "utf8"),
    ).version,
  };
}

const started = performance.now();
const loadAtStart = os.loadavg()[0];
const server = await startServer();
const browser = await launch();
const raw = {
  load: {},
  ready: {},
  readyPairs: {},
  paint: {},
  unarmed: {},
  needs: {},
  offline: {},
  answers: [],
  queue: [],
  memory: {},
};

try {
  // 1a, 2, 5: load and initialise with no prompt shown, at 1x and 4x, subjects interleaved; each
  // page view untraced (getMetrics), then a traced one for the window until ready. The traced runs
  // also load an empty script the way Touchpoint loads (EMPTY), the floor of the ready rows; then
  // Touchpoint and EMPTY in pairs, in alternating order, for Touchpoint's own load + init.
  for (const rate of RATES) {
    raw.load[rate] = {};
    raw.ready[rate] = {};
    raw.readyPairs[rate] = [];
    for (let run = 1; run <= RUNS; run++) {
      for (const subject of [BASELINE, EMPTY, ...SUBJECTS]) {
        if (PARTS.has("load") && subject !== EMPTY) {
          log(`load ${rate}x run ${run}/${RUNS}: ${subject.name}`);
          const r = await attempt(`load ${rate}x ${subject.name}`, subject.id, () =>
            measureLoad(browser, server, subject, {
              rate,
              key: `load-${rate}-${run}`,
              settleMs: LOAD_SETTLE_MS,
            }),
          );
          add(raw.load[rate], subject.id, r);
        }
        if (PARTS.has("ready")) {
          log(`ready ${rate}x run ${run}/${RUNS}: ${subject.name}, traced`);
          const r = await attempt(`ready ${rate}x ${subject.name}`, subject.id, () =>
            measureReady(browser, server, subject, { rate, key: `ready-${rate}-${run}` }),
          );
          add(raw.ready[rate], subject.id, r);
        }
      }
    }
    const touchpoint = SUBJECTS[0];
    for (let pair = 1; pair <= (PARTS.has("ready") ? READY_PAIRS : 0); pair++) {
      const floorFirst = pair % 2 === 0;
      log(`ready ${rate}x pair ${pair}/${READY_PAIRS}: ${touchpoint.name} and ${EMPTY.name}`);
      const r = await attempt(`ready ${rate}x pair ${pair}`, touchpoint.id, () =>
        measureReadyPair(browser, server, touchpoint, EMPTY, {
          rate,
          key: `pair-${rate}-${pair}`,
          floorFirst,
        }),
      );
      raw.readyPairs[rate].push(r);
    }
  }
  // 1b, 3, 5: trigger to painted, cold then cached, at 4x.
  for (let run = 1; run <= (PARTS.has("paint") ? RUNS : 0); run++) {
    for (const subject of SUBJECTS) {
      log(`paint ${PAINT_RATE}x run ${run}/${RUNS}: ${subject.name}`);
      const r = await attempt(`paint ${subject.name}`, subject.id, () =>
        measurePaint(browser, server, subject, {
          rate: PAINT_RATE,
          key: `paint-${run}-`,
          settleMs: PAINT_SETTLE_MS,
        }),
      );
      add(raw.paint, subject.id, r);
    }
  }
  // Touchpoint's bytes with no survey armed on the page, and what a first prompt needs: painted
  // with every file of dist/ but the core and the engine's refused (cold, as the first paint).
  for (let run = 1; run <= (PARTS.has("bytes") ? RUNS : 0); run++) {
    const touchpoint = SUBJECTS[0];
    log(`bytes run ${run}/${RUNS}: ${touchpoint.name}, no survey armed`);
    const unarmed = await attempt(`no survey armed ${touchpoint.name}`, touchpoint.id, () =>
      measureUnarmed(browser, server, touchpoint, {
        key: `unarmed-${run}`,
        settleMs: UNARMED_SETTLE_MS,
      }),
    );
    add(raw.unarmed, touchpoint.id, unarmed);
    log(`bytes run ${run}/${RUNS}: ${touchpoint.name}, first prompt, parts refused`);
    const needs = await attempt(`first prompt needs ${touchpoint.name}`, touchpoint.id, () =>
      measurePromptNeeds(browser, server, touchpoint, {
        rate: PAINT_RATE,
        key: `needs-${run}`,
        settleMs: PAINT_SETTLE_MS,
      }),
    );
    if (needs && !needs.painted) {
      const seen = [...needs.pageErrors.map((e) => `uncaught: ${e}`), ...needs.errors];
      errors.push(
        `first prompt needs ${touchpoint.name}: not painted with ${needs.refused.join(", ")} refused (${needs.failure}${seen.length ? `; ${seen.join("; ")}` : ""})`,
      );
    }
    add(raw.needs, touchpoint.id, needs);
  }
  // The network drops after the page is ready (1 s after, time for idle work), before the trigger.
  for (let run = 1; run <= (PARTS.has("offline") ? SLOW_RUNS : 0); run++) {
    for (const subject of SUBJECTS) {
      log(`offline run ${run}/${SLOW_RUNS}: ${subject.name}`);
      const r = await attempt(`offline ${subject.name}`, subject.id, () =>
        measureOffline(browser, server, subject, { key: `offline-${run}`, settleMs: 1000 }),
      );
      add(raw.offline, subject.id, r);
    }
  }
  const touchpoint = SUBJECTS[0];
  // 4: answer to durable, and a queue of 1,000 events delivered after coming online.
  for (let run = 1; run <= (PARTS.has("answers") ? SLOW_RUNS : 0); run++) {
    log(`answers run ${run}/${SLOW_RUNS}: ${ANSWERS} answers`);
    const samples = await attempt("answers", touchpoint.id, () =>
      measureAnswers(browser, server, touchpoint, { count: ANSWERS, key: `answers-${run}` }),
    );
    if (samples) raw.answers.push(samples);
    log(`queue run ${run}/${SLOW_RUNS}: ${EVENTS} events`);
    const q = await attempt("queue", touchpoint.id, () =>
      measureQueue(browser, server, touchpoint, { count: EVENTS, key: `queue-${run}` }),
    );
    if (q) raw.queue.push(q);
  }
  // 6: JS heap after SPA navigations with surveys armed (SurveyJS has no targeting to arm).
  for (let run = 1; run <= (PARTS.has("memory") ? SLOW_RUNS : 0); run++) {
    for (const subject of SUBJECTS.filter((s) => s.id !== "surveyjs")) {
      log(`memory run ${run}/${SLOW_RUNS}: ${subject.name}, ${NAVIGATIONS} navigations`);
      const r = await attempt(`memory ${subject.name}`, subject.id, () =>
        measureSpaMemory(browser, server, subject, {
          navigations: NAVIGATIONS,
          key: `memory-${run}`,
        }),
      );
      add(raw.memory, subject.id, r);
    }
  }
} finally {
  guard.subject = "";
}
const browserVersion = browser.version();
await browser.close();
await server.close();

// The UI helper's own trigger-to-painted measurement (Touchpoint only), when it is there.
const uiPaintFile = new URL("ui-paint.mjs", import.meta.url);
if (PARTS.has("ui-paint") && existsSync(uiPaintFile)) {
  log(`ui-paint: bench/ui-paint.mjs, ${RUNS} runs at ${PAINT_RATE}x`);
  raw.uiPaint = await attempt("bench/ui-paint.mjs", SUBJECTS[0].id, async () => {
    const { measureUiPaint } = await import(uiPaintFile.href);
    return measureUiPaint({ runs: RUNS, rate: PAINT_RATE, log });
  });
  guard.subject = "";
}

// ---- summaries ----
const pick = (list, f) => summary((list ?? []).filter(Boolean).map(f));
const loadOf = (rate, id) => raw.load[rate]?.[id] ?? [];
/** A figure of a measurement: its field `key`, or what the function `key` reads from it. */
const figure = (r, key) => (typeof key === "function" ? key(r) : r[key]);
/** Per run: the subject's figure minus the empty host page's (or `baseId`'s) in the same run. */
const added = (rate, id, key, part = "load", baseId = BASELINE.id) =>
  summary(
    (raw[part][rate]?.[id] ?? [])
      .map((r, i) => {
        const base = raw[part][rate]?.[baseId]?.[i];
        return r && base ? figure(r, key) - figure(base, key) : Number.NaN;
      })
      .filter(Number.isFinite),
  );
const pairsAt = (rate) => (raw.readyPairs[rate] ?? []).filter(Boolean);
/** Per pair: Touchpoint's figure minus the empty script's in the same pair. */
const pairDifferences = (rate, key) =>
  pairsAt(rate).map((p) => figure(p.subject, key) - figure(p.floor, key));
/**
 * The subject's own load + init: Touchpoint's from its pairs with the empty script (the median
 * of the pairs' differences), a peer's run by run from the same runs' empty script.
 */
const ownReady = (rate, id, key) =>
  id === SUBJECTS[0].id
    ? summary(pairDifferences(rate, key))
    : added(rate, id, key, "ready", EMPTY.id);
const ownTasks = (r) => r.own.ms;
/** "k of n" pairs in which Touchpoint's own figure was at or under the goal. */
const withinGoal = (key) => {
  const differences = pairDifferences(GOAL.rate, key);
  return `${differences.filter((d) => d <= GOAL.ms).length} of ${differences.length}`;
};
const everyView = (id, key) =>
  pick(
    RATES.flatMap((rate) => loadOf(rate, id)),
    (r) => r.bytes[key],
  );
const notMeasured = {
  posthog: "n/a¹",
  surveyjs: "n/a²",
};

const rows = [];
const row = (label, unit, f, fallback = {}) =>
  rows.push({
    label,
    unit,
    values: Object.fromEntries(SUBJECTS.map((s) => [s.id, f(s.id) ?? fallback[s.id]])),
  });

/** Touchpoint: its own page view with nothing armed; the peers download the same on every page. */
const unarmedView = (id, key) =>
  id === "touchpoint" ? pick(raw.unarmed[id], (r) => r.bytes[key]) : everyView(id, key);
const paintedRuns = (id) => (raw.needs[id] ?? []).filter(Boolean);
/**
 * Touchpoint: the runs with every file but the core and the engine refused, when all painted
 * (otherwise how many did not); the peers: everything downloaded before the prompt painted.
 */
const promptNeeds = (id, key) => {
  if (id !== "touchpoint") return pick(raw.paint[id], (r) => r.bytes[key]);
  const runs = paintedRuns(id);
  const missed = runs.filter((r) => !r.painted).length;
  if (missed) return `not painted in ${missed} of ${runs.length} runs⁴`;
  return pick(runs, (r) => r.bytes[key]);
};
for (const key of ["gzip", "brotli"]) {
  row(`JS + CSS downloaded on a page view with no survey armed, ${key}`, "kb", (id) =>
    unarmedView(id, key),
  );
}
for (const key of ["gzip", "brotli"]) {
  row(
    `JS + CSS downloaded on a page view with a survey armed (what is fetched at idle included), ${key}`,
    "kb",
    (id) => everyView(id, key),
  );
}
for (const key of ["gzip", "brotli"]) {
  row(`JS + CSS a first prompt needs⁴, ${key}`, "kb", (id) => promptNeeds(id, key));
}
row(
  "With every Touchpoint file but the core and the engine refused⁴: prompt painted / answer kept, runs",
  "count",
  (id) => {
    const runs = paintedRuns(id);
    const of = (key) => `${runs.filter((r) => r[key]).length} of ${runs.length}`;
    return runs.length ? `${of("painted")} / ${of("answered")}` : undefined;
  },
  { posthog: "n/a⁴", surveyjs: "n/a⁴" },
);
for (const key of ["gzip", "brotli"]) {
  row(
    `JS + CSS downloaded by the time the prompt is painted (with what is fetched ahead), ${key}`,
    "kb",
    (id) => pick(raw.paint[id], (r) => r.bytes[key]),
  );
}
for (const rate of RATES) {
  row(`Main-thread task time added by load + init (until ready), ${rate}x CPU`, "ms", (id) =>
    added(rate, id, "task", "ready"),
  );
  row(
    `… of which the subject's own code (minus an empty script loaded the same way⁵), ${rate}x CPU`,
    "ms",
    (id) => ownReady(rate, id, "task"),
  );
  row(
    `… the same, main-thread CPU time (the thread's own time, less moved by the machine's load⁵), ${rate}x CPU`,
    "ms",
    (id) => ownReady(rate, id, "cpu"),
  );
  row(
    `… the tasks that ran the subject's own script, minus those of the empty script⁵, ${rate}x CPU`,
    "ms",
    (id) => ownReady(rate, id, ownTasks),
  );
  if (rate === GOAL.rate && PARTS.has("ready")) {
    row(
      `Pairs with Touchpoint's own load + init at or under ${GOAL.ms} ms⁵ (task time / CPU time / its own tasks), ${rate}x CPU`,
      "count",
      (id) =>
        id === SUBJECTS[0].id && pairsAt(rate).length
          ? ["task", "cpu", ownTasks].map(withinGoal).join(" / ")
          : undefined,
      { posthog: "(Touchpoint only)", surveyjs: "(Touchpoint only)" },
    );
  }
  row(
    `Main-thread task time added by load + init and idle preparation (until ${LOAD_SETTLE_MS / 1000} s after ready), ${rate}x CPU`,
    "ms",
    (id) => added(rate, id, "task"),
  );
  row(`Script evaluation added by load + init and idle preparation, ${rate}x CPU`, "ms", (id) =>
    added(rate, id, "script"),
  );
}
row(`Long tasks (> 50 ms) during load + init, ${RATES.at(-1)}x CPU`, "count", (id) =>
  pick(loadOf(RATES.at(-1), id), (r) => r.longTasks),
);
row(
  `Longest task that ran the subject's own script until ready (whole task), ${RATES.at(-1)}x CPU`,
  "ms",
  (id) =>
    id === SUBJECTS[0].id
      ? pick(pairsAt(RATES.at(-1)), (p) => p.subject.own.longestMs)
      : pick(raw.ready[RATES.at(-1)]?.[id], (r) => r.own.longestMs),
);
row(`Trigger to prompt painted, code not cached, ${PAINT_RATE}x CPU`, "ms", (id) =>
  pick(raw.paint[id], (r) => r.cold.ms),
);
row(`Trigger to prompt painted, code cached, ${PAINT_RATE}x CPU`, "ms", (id) =>
  pick(raw.paint[id], (r) => r.cached.ms),
);
if (raw.uiPaint !== undefined) {
  row(
    `Trigger to prompt painted, code cached, ${PAINT_RATE}x CPU, again by bench/ui-paint.mjs`,
    "ms",
    (id) => (id === "touchpoint" ? summary(raw.uiPaint?.runs ?? []) : undefined),
    { posthog: "(Touchpoint only)", surveyjs: "(Touchpoint only)" },
  );
}
row(`Long tasks while the prompt opens, not cached / cached, ${PAINT_RATE}x CPU`, "count", (id) => {
  const cold = pick(raw.paint[id], (r) => r.cold.longTasks);
  const cached = pick(raw.paint[id], (r) => r.cached.longTasks);
  return cold && cached ? `${cell(cold, "count")} / ${cell(cached, "count")}` : undefined;
});
row("Offline: prompt painted when the network dropped before the trigger, runs", "count", (id) => {
  const runs = (raw.offline[id] ?? []).filter(Boolean);
  return runs.length ? `${runs.filter((r) => r.shown).length} of ${runs.length}` : undefined;
});
const offlineTouchpoint = (f) => (id) =>
  id === "touchpoint"
    ? pick(
        raw.offline[id]?.filter((r) => r?.shown),
        f,
      )
    : undefined;
const offlineNotMeasured = {
  posthog: "not measured³",
  surveyjs: notMeasured.surveyjs,
};
row(
  "Offline: answer events at the collector while offline / once back online (distinct ids)",
  "count",
  (id) => {
    const during = offlineTouchpoint((r) => r.whileOffline)(id);
    const after = offlineTouchpoint((r) => r.received)(id);
    const distinct = offlineTouchpoint((r) => r.distinct)(id);
    return during && after && distinct
      ? `${cell(during, "count")} / ${cell(after, "count")} (${cell(distinct, "count")})`
      : undefined;
  },
  offlineNotMeasured,
);
row(
  "Offline: back online to answer and impression at the collector",
  "ms",
  offlineTouchpoint((r) => r.deliveredMs),
  offlineNotMeasured,
);
const answerRow = (p) => (id) =>
  id === "touchpoint" ? summary(raw.answers.map((s) => percentile(s, p))) : undefined;
row(
  `Answer to durable in IndexedDB, p50 of ${ANSWERS} answers, 1x CPU`,
  "ms",
  answerRow(50),
  notMeasured,
);
row(
  `Answer to durable in IndexedDB, p95 of ${ANSWERS} answers, 1x CPU`,
  "ms",
  answerRow(95),
  notMeasured,
);
row(
  `${EVENTS.toLocaleString("en")} queued events delivered after coming online, time`,
  "ms",
  (id) => (id === "touchpoint" ? pick(raw.queue, (q) => q.ms) : undefined),
  notMeasured,
);
row(
  `${EVENTS.toLocaleString("en")} queued events delivered after coming online, requests`,
  "count",
  (id) => (id === "touchpoint" ? pick(raw.queue, (q) => q.requests) : undefined),
  notMeasured,
);
const noArming = { surveyjs: notMeasured.surveyjs };
row(
  "JS heap after 1 SPA navigation, surveys armed",
  "heap",
  (id) => pick(raw.memory[id], (m) => m.afterOne),
  noArming,
);
row(
  `JS heap after ${NAVIGATIONS.toLocaleString("en")} SPA navigations, surveys armed`,
  "heap",
  (id) => pick(raw.memory[id], (m) => m.afterAll),
  noArming,
);
row(
  `JS heap growth over ${NAVIGATIONS.toLocaleString("en")} SPA navigations`,
  "heap",
  (id) => pick(raw.memory[id], (m) => m.growth),
  noArming,
);
row(
  "Requests to non-loopback hosts, whole bench (all blocked)",
  "count",
  (id) => `${guard.attempted[id] ?? 0}`,
);

// ---- report ----
/** The empty script's own figure over the bare page, per CPU rate. */
const floorNote = RATES.map(
  (rate) =>
    `${cell(added(rate, EMPTY.id, "task", "ready"), "ms")} task time (CPU time ${cell(added(rate, EMPTY.id, "cpu", "ready"), "ms")}) at ${rate}x`,
).join(", ");
/** Every traced page view of the ready part: runs and pairs. */
const readyViews = RATES.flatMap((rate) => [
  ...Object.values(raw.ready[rate] ?? {}).flat(),
  ...pairsAt(rate).flatMap((p) => [p.subject, p.floor]),
]).filter(Boolean);
const clockError = Math.max(0, ...readyViews.map((r) => r.clockErrorMs ?? 0));
/** Touchpoint's and the empty script's own tasks alone in the pairs, per CPU rate. */
const ownNote = RATES.map((rate) => {
  const of = (side, f) =>
    cell(
      pick(pairsAt(rate), (p) => f(p[side])),
      "ms",
    );
  const tasks = cell(
    pick(pairsAt(rate), (p) => p.subject.own.tasks),
    "count",
  );
  const inside = pairsAt(rate).filter((p) => p.subject.own.endsInside).length;
  return `at ${rate}x, Touchpoint ${of("subject", ownTasks)} (CPU time ${of("subject", (r) => r.own.cpu)}) in ${tasks} task(s), ready inside one of them in ${inside} of ${pairsAt(rate).length} pairs, the empty script ${of("floor", ownTasks)}`;
}).join("; ");
const readyNote = `Main thread, load + init (until ready): on a traced page view of its own, the main thread's task time
(the trace's RunTask events, each cut to the window) from injecting the subject's snippet into the loaded
host page (from the end of the bench's call that read the page's clock just before) to the moment the page recorded the subject's ready signal (Touchpoint's \`ready\` event,
posthog-js's onSurveysLoaded callback, SurveyJS's second script loaded), nothing after it, minus the bare
page's same window (the bench's injecting call), run by run; the trace's clock is tied to the page's by the
narrowest of several pairs of console.timeStamp marks around a performance.now() (bench/lib/trace.mjs), at
most ${clockError.toFixed(2)} ms off in this run. … of which the subject's own code: the same window's task time minus that of
${EMPTY.name} instead of the bare page's: Touchpoint's injection exactly (the README's stub inline,
\`touchpoint.on("ready")\` and \`init\` queued, then an async \`<script src="${EMPTY_SCRIPT.path}">\` from the same
server with the same headers), the script ${EMPTY.bytes} bytes that only call the queued ready callback (the host
page's \`__bench.markReady\`), its ready moment recorded the same way. ⁵ For Touchpoint, ${READY_PAIRS} pairs per CPU
rate besides the runs: in each, a traced page view of Touchpoint and one of the empty script, one after the
other, the empty script first in every other pair so that a drift of the machine cancels; the figure is the
median of the ${READY_PAIRS} differences, with the smallest and the largest (a single difference of two page views can come out
below zero when the empty script's happened to be the slower). For the peers, the difference run by run
(${RUNS} runs), as before. The floor, ${EMPTY.name}, over the bare page: ${floorNote}. It is the cost of loading any
script Touchpoint's way (inline stub, script tag, request, network tasks, evaluation); posthog-js (its own
stub and async tag) and SurveyJS (two ordered script tags) load differently, so for them the same floor is
an approximation. The CPU time row: the same difference in the main thread's CPU time (the trace's thread
durations). Chromium slows the thread at 4x by making it spin, in a signal handler, three times as long
as it ran (its ThreadCPUThrottler), so CPU time still counts the slowdown; it leaves out the time the thread waited for a core
while other work held the machine's: read it for the subject's own cost. The own-script row counts only
the tasks in the window that compiled, evaluated or called a function of the subject's own script (the
trace's EvaluateScript, v8.compile and FunctionCall events naming its URL: Touchpoint's dist/touchpoint.js
and its chunks, posthog-js's /static/ files, SurveyJS's /surveyjs/ files), each with the microtasks that
ran at its end, cut at ready, minus the same for the empty script (its evaluation task): ${ownNote}.
It leaves out the script's request and network tasks, the injecting call and the stub (all in the
floor), and code resumed by a promise in a task something else started (a network response's), which
the trace does not tie to a script: Touchpoint has none when it became ready inside its own task (as
counted above), since nothing of it runs before its evaluation; the peers wait for requests, so their
figure is a lower bound. Pairs at or under ${GOAL.ms} ms (issue 15's goal): in how many of the ${READY_PAIRS} pairs at
${GOAL.rate}x the difference was at most ${GOAL.ms} ms, for each of the three own-code rows (task time, CPU time,
own-script tasks). Long tasks during load + init: the host page's PerformanceObserver long tasks on the
untraced page view, from 300 ms before injecting until ${LOAD_SETTLE_MS / 1000} s after ready. Longest task that ran the subject's
own script: in each traced page view (Touchpoint's of the pairs), the longest of the tasks the own-script
row counts, whole (ready can come inside it), over 50 ms being a long task.`;
const seconds = (performance.now() - started) / 1000;
const date = new Date().toISOString();
const info = machine(browserVersion);
const peers = SUBJECTS.slice(1);
const header = [
  "| figure | Touchpoint | ",
  peers.map((p) => `${p.name} | Touchpoint / ${p.name}`).join(" | "),
  " |",
].join("");
const align = `| --- | ---: | ${peers.map(() => "---: | ---:").join(" | ")} |`;
const lines = rows.map((r) => {
  const ours = r.values.touchpoint;
  // Ratios of counts (long tasks, requests) say little; they are left out.
  const versus = (p) => (r.unit === "count" ? "" : ratio(ours, r.values[p.id]));
  const cells = peers.map((p) => `${cell(r.values[p.id], r.unit)} | ${versus(p)}`);
  return `| ${r.label} | ${cell(ours, r.unit)} | ${cells.join(" | ")} |`;
});
const table = [header, align, ...lines].join("\n");
const blockedHosts = Object.entries(guard.hosts).map(
  ([id, hosts]) => `${SUBJECTS.find((s) => s.id === id)?.name ?? id}: ${[...hosts].join(", ")}`,
);
const blockedNote = blockedHosts.length
  ? ` Non-loopback hosts requested (blocked): ${blockedHosts.join("; ")}.`
  : "";
/** The distinct file names among `lists` (paths or names), in order of first appearance. */
const fileNames = (lists) => [...new Set(lists.flat().map((f) => f.split("/").at(-1)))];
const unarmedFiles = fileNames(
  (raw.unarmed.touchpoint ?? []).filter(Boolean).map((r) => r.bytes.files),
);
const needsRuns = paintedRuns("touchpoint");
const needsFiles = fileNames(needsRuns.map((r) => r.bytes.files));
const refusedFiles = fileNames(needsRuns.map((r) => r.refused));
const listed = (names) => (names.length ? names.map((n) => `\`${n}\``).join(", ") : "none");
const bytesNote = `Bytes: the bodies of the scripts and stylesheets Chromium received, each compressed in
Node (gzip -9, brotli 11). No survey armed: Touchpoint's page view with its NPS survey given a URL rule
the host page does not match (\`/host/thank-you/*\`), recorded until ${UNARMED_SETTLE_MS / 1000} s after ready
(past the 3 s longest wait for idle before Touchpoint fetches ahead), files received: ${listed(unarmedFiles)};
the peers download the same whatever is armed, so their figure is the one of the page view with a survey
armed. A survey armed: the load runs, until ${LOAD_SETTLE_MS / 1000} s after ready, the NPS survey armed on
every page (an event trigger, no URL rule), so Touchpoint fetches at idle the engine and question UI
and, as the engine starts, its sending and steps parts. ⁴ A first prompt needs: for Touchpoint, a cold
paint run at ${PAINT_RATE}x in which every request for a file of dist/ but the core and the engine's file was
refused (refused: ${listed(refusedFiles)}; received: ${listed(needsFiles)}), the question painted all the
same (the check below), and the bytes received in that run until 300 ms after it painted; then 8 is
submitted and "answer kept" counts Touchpoint's \`answered\` event (the answer durable in IndexedDB) within
5 s. posthog-js and SurveyJS do not split their
bundles, so refusing parts means nothing for them: their figure is everything downloaded before their
prompt painted (the paint runs). By the time the prompt is painted: the paint runs, everything received
until 300 ms after the cold prompt painted, what Touchpoint fetched ahead included.`;
const versions = SUBJECTS.map((s) => `${s.name} ${s.version} (${s.what})`).join("; ");
const markdown = `### Benchmark run ${date.slice(0, 10)}

\`${COMMAND}\` on ${info.cpu}, ${info.cores} cores, ${info.memoryGiB} GiB, ${info.os}, Node ${info.node}, ${info.chromium}, playwright-core ${info.playwright}; 1-minute load average ${info.loadAverage.start.toFixed(2)} at start, ${info.loadAverage.end.toFixed(2)} at end.
Versions: ${versions}.

${table}

Each figure: median (min–max) of ${RUNS} runs (answers, queue and memory: ${SLOW_RUNS} runs; bytes with a
survey armed: every load run at both CPU rates), each page view in a fresh browser context; ratios are Touchpoint's median over
the peer's. ¹ posthog-js offers no signal that an answer is durably stored and no store to seed a queue into.
³ posthog-js sends survey answers as compressed analytics batches to its API, which this bench's stand-in
does not decode. Offline: the context goes offline 1 s after the subject reported ready; the prompt must be
painted within 5 s of the trigger.
² SurveyJS is a form renderer: it stores and sends nothing itself and has no targeting to arm.
${bytesNote}
${readyNote} Load + init and idle preparation: on an untraced page view,
Performance.getMetrics TaskDuration and ScriptDuration from injecting until ${LOAD_SETTLE_MS} ms after ready
(Touchpoint fetches and readies an armed survey's code at idle), minus the bare page's same window.
\`node bench/trace.mjs\` shows where Touchpoint's time goes in each phase.
Painted: from the trigger call to the first task after the first painted frame in which the question is
visible (box over 1 px, not hidden, nothing above it at opacity 0: the first frames of Touchpoint's fade-in,
still transparent, do not count), judged from the style in each frame's animation callback; triggered
${PAINT_SETTLE_MS} ms after ready. bench/ui-paint.mjs repeats the code-cached run with the same code (until
2026-12-01 it triggered on its own page as soon as Touchpoint was ready, while the engine was still being
readied at idle, stopped a frame after \`shown\`, itself a frame late, and asked for reduced motion). Answers: from the
Submit click to the \`answered\` event. Queue: from going online to the collector holding every id. Heap:
Runtime.getHeapUsage after HeapProfiler.collectGarbage. Non-loopback requests are blocked by context.route,
except in the timed paint runs, cold and cached (route turns the HTTP cache off), where a dead proxy refuses them.${blockedNote}
Bench time: ${Math.round(seconds)} s.${PARTS.size < ALL_PARTS.length ? ` Only these parts ran (--only): ${[...PARTS].join(", ")}.` : ""}
`;

console.log(markdown);
if (errors.length) console.log(`Failed measurements (${errors.length}):\n- ${errors.join("\n- ")}`);

const dir = new URL("results/", import.meta.url);
mkdirSync(dir, { recursive: true });
const stamp = date.replace(/[:.]/g, "-");
const json = {
  date,
  command: COMMAND,
  seconds,
  machine: info,
  subjects: Object.fromEntries(
    SUBJECTS.map((s) => [s.id, { name: s.name, version: s.version, what: s.what }]),
  ),
  floor: { id: EMPTY.id, name: EMPTY.name, path: EMPTY_SCRIPT.path, bytes: EMPTY.bytes },
  settings: {
    RUNS,
    SLOW_RUNS,
    ANSWERS,
    EVENTS,
    NAVIGATIONS,
    READY_PAIRS,
    GOAL,
    RATES,
    PAINT_RATE,
    LOAD_SETTLE_MS,
    UNARMED_SETTLE_MS,
  },
  rows,
  nonLoopback: {
    attempted: guard.attempted,
    blockedByRoute: guard.blocked,
    hosts: Object.fromEntries(Object.entries(guard.hosts).map(([id, h]) => [id, [...h]])),
  },
  errors,
  raw,
};
writeFileSync(new URL(`bench-${stamp}.json`, dir), `${JSON.stringify(json, null, 2)}\n`);
writeFileSync(new URL(`bench-${stamp}.md`, dir), markdown);
writeFileSync(new URL("latest.md", dir), markdown);
writeFileSync(new URL("latest.json", dir), `${JSON.stringify(json, null, 2)}\n`);
log(`wrote bench/results/bench-${stamp}.{md,json} in ${Math.round(seconds)} s`);
process.exitCode = errors.length ? 1 : 0;
