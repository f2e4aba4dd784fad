// Main-thread task time in an exact window of page time, from a Chromium trace: the one way
// bench/run.mjs (load + init, until ready) and bench/trace.mjs (every phase) count it.
//
// The trace's clock (µs since boot) and the page's performance.now() are tied by console.timeStamp
// marks taken inside the page; the renderer that logged them is the page's. A task counts for the
// part of it that lies in the window, so the task that emits `ready` counts up to that moment and
// nothing after it.

/** Tasks and the time marks (bench/run.mjs); `DETAIL` adds what the tasks were spent on. */
export const TASKS_ONLY = ["devtools.timeline", "disabled-by-default-devtools.timeline"].join(",");
export const DETAIL = [
  "devtools.timeline",
  "v8",
  "v8.execute",
  "disabled-by-default-devtools.timeline",
  "blink",
].join(",");
const TASK = new Set(["RunTask", "ThreadControllerImpl::RunTask"]);
const MARK = "bench-trace-anchor";
/**
 * Tries at tying the clocks. At 4x CPU, Chromium's throttler holds the page's thread in a signal
 * handler for up to 3 ms at a time, and a busy machine can take the core away for longer: with
 * one mark, such a stop between it and performance.now() once put an empty script's `ready`
 * 8.7 ms before the evaluation that signalled it. Each try brackets performance.now() between
 * two marks; the narrowest bracket is kept.
 */
const ANCHOR_TRIES = 7;

/**
 * Starts a trace of the browser. `stop()` ends it and resolves to the page's renderer main
 * thread's complete events, each with `at` and `end` in the page's performance.now() ms.
 */
export async function startTrace(page, cdp, categories = TASKS_ONLY) {
  const events = [];
  const collect = (e) => events.push(...e.value);
  cdp.on("Tracing.dataCollected", collect);
  await cdp.send("Tracing.start", { categories, transferMode: "ReportEvents" });
  // Marks both clocks see: the trace's and the page's performance.now().
  const anchors = await page.evaluate(
    ({ mark, tries }) => {
      const times = [];
      for (let i = 0; i < tries; i++) {
        console.timeStamp(`${mark} ${i} before`);
        times.push(performance.now());
        console.timeStamp(`${mark} ${i} after`);
      }
      return times;
    },
    { mark: MARK, tries: ANCHOR_TRIES },
  );
  return {
    async stop() {
      const complete = new Promise((resolve) => cdp.once("Tracing.tracingComplete", resolve));
      await cdp.send("Tracing.end");
      await complete;
      cdp.off("Tracing.dataCollected", collect);
      const clock = tieClocks(events, anchors);
      const main = mainThreadEvents(events, clock.stamp, clock.page0);
      return Object.assign(main, { clockErrorMs: clock.errorMs });
    },
  };
}

/**
 * The trace time (ms) of the page's time 0, from the narrowest bracket of marks around one of
 * the page's `anchors` (performance.now() values); `errorMs` is half that bracket, the most the
 * page's times can be off by.
 */
export function tieClocks(events, anchors) {
  const stampOf = (message) =>
    events.find((e) => e.name === "TimeStamp" && e.args?.data?.message === message);
  let best;
  anchors.forEach((now, i) => {
    const before = stampOf(`${MARK} ${i} before`);
    const after = stampOf(`${MARK} ${i} after`);
    if (!before || !after) return;
    const width = (after.ts - before.ts) / 1000;
    if (best && best.width <= width) return;
    best = { width, stamp: before, page0: (before.ts + after.ts) / 2000 - now };
  });
  if (!best) throw new Error("trace: the time marks were not recorded");
  return { stamp: best.stamp, page0: best.page0, errorMs: best.width / 2 };
}

function mainThreadEvents(events, stamp, page0) {
  const main = events.find(
    (e) => e.name === "thread_name" && e.pid === stamp.pid && e.args?.name === "CrRendererMain",
  );
  if (!main) throw new Error("trace: the page's main thread was not named in the trace");
  return events
    .filter((e) => e.ph === "X" && e.pid === main.pid && e.tid === main.tid)
    .map((e) => ({
      ...e,
      at: e.ts / 1000 - page0,
      end: (e.ts + e.dur) / 1000 - page0,
      ms: e.dur / 1000,
      cpu: (e.tdur ?? 0) / 1000,
    }));
}

const urlOf = (e) => String(e.args?.data?.url ?? e.args?.fileName ?? "");
const fileOf = (e) =>
  urlOf(e)
    .split("/")
    .pop()
    .replace(/-[\w-]{8}\.mjs$/, ".mjs");
const SCRIPT = /^(EvaluateScript|v8\.evaluateModule|v8\.compileModule|FunctionCall)$/;
/** The events that name the script whose code runs: its compile, evaluation and function calls. */
const RUNS_SCRIPT =
  /^(EvaluateScript|v8\.compile|v8\.evaluateModule|v8\.compileModule|FunctionCall)$/;
const LONG_MS = 50;

/** The part of `e` inside [from, to), in ms, and its CPU time in the same proportion. */
function clip(e, from, to) {
  const ms = Math.max(0, Math.min(e.end, to) - Math.max(e.at, from));
  return { ms, cpu: e.ms > 0 ? (e.cpu * ms) / e.ms : 0 };
}

/**
 * The end of the task running at page time `at` (the latest end among the tasks around it), or
 * `at` itself when the thread was idle then. The bench reads the page's clock in a call of its
 * own: the rest of that call's task is the bench's, not the subject's, and a busy machine
 * stretches it (by up to 28 ms at 4x in a test).
 */
export function afterTaskAt(main, at) {
  return main
    .filter((e) => TASK.has(e.name) && e.at <= at && e.end > at)
    .reduce((end, e) => Math.max(end, e.end), at);
}

/**
 * Main-thread task time in [from, to) (page ms): task and CPU time, tasks, long tasks (over
 * 50 ms, whole), and the largest direct parts by name (and script file), each cut to the window.
 * Chromium records a task as RunTask with a ThreadControllerImpl::RunTask inside: only the outer
 * one counts. With `ownScript` (a RegExp on script URLs), `own` sums the same over the tasks that
 * ran that code: those holding a compile, an evaluation or a function call of a matching script
 * (the microtasks that run at the end of such a task are inside it), with the longest one whole,
 * and `endsInside` saying whether the window ends inside one of them (the subject became ready
 * in its own code, not in a task the trace does not tie to it).
 */
export function phase(main, from, to, ownScript) {
  const all = main.filter((e) => TASK.has(e.name) && e.end > from && e.at < to);
  const outer = (o, e) =>
    o.ts <= e.ts &&
    o.ts + o.dur >= e.ts + e.dur &&
    (o.dur > e.dur || o.ts < e.ts || (o.name === "RunTask" && e.name !== "RunTask"));
  const tasks = all.filter((e) => !all.some((o) => outer(o, e)));
  const parts = {};
  const own = { ms: 0, cpu: 0, tasks: 0, longestMs: 0, endsInside: false };
  let ms = 0;
  let cpu = 0;
  for (const task of tasks) {
    const inside = clip(task, from, to);
    ms += inside.ms;
    cpu += inside.cpu;
    const end = task.ts + task.dur;
    let ran = false;
    for (const e of main) {
      if (e === task || e.ts < task.ts || e.ts + e.dur > end || TASK.has(e.name)) continue;
      const key = SCRIPT.test(e.name) ? `${e.name} ${fileOf(e)}` : e.name;
      parts[key] = (parts[key] ?? 0) + clip(e, from, to).ms;
      ran ||= Boolean(ownScript && RUNS_SCRIPT.test(e.name) && ownScript.test(urlOf(e)));
    }
    if (!ran) continue;
    own.ms += inside.ms;
    own.cpu += inside.cpu;
    own.tasks += 1;
    own.longestMs = Math.max(own.longestMs, task.ms);
    own.endsInside ||= task.at <= to && task.end >= to;
  }
  return {
    ms,
    cpu,
    tasks: tasks.length,
    long: tasks.filter((e) => e.ms > LONG_MS).length,
    parts,
    ...(ownScript ? { own } : {}),
  };
}
