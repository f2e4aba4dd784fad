// One measurement each: a fresh browser context per page view unless said otherwise.
import {
  heapAfterGc,
  injectUntilReady,
  instrument,
  longTasks,
  mainThread,
  newContext,
  recordCode,
  sleep,
  sum,
  waitReady,
} from "./browser.mjs";
import { EMPTY_SCRIPT, QUESTION } from "./server.mjs";
import { pageTriggerAndWaitPainted } from "./subjects.mjs";
import { afterTaskAt, phase, startTrace, TASKS_ONLY } from "./trace.mjs";

const READY_MS = 20_000;
/** Idle time between ready and the trigger in the paint runs: Touchpoint fetches and readies the
 * armed survey's code at idle, as it would while a visitor reads the page. */
export const PAINT_SETTLE_MS = 500;
const now = (page) => page.evaluate(() => performance.now());

/**
 * Load and initialise with no prompt shown: the subject is injected into the loaded host page
 * (as its async snippet would load it), and the main-thread metrics are read before, a round trip
 * after the subject reported ready (`readyTaskRoundTrip`: what the load + init row used to count,
 * kept to compare with measureReady), and once `settleMs` more passed (deferred and idle-time
 * work counted too).
 */
export async function measureLoad(browser, server, subject, { rate, key, settleMs }) {
  const context = await newContext(browser);
  try {
    const page = await context.newPage();
    const code = recordCode(page);
    await page.goto(`${server.origin}/host/`);
    const cdp = await instrument(context, page, rate);
    // The first evaluate sets up Playwright's helper script in the page: keep it out of the window.
    const since = await now(page);
    await sleep(300);
    const before = await mainThread(cdp);
    const injected = await now(page);
    await subject.inject(page, { origin: server.origin, key });
    await waitReady(page, READY_MS);
    const readyMs = (await now(page)) - injected;
    const atReady = await mainThread(cdp);
    await sleep(settleMs);
    const after = await mainThread(cdp);
    const tasks = await longTasks(page, since);
    return {
      script: after.script - before.script,
      task: after.task - before.task,
      readyTaskRoundTrip: atReady.task - before.task,
      readyMs,
      longTasks: tasks.length,
      longTaskMs: tasks.reduce((t, x) => t + x.duration, 0),
      bytes: sum(await code.files()),
    };
  } finally {
    await context.close();
  }
}

/**
 * The scripts whose code is each subject's own, by URL (the paths bench/lib/server.mjs serves
 * them from): the tasks that ran them are the subject's own tasks in measureReady.
 */
export const OWN_SCRIPTS = {
  touchpoint: /\/dist\/touchpoint(-[\w-]+\.mjs|\.js)$/,
  empty: { test: (url) => url.endsWith(EMPTY_SCRIPT.path) },
  posthog: /\/static\/[\w.-]+\.js$/,
  surveyjs: /\/surveyjs\//,
};

/**
 * Load + init exactly: main-thread task time from injecting the subject's snippet into the loaded
 * host page (from the end of the bench's call that read the page's clock just before) to the
 * moment the page recorded its ready signal (`__bench.readyAt`, set by
 * `__bench.markReady` in the subject's own ready callback), from a trace of a page view of its
 * own (tracing adds a little to every task, so the untraced rows stay in measureLoad). The bench
 * waits for the console line markReady writes, so none of its own calls run in the window but
 * the one that injects the snippet. `own` is the same for the tasks that ran the subject's own
 * script (OWN_SCRIPTS), `clockErrorMs` the most the window's ends can be off by in the trace.
 */
export async function measureReady(browser, server, subject, { rate, key }) {
  const context = await newContext(browser);
  try {
    const page = await context.newPage();
    await page.goto(`${server.origin}/host/`);
    const cdp = await instrument(context, page, rate);
    const trace = await startTrace(page, cdp, TASKS_ONLY);
    await sleep(300);
    const { injected, readyAt } = await injectUntilReady(
      page,
      subject,
      { origin: server.origin, key },
      READY_MS,
    );
    const main = await trace.stop();
    const span = phase(main, afterTaskAt(main, injected), readyAt, OWN_SCRIPTS[subject.id]);
    return {
      task: span.ms,
      cpu: span.cpu,
      tasks: span.tasks,
      readyMs: readyAt - injected,
      clockErrorMs: main.clockErrorMs,
      ...(span.own ? { own: span.own } : {}),
    };
  } finally {
    await context.close();
  }
}

/**
 * One pair for the subject's own load + init: the subject and `floor` (the empty script loaded
 * the same way), each on a traced page view of its own (measureReady), `floorFirst` saying which
 * goes first so that alternating pairs cancel a drift of the machine.
 */
export async function measureReadyPair(browser, server, subject, floor, { rate, key, floorFirst }) {
  const order = floorFirst ? [floor, subject] : [subject, floor];
  const views = {};
  for (const s of order) {
    views[s.id] = await measureReady(browser, server, s, { rate, key: `${key}-${s.id}` });
  }
  return { subject: views[subject.id], floor: views[floor.id], floorFirst };
}

/** Injects the subject into a fresh page view of the host page and waits until it is ready. */
async function readyPage(context, server, subject, { rate, key, settleMs }) {
  const page = await context.newPage();
  const code = recordCode(page);
  await page.goto(`${server.origin}/host/`);
  const cdp = await instrument(context, page, rate);
  await subject.inject(page, { origin: server.origin, key });
  await waitReady(page, READY_MS);
  await sleep(settleMs);
  return { page, code, cdp };
}

async function paintOnce(page, cdp, subject, timeoutMs = 20_000) {
  const before = await mainThread(cdp);
  const t = await page.evaluate(pageTriggerAndWaitPainted, {
    kind: subject.id,
    question: QUESTION,
    timeoutMs,
  });
  const after = await mainThread(cdp);
  const tasks = await longTasks(page, t.t0, t.painted);
  return {
    ms: t.painted - t.t0,
    drawnMs: t.drawn - t.t0,
    longTasks: tasks.length,
    styles: after.styles - before.styles,
    layouts: after.layouts - before.layouts,
  };
}

/**
 * Trigger to prompt painted: first with nothing of the prompt's code in the HTTP cache (a new
 * context), then on a second page view in the same context (the code cached), each with its own
 * storage key so frequency rules do not hold the second prompt back. No route here: it would
 * turn the HTTP cache off (the proxy guard still keeps requests on loopback).
 */
export async function measurePaint(browser, server, subject, { rate, key, settleMs }) {
  const context = await newContext(browser, { route: false });
  try {
    const first = await readyPage(context, server, subject, { rate, key: `${key}a`, settleMs });
    const cold = await paintOnce(first.page, first.cdp, subject);
    await sleep(300);
    const bytes = sum(await first.code.files());
    await first.page.close();
    const second = await readyPage(context, server, subject, { rate, key: `${key}b`, settleMs });
    const cached = await paintOnce(second.page, second.cdp, subject);
    return { cold, cached, bytes };
  } finally {
    await context.close();
  }
}

/** Longest wait for an idle moment before Touchpoint fetches ahead anyway (src/core/prefetch.ts). */
const IDLE_TIMEOUT_MS = 3000;
/** How long the no-survey-armed page view is watched after ready: past any fetch at idle. */
export const UNARMED_SETTLE_MS = IDLE_TIMEOUT_MS + 500;

/**
 * The code a page view downloads when no survey is armed on it: Touchpoint with a config whose
 * only survey has a URL rule the host page does not match, its downloads recorded until
 * `settleMs` after ready (past the longest wait for idle, when an armed survey's code would be
 * fetched). `files` lists them, so the JSON shows that nothing but the core came.
 */
export async function measureUnarmed(browser, server, subject, { key, settleMs }) {
  const context = await newContext(browser);
  try {
    const page = await context.newPage();
    const code = recordCode(page);
    await page.goto(`${server.origin}/host/`);
    await subject.inject(page, { origin: server.origin, key, nothingArmed: true });
    await waitReady(page, READY_MS);
    await sleep(settleMs);
    return { bytes: sum(await code.files()) };
  } finally {
    await context.close();
  }
}

/**
 * After the prompt painted with parts refused: picks 8 and submits; `answered` is 1 when
 * Touchpoint's `answered` event (the answer durable in IndexedDB) came within `ms`, `thanked` 1
 * when the thank-you was shown (not a figure of the row: what the prompt still does without them).
 */
async function answerWithout(page, ms) {
  const answered = page.evaluate(
    (ms) =>
      new Promise((resolve) => {
        const off = window.touchpoint.on("answered", () => {
          off();
          resolve(1);
        });
        setTimeout(() => resolve(0), ms);
      }),
    ms,
  );
  try {
    await page.getByRole("radio", { name: "8", exact: true }).check({ timeout: ms });
    await page.getByRole("button", { name: "Submit" }).click({ timeout: ms });
  } catch (error) {
    return { answered: 0, answerFailure: error.message.split("\n")[0] };
  }
  const thanked = await page
    .getByText("Thank you for your feedback!")
    .waitFor({ timeout: ms })
    .then(
      () => 1,
      () => 0,
    );
  return { answered: await answered, thanked };
}

/**
 * What a first prompt needs, proven: a cold paint run (fresh context, trigger `settleMs` after
 * ready, the visible-paint check of the other paint runs) in which every request for a file of
 * dist/ but the core (`touchpoint.js`) and the file(s) chunks.json names for the engine and the
 * UI is refused (the sending and steps parts, and any other part). The bytes are those received
 * in this run; `painted` says whether the question was painted within `timeoutMs`, and `refused`,
 * `pageErrors` (uncaught in the host page) and `errors` (Touchpoint's `error` event) say what
 * happened around it. Route turns the HTTP cache off, which a first, cold view does not use.
 */
export async function measurePromptNeeds(
  browser,
  server,
  subject,
  { rate, key, settleMs, timeoutMs = 5000 },
) {
  const context = await newContext(browser);
  const kept = new Set(["touchpoint.js", server.chunks.engine, server.chunks.ui]);
  const refused = [];
  await context.route(
    (url) => url.origin === server.origin && url.pathname.startsWith("/dist/"),
    (route) => {
      const file = new URL(route.request().url()).pathname.slice("/dist/".length);
      if (kept.has(file)) return route.fallback();
      refused.push(file);
      return route.abort("blockedbyclient");
    },
  );
  const pageErrors = [];
  context.on("page", (page) =>
    page.on("pageerror", (error) => pageErrors.push(error.message.split("\n")[0])),
  );
  try {
    const { page, code, cdp } = await readyPage(context, server, subject, { rate, key, settleMs });
    let paint;
    let failure;
    try {
      paint = await paintOnce(page, cdp, subject, timeoutMs);
    } catch (error) {
      failure = error instanceof Error ? error.message.split("\n")[0] : String(error);
    }
    await sleep(300);
    const bytes = sum(await code.files());
    const after = paint ? await answerWithout(page, timeoutMs) : {};
    const errors = await page.evaluate(() => window.__bench.errors ?? []);
    return {
      painted: paint ? 1 : 0,
      ...(paint ? { ms: paint.ms } : { failure }),
      ...after,
      bytes,
      refused: [...new Set(refused)],
      pageErrors,
      errors,
    };
  } finally {
    await context.close();
  }
}

/**
 * Answer to durable: show the NPS prompt, pick a score, click Submit; time from the click (seen
 * in the page) to Touchpoint's `answered` event, which fires once the IndexedDB write committed.
 */
export async function measureAnswers(browser, server, subject, { count, key }) {
  const context = await newContext(browser);
  try {
    const { page } = await readyPage(context, server, subject, { rate: 1, key, settleMs: 200 });
    const samples = [];
    for (let i = 0; i < count; i++) {
      const shown = await page.evaluate(() => window.touchpoint.show("nps-order"));
      if (!shown) throw new Error(`answer ${i}: show() resolved false`);
      await page.getByRole("radio", { name: String(i % 11), exact: true }).check();
      await page.evaluate(() => {
        const b = window.__bench;
        b.clicked = undefined;
        window.addEventListener(
          "click",
          () => {
            b.clicked = performance.now();
          },
          { capture: true, once: true },
        );
        b.answered = new Promise((resolve) => {
          const off = window.touchpoint.on("answered", () => {
            off();
            resolve(performance.now());
          });
        });
      });
      await page.getByRole("button", { name: "Submit" }).click();
      const ms = await page.evaluate(
        async () => (await window.__bench.answered) - window.__bench.clicked,
      );
      samples.push(ms);
      await page.getByRole("button", { name: "Close" }).click();
      await page.waitForFunction(() => !document.querySelector("touchpoint-prompt"));
    }
    return samples;
  } finally {
    await context.close();
  }
}

/**
 * 1,000 queued events delivered after coming online: the page is ready and its engine loaded,
 * the context goes offline, 1,000 queue items are written straight into the store Touchpoint
 * uses (db `touchpoint:<siteKey>`, store `kv`, keys `q:<id>`), then the context goes online and
 * the clock runs until the collector holds all 1,000 distinct ids.
 */
export async function measureQueue(browser, server, subject, { count, key }) {
  const context = await newContext(browser);
  try {
    const { page } = await readyPage(context, server, subject, { rate: 1, key, settleMs: 200 });
    await page.evaluate(() => window.touchpoint.flush());
    await context.setOffline(true);
    await page.evaluate(
      ({ count, siteKey, url }) =>
        new Promise((resolve, reject) => {
          const open = indexedDB.open(`touchpoint:${siteKey}`);
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const tx = db.transaction("kv", "readwrite");
            const store = tx.objectStore("kv");
            const start = Date.now() - 60_000;
            for (let i = 0; i < count; i++) {
              const id = crypto.randomUUID();
              const event = {
                id,
                kind: i % 3 ? "impression" : "answer",
                siteKey,
                surveyId: "nps-order",
                surveyType: "nps",
                touchpoint: "order_confirmation",
                variant: "control",
                ...(i % 3 ? {} : { score: i % 11 }),
                createdAt: new Date(start + i).toISOString(),
                visitorId: "bench-visitor",
                sessionId: "bench-session",
                url,
                locale: "en",
                sdkVersion: "bench",
              };
              store.put({ event, rev: i + 1 }, `q:${id}`);
            }
            tx.oncomplete = () => {
              db.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
        }),
      { count, siteKey: key, url: `${server.origin}/host/` },
    );
    server.resetCollector();
    const started = performance.now();
    await context.setOffline(false);
    await server.waitForIds(count, 60_000);
    const ms = performance.now() - started;
    return { ms, requests: server.counts.collector, delivered: server.distinctIds };
  } finally {
    await context.close();
  }
}

/**
 * JS heap after 1 and after 1,000 SPA navigations (history.pushState + a popstate event), with
 * the subject's surveys armed (one on an event, one on /help/ pages, which are never visited).
 */
export async function measureSpaMemory(browser, server, subject, { navigations, key }) {
  const context = await newContext(browser);
  try {
    const { page, cdp } = await readyPage(context, server, subject, {
      rate: 1,
      key,
      settleMs: 1000,
    });
    const navigate = (from, to) =>
      page.evaluate(
        async ({ from, to }) => {
          for (let i = from; i < to; i++) {
            history.pushState({ i }, "", `/host/product/${i}`);
            dispatchEvent(new PopStateEvent("popstate", { state: { i } }));
            if (i % 20 === 19) await new Promise((r) => setTimeout(r, 0));
          }
        },
        { from, to },
      );
    await navigate(0, 1);
    await sleep(500);
    const afterOne = await heapAfterGc(cdp);
    await navigate(1, navigations);
    await sleep(1000);
    const afterAll = await heapAfterGc(cdp);
    return { afterOne, afterAll, growth: afterAll - afterOne };
  } finally {
    await context.close();
  }
}

/**
 * The visitor on a train: the page is ready (and, for Touchpoint, its chunks fetched at idle),
 * then the network drops before the trigger. Records whether the prompt was painted within 5 s;
 * for Touchpoint, answers offline, goes back online and counts the answer events the collector
 * receives (duplicates included) within 30 s, and once more a second later.
 */
export async function measureOffline(browser, server, subject, { key, settleMs }) {
  const context = await newContext(browser);
  try {
    const { page } = await readyPage(context, server, subject, { rate: 1, key, settleMs });
    server.resetCollector();
    await context.setOffline(true);
    const shown = await page
      .evaluate(pageTriggerAndWaitPainted, {
        kind: subject.id,
        question: QUESTION,
        timeoutMs: 5000,
      })
      .then(
        () => 1,
        () => 0,
      );
    if (subject.id !== "touchpoint" || !shown) return { shown };
    await page.getByRole("radio", { name: "8", exact: true }).check();
    await page.getByRole("button", { name: "Submit" }).click();
    await page.getByText("Thank you for your feedback!").waitFor();
    const whileOffline = server.answers.received;
    const back = performance.now();
    await context.setOffline(false);
    // The impression and the answer.
    await server.waitForIds(2, 30_000);
    const deliveredMs = performance.now() - back;
    await sleep(1000);
    return { shown, whileOffline, deliveredMs, ...server.answers };
  } finally {
    await context.close();
  }
}
