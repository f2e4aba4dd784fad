// Where Touchpoint's main-thread time goes, phase by phase, from Chromium traces:
// `npm run build && node bench/trace.mjs [--runs 5] [--rate 4]`.
//
// Phases of one page view of the bench's host page (the same snippet, config and trigger as
// `npm run bench`): "load + init" from injecting the snippet to the `ready` event, "idle
// preparation" from `ready` until 1.5 s later (the survey's code fetched and readied at idle), and
// "trigger to painted" on a second page view with the code cached. For each phase it prints the
// median over the runs of the main thread's task time (wall, what the bench's TaskDuration row
// counts, slowed by the rate) and its CPU time (the thread's own time: much less moved by other
// work on the machine, so the figure to compare two builds by), then where the task time went.
// It is a diagnosis command, not a test; nothing fails on time.
import { instrument, launch, newContext, sleep, waitReady } from "./lib/browser.mjs";
import { QUESTION, startServer } from "./lib/server.mjs";
import { pageTriggerAndWaitPainted, SUBJECTS } from "./lib/subjects.mjs";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const RUNS = option("runs", 5);
const RATE = option("rate", 4);
const SETTLE_MS = 1500;
const CATEGORIES = [
  "devtools.timeline",
  "v8",
  "v8.execute",
  "disabled-by-default-devtools.timeline",
  "blink",
].join(",");
const TASK = new Set(["RunTask", "ThreadControllerImpl::RunTask"]);

const subject = SUBJECTS.find((s) => s.id === "touchpoint");

async function traced(page, cdp, work) {
  const events = [];
  const collect = (e) => events.push(...e.value);
  cdp.on("Tracing.dataCollected", collect);
  const complete = new Promise((resolve) => cdp.once("Tracing.tracingComplete", resolve));
  await cdp.send("Tracing.start", { categories: CATEGORIES, transferMode: "ReportEvents" });
  // One mark both clocks see: the trace's (µs since boot) and the page's performance.now().
  const anchor = await page.evaluate(() => {
    console.timeStamp("tp-trace");
    return performance.now();
  });
  const marks = await work();
  await cdp.send("Tracing.end");
  await complete;
  cdp.off("Tracing.dataCollected", collect);
  const stamp = events.find((e) => e.name === "TimeStamp" && e.args?.data?.message === "tp-trace");
  if (!stamp) throw new Error("trace: the time mark was not recorded");
  return { main: mainThread(events, stamp.ts / 1000 - anchor), marks };
}

/** The renderer main thread's complete events, with timestamps in page `performance.now()` ms. */
function mainThread(events, page0) {
  const mains = new Set(
    events
      .filter((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain")
      .map((e) => `${e.pid}:${e.tid}`),
  );
  return events
    .filter((e) => e.ph === "X" && mains.has(`${e.pid}:${e.tid}`))
    .map((e) => ({ ...e, at: e.ts / 1000 - page0, ms: e.dur / 1000, cpu: (e.tdur ?? 0) / 1000 }));
}

const fileOf = (e) => {
  const url = e.args?.data?.url ?? e.args?.fileName ?? "";
  return String(url)
    .split("/")
    .pop()
    .replace(/-[\w-]{8}\.mjs$/, ".mjs");
};
const SCRIPT = /^(EvaluateScript|v8\.evaluateModule|v8\.compileModule|FunctionCall)$/;

/**
 * Task time in [from, to): totals and the largest direct parts by name (and script file). A
 * task that starts before `to` counts whole (the task that emits `ready` included). Chromium
 * records a task as RunTask with a ThreadControllerImpl::RunTask inside: only the outer one counts.
 */
function phase(main, from, to) {
  const all = main.filter((e) => TASK.has(e.name) && e.at >= from && e.at < to);
  const outer = (o, e) =>
    o.ts <= e.ts &&
    o.ts + o.dur >= e.ts + e.dur &&
    (o.dur > e.dur || o.ts < e.ts || (o.name === "RunTask" && e.name !== "RunTask"));
  const tasks = all.filter((e) => !all.some((o) => outer(o, e)));
  const parts = {};
  for (const task of tasks) {
    const end = task.ts + task.dur;
    for (const e of main) {
      if (e === task || e.ts < task.ts || e.ts + e.dur > end || TASK.has(e.name)) continue;
      const key = SCRIPT.test(e.name) ? `${e.name} ${fileOf(e)}` : e.name;
      parts[key] = (parts[key] ?? 0) + e.ms;
    }
  }
  return {
    ms: tasks.reduce((t, e) => t + e.ms, 0),
    cpu: tasks.reduce((t, e) => t + e.cpu, 0),
    tasks: tasks.length,
    long: tasks.filter((e) => e.ms > 50).length,
    parts,
  };
}

async function pageView(context, server) {
  const page = await context.newPage();
  await page.goto(`${server.origin}/host/`);
  const cdp = await instrument(context, page, RATE);
  await page.evaluate(() => 1);
  await sleep(300);
  return { page, cdp };
}

async function loadRun(browser, server, run) {
  const context = await newContext(browser);
  try {
    const { page, cdp } = await pageView(context, server);
    const { main, marks } = await traced(page, cdp, async () => {
      const injected = await page.evaluate(() => performance.now());
      await subject.inject(page, { origin: server.origin, key: `trace-load-${run}` });
      await waitReady(page, 20_000);
      // The page's own time of `ready`: a mark taken from here would come a round trip later,
      // after tasks (the first idle callbacks) that follow `ready`.
      const ready = await page.evaluate(() => window.__bench.readyAt ?? performance.now());
      await sleep(SETTLE_MS);
      return { injected, ready };
    });
    return {
      load: phase(main, marks.injected, marks.ready),
      idle: phase(main, marks.ready, marks.ready + SETTLE_MS),
    };
  } finally {
    await context.close();
  }
}

async function paintRun(browser, server, run) {
  const context = await newContext(browser, { route: false });
  try {
    const warm = await pageView(context, server);
    await subject.inject(warm.page, { origin: server.origin, key: `trace-warm-${run}` });
    await waitReady(warm.page, 20_000);
    await sleep(SETTLE_MS);
    await warm.page.close();
    const { page, cdp } = await pageView(context, server);
    await subject.inject(page, { origin: server.origin, key: `trace-paint-${run}` });
    await waitReady(page, 20_000);
    await sleep(SETTLE_MS);
    const { main, marks } = await traced(page, cdp, () =>
      page.evaluate(pageTriggerAndWaitPainted, {
        kind: subject.id,
        question: QUESTION,
        timeoutMs: 20_000,
      }),
    );
    return { paint: { ...phase(main, marks.t0, marks.painted), wall: marks.painted - marks.t0 } };
  } finally {
    await context.close();
  }
}

const median = (list) => {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
};

const server = await startServer();
const browser = await launch();
const runs = { load: [], idle: [], paint: [] };
try {
  for (let run = 0; run < RUNS; run++) {
    const l = await loadRun(browser, server, run);
    runs.load.push(l.load);
    runs.idle.push(l.idle);
    runs.paint.push((await paintRun(browser, server, run)).paint);
    process.stderr.write(`run ${run + 1}/${RUNS}\n`);
  }
} finally {
  await browser.close();
  await server.close?.();
}

const NAMES = {
  load: "load + init (snippet injected to ready)",
  idle: `idle preparation (ready to ready + ${SETTLE_MS / 1000} s)`,
  paint: "trigger to painted, code cached",
};
console.log(`Touchpoint main thread at ${RATE}x CPU, median of ${RUNS} runs`);
for (const [key, list] of Object.entries(runs)) {
  const wall = key === "paint" ? `, wall ${median(list.map((p) => p.wall)).toFixed(0)} ms` : "";
  console.log(
    `\n${NAMES[key]}: task ${median(list.map((p) => p.ms)).toFixed(1)} ms, cpu ${median(
      list.map((p) => p.cpu),
    ).toFixed(1)} ms, ${median(list.map((p) => p.tasks))} tasks, long ${median(
      list.map((p) => p.long),
    )}${wall}`,
  );
  const names = new Set(list.flatMap((p) => Object.keys(p.parts)));
  const rows = [...names]
    .map((name) => [name, median(list.map((p) => p.parts[name] ?? 0))])
    .filter(([, ms]) => ms >= 0.5)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 18);
  for (const [name, ms] of rows) console.log(`${ms.toFixed(1).padStart(8)} ms  ${name}`);
}
process.exit(0);
