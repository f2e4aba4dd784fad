// Main-thread task time in an exact window of page time, from a Chromium trace: the one way
// bench/run.mjs (load + init, until ready) and bench/trace.mjs (every phase) count it.
//
// The trace's clock (µs since boot) and the page's performance.now() are tied by one
// console.timeStamp mark taken inside the page; the renderer that logged it is the page's.
// A task counts for the part of it that lies in the window, so the task that emits `ready`
// counts up to that moment and nothing after it.

/** Tasks and the time mark (bench/run.mjs); `DETAIL` adds what the tasks were spent on. */
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
 * Starts a trace of the browser. `stop()` ends it and resolves to the page's renderer main
 * thread's complete events, each with `at` and `end` in the page's performance.now() ms.
 */
export async function startTrace(page, cdp, categories = TASKS_ONLY) {
  const events = [];
  const collect = (e) => events.push(...e.value);
  cdp.on("Tracing.dataCollected", collect);
  await cdp.send("Tracing.start", { categories, transferMode: "ReportEvents" });
  // One mark both clocks see: the trace's and the page's performance.now().
  const anchor = await page.evaluate((mark) => {
    console.timeStamp(mark);
    return performance.now();
  }, MARK);
  return {
    async stop() {
      const complete = new Promise((resolve) => cdp.once("Tracing.tracingComplete", resolve));
      await cdp.send("Tracing.end");
      await complete;
      cdp.off("Tracing.dataCollected", collect);
      const stamp = events.find((e) => e.name === "TimeStamp" && e.args?.data?.message === MARK);
      if (!stamp) throw new Error("trace: the time mark was not recorded");
      return mainThreadEvents(events, stamp, stamp.ts / 1000 - anchor);
    },
  };
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

const fileOf = (e) => {
  const url = e.args?.data?.url ?? e.args?.fileName ?? "";
  return String(url)
    .split("/")
    .pop()
    .replace(/-[\w-]{8}\.mjs$/, ".mjs");
};
const SCRIPT = /^(EvaluateScript|v8\.evaluateModule|v8\.compileModule|FunctionCall)$/;

/** The part of `e` inside [from, to), in ms, and its CPU time in the same proportion. */
function clip(e, from, to) {
  const ms = Math.max(0, Math.min(e.end, to) - Math.max(e.at, from));
  return { ms, cpu: e.ms > 0 ? (e.cpu * ms) / e.ms : 0 };
}

/**
 * Main-thread task time in [from, to) (page ms): task and CPU time, tasks, long tasks (over
 * 50 ms, whole), and the largest direct parts by name (and script file), each cut to the window.
 * Chromium records a task as RunTask with a ThreadControllerImpl::RunTask inside: only the outer
 * one counts.
 */
export function phase(main, from, to) {
  const all = main.filter((e) => TASK.has(e.name) && e.end > from && e.at < to);
  const outer = (o, e) =>
    o.ts <= e.ts &&
    o.ts + o.dur >= e.ts + e.dur &&
    (o.dur > e.dur || o.ts < e.ts || (o.name === "RunTask" && e.name !== "RunTask"));
  const tasks = all.filter((e) => !all.some((o) => outer(o, e)));
  const parts = {};
  let ms = 0;
  let cpu = 0;
  for (const task of tasks) {
    const inside = clip(task, from, to);
    ms += inside.ms;
    cpu += inside.cpu;
    const end = task.ts + task.dur;
    for (const e of main) {
      if (e === task || e.ts < task.ts || e.ts + e.dur > end || TASK.has(e.name)) continue;
      const key = SCRIPT.test(e.name) ? `${e.name} ${fileOf(e)}` : e.name;
      parts[key] = (parts[key] ?? 0) + clip(e, from, to).ms;
    }
  }
  return { ms, cpu, tasks: tasks.length, long: tasks.filter((e) => e.ms > 50).length, parts };
}
