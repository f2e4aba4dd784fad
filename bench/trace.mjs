// Where Touchpoint's main-thread time goes, phase by phase, from Chromium traces:
// `npm run build && node bench/trace.mjs [--runs 5] [--rate 4]`.
//
// Phases of one page view of the bench's host page (the same snippet, config and trigger as
// `npm run bench`): "load + init" from injecting the snippet to the `ready` event, "idle
// preparation" from `ready` until 1.5 s later (the survey's code fetched and readied at idle), and
// "trigger to painted" on a second page view with the code cached. For each phase it prints the
// median over the runs of the main thread's task time (wall, slowed by the rate; counted as
// bench/run.mjs counts its "load + init (until ready)" row, by bench/lib/trace.mjs: tasks cut to
// the phase's window) and its CPU time (the thread's own time, the throttler's spin included, so
// still slowed by the rate, but not the time the thread waited for a core: much less moved by
// other work on the machine, so the figure to compare two builds by); for load + init also the
// tasks that ran Touchpoint's own script (bench/run.mjs's own-script row); then where the task
// time went. This trace records more detail than the bench's, which makes each task a little longer.
// It is a diagnosis command, not a test; nothing fails on time.
import {
  injectUntilReady,
  instrument,
  launch,
  newContext,
  sleep,
  waitReady,
} from "./lib/browser.mjs";
import { OWN_SCRIPTS } from "./lib/measure.mjs";
import { QUESTION, startServer } from "./lib/server.mjs";
import { pageTriggerAndWaitPainted, SUBJECTS } from "./lib/subjects.mjs";
import { afterTaskAt, DETAIL, phase, startTrace } from "./lib/trace.mjs";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const RUNS = option("runs", 5);
const RATE = option("rate", 4);
const SETTLE_MS = 1500;
const subject = SUBJECTS.find((s) => s.id === "touchpoint");

/** Runs `work` with a detailed trace on; its result holds the page times of the phases. */
async function traced(page, cdp, work) {
  const trace = await startTrace(page, cdp, DETAIL);
  const marks = await work();
  return { main: await trace.stop(), marks };
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
      // The page's own time of `ready`: a mark taken from here would come a round trip later,
      // after tasks (the first idle callbacks) that follow `ready`.
      const { injected, readyAt } = await injectUntilReady(page, subject, {
        origin: server.origin,
        key: `trace-load-${run}`,
      });
      await sleep(SETTLE_MS);
      return { injected, ready: readyAt };
    });
    return {
      load: phase(main, afterTaskAt(main, marks.injected), marks.ready, OWN_SCRIPTS.touchpoint),
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
  // The tasks that ran dist/touchpoint.js or its chunks, as bench/run.mjs's own-script row counts them.
  const own =
    key === "load"
      ? `; its own tasks ${median(list.map((p) => p.own.ms)).toFixed(1)} ms, cpu ${median(
          list.map((p) => p.own.cpu),
        ).toFixed(1)} ms`
      : "";
  console.log(
    `\n${NAMES[key]}: task ${median(list.map((p) => p.ms)).toFixed(1)} ms, cpu ${median(
      list.map((p) => p.cpu),
    ).toFixed(1)} ms, ${median(list.map((p) => p.tasks))} tasks, long ${median(
      list.map((p) => p.long),
    )}${wall}${own}`,
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
