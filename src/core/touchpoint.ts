import type { TouchpointApi, TouchpointEvents } from "../api";
import { problem } from "../config/checks";
import { validateStart } from "../config/startup";
import type { SurveyConfig, TouchpointConfig } from "../config/types";
import type { CoreConfig, Engine, Environment, User } from "../engine/types";
import { ConfigError, errorMessage } from "../errors";
import { countPageView, firedWithin, journeyKey, pendingKey } from "../journey/journey";
import { watchNavigation } from "../journey/navigation";
import { pageDetail } from "../journey/page-detail";
import { matchesUrl } from "../journey/url";
import { matches } from "../targeting/match";
import { loadRemoteConfig } from "./config";
import { createEmitter } from "./emitter";
import { whenIdle } from "./prefetch";

/** Calls kept while starting; more are counted and reported once, not one message each. */
const MAX_EARLY_CALLS = 100;
const PREFIX = "[touchpoint]";
/**
 * The events of a page hidden or left, which settle the chores of a page view left before its
 * first idle moment (its count). `visibilitychange` also fires when a page loaded in a
 * background tab is first shown: the chores then run at that moment instead of at idle. `visibilitychange` is the last event mobile browsers reliably
 * fire; `pagehide` covers those that fire none when a page is left (Safari before 14.1). The
 * chores run once: a later idle moment, or a page restored from the back/forward cache (no new
 * page view) and hidden again, counts nothing more.
 */
const LEFT = ["visibilitychange", "pagehide"];

/**
 * The core, on every page view: the API, the config, and the decision to load the engine chunk,
 * which happens only when a survey is signalled or armed on this page, or events wait to be sent.
 * Pages where nothing is armed never open IndexedDB.
 */
export function createTouchpoint(env: Environment): TouchpointApi {
  const w = env.window;
  // A throwing "error" listener is only logged, so it cannot loop.
  const emitter = createEmitter<TouchpointEvents>((error, event) =>
    report(`an "${event}" listener threw: ${errorMessage(error)}`, event === "error"),
  );
  let state: "idle" | "starting" | "ready" | "inert" | "destroyed" = "idle";
  let config: CoreConfig | undefined;
  /** The page's URL at start, which a relative collector URL is resolved against. */
  let base = "";
  let rawConfig: TouchpointConfig | undefined;
  let debug = false;
  let consented = true;
  let user: User = { traits: {} };
  let engine: Promise<Engine | undefined> | undefined;
  let engineLoaded: Engine | undefined;
  const early: Array<() => void> = [];
  let dropped = 0;
  let stopNavigation: (() => void) | undefined;
  /**
   * Web storage work of page views (counting them, looking for waiting events), kept off the
   * load path: the first touch of localStorage and sessionStorage costs a page several ms. Done
   * at the first idle moment, or before the engine starts, which reads what they write.
   */
  let chores: Array<() => void> | undefined = [];
  let href = "";
  let prefetched = false;

  /** The one `error` channel: a console line and the event, which carries the error itself. */
  function report(error: unknown, logOnly?: boolean): void {
    const e = error instanceof Error ? error : Error(String(error));
    env.console.error(`${PREFIX} ${e.message}`);
    if (!logOnly) emitter.emit("error", e);
  }

  /** Reports a wrong API argument: `track: expected an event name, got 42`. */
  function misuse(method: string, expected: string, value: unknown): void {
    report(problem(method, expected, value).message);
  }

  function log(message: string): void {
    if (debug) env.console.info(`${PREFIX} ${message}`);
  }

  function guard<T>(what: string, fn: () => T): T | undefined {
    try {
      return fn();
    } catch (error) {
      report(`${what} failed: ${errorMessage(error)}`);
    }
  }

  /** Runs now when ready, or once ready (bounded), so calls made during start-up are kept. */
  function whenReady(what: string, task: () => void): void {
    if (state === "ready") guard(what, task);
    else if (state === "inert" || state === "destroyed")
      log(`${what} ignored: Touchpoint is ${state}`);
    else if (early.length < MAX_EARLY_CALLS) early.push(() => guard(what, task));
    else dropped++;
  }

  /** Start-up is over: one message for every call dropped meanwhile. */
  function reportDropped(): void {
    if (dropped)
      report(`${dropped} calls dropped while starting (at most ${MAX_EARLY_CALLS} are kept)`);
    dropped = 0;
  }

  /** Resolves `task` once start-up is over, or `fallback` when Touchpoint is inactive. */
  function afterStart<T>(fallback: T, task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve) => {
      if (state === "inert" || state === "destroyed") return resolve(fallback);
      whenReady(
        "call",
        () => void task().then(resolve, (error) => resolve(report(error) ?? fallback)),
      );
    });
  }

  const chore = (task: () => void) => (chores ? chores.push(task) : task());
  function settle(): void {
    const tasks = chores;
    if (!tasks) return;
    chores = undefined;
    for (const type of LEFT) w.removeEventListener(type, settle);
    for (const task of tasks) guard("idle", task);
  }

  /** Loads the engine chunk once, on first need. */
  function loadEngine(): Promise<Engine | undefined> {
    const c = config;
    if (!c || state !== "ready") return Promise.resolve(undefined);
    settle();
    engine ??= env
      .loadChunk("engine", c.chunksUrl)
      .then((m) =>
        m.createEngine({
          env,
          config: c,
          base,
          raw: rawConfig as TouchpointConfig,
          debug,
          user: () => user,
          emit: emitter.emit,
          report,
          log,
          consented,
          page: onPage,
          durable: () => consented,
          match: matches,
        }),
      )
      .then(
        (e) => {
          if (state === "destroyed") {
            e.stop();
            return undefined;
          }
          engineLoaded = e;
          return e;
        },
        (error) => {
          if (Array.isArray(error)) {
            // The full check found what the start-up check does not look at: stay inactive.
            state = "inert";
            stopNavigation?.();
            report(new ConfigError(error));
          } else {
            engine = undefined;
            report(`could not load the engine chunk: ${errorMessage(error)}`);
          }
          return undefined;
        },
      );
    return engine;
  }

  const withEngine = (task: (e: Engine) => unknown) =>
    void loadEngine().then((e) => e && guard("engine", () => task(e)));

  const onPage = (survey: SurveyConfig) => matchesUrl(survey.trigger.url, w.location);

  /**
   * Debug mode: why a survey is left out on this page, in explain()'s words. Runs on every route
   * change, so the worded verdict is built only when debug mode prints it. Always false.
   */
  function offPage(survey: SurveyConfig, what: string): false {
    if (debug)
      log(
        `${survey.id} ${what}, page: ${pageDetail(w.location, "does not match", survey.trigger.url, env.stringify)}`,
      );
    return false;
  }

  /**
   * A page view (the first, or a single-page-app route change): counts it, then arms the surveys
   * whose URL rules match. Page signals (scroll, click…) load the engine to watch them; nothing
   * armed, nothing loaded.
   */
  function pageView(): void {
    if (w.location.href === href) return;
    const routeChanged = href !== "";
    href = w.location.href;
    const key = journeyKey(config?.siteKey);
    // Counted as it is now (its time, consent), whenever the chore runs.
    chore(countPageView.bind(null, w, key, env.now(), consented));
    const surveys = config?.surveys ?? [];
    const steps = surveys.map((s) => s.trigger.sequence?.after);
    const armed = surveys.filter((s) => {
      if (s.trigger.on === "manual" || (s.enabled === false && !steps.includes(s.id))) return false;
      return onPage(s) || offPage(s, "not armed");
    });
    if (armed.length && !prefetched) {
      prefetched = true;
      // Once idle, the engine starts (it opens IndexedDB and reads the visitor and the frequency
      // ledger the decision needs) and the UI chunk is fetched without running, so a trigger
      // finds both ready, also offline. Not when the visitor asks to save data: the chunks then
      // load when a survey triggers, and a trigger while offline shows nothing.
      // Asked from the chores' idle task on a first page view: one idle callback asked at a
      // time, and none more on the load path (a page's first costs it a fair share of init).
      chore(() =>
        whenIdle(env, () => {
          // No navigator: a window already torn down (a test's, or a closed frame's).
          const nav = w.navigator as (Navigator & { connection?: { saveData?: boolean } }) | null;
          if (nav?.connection?.saveData) return log("save-data: nothing fetched ahead");
          void loadEngine();
          env.prefetchChunk?.("ui", config?.chunksUrl);
        }),
      );
    }
    const on = (...signals: string[]) => armed.filter((s) => signals.includes(s.trigger.on));
    const watched = on("click", "visible", "scroll", "dwell", "idle", "exit");
    if (watched.length || engine) withEngine((e) => e.page(watched, routeChanged));
    const viewed = on("pageview");
    if (viewed.length) withEngine((e) => e.consider(viewed, "pageview"));
    // Events of an earlier page (scope "session" or "ever") arm their surveys on later pages.
    const earlier = on("event").filter((s) => firedWithin(w, key, s.id, s.trigger.scope));
    if (earlier.length) withEngine((e) => e.consider(earlier, "an earlier event", false));
  }

  /** A `track()` event: the surveys it may trigger here (or remember, with a scope) go to the engine. */
  function signal(name: string, props: Record<string, unknown>): void {
    const hits = (config?.surveys ?? []).filter((s) => {
      const t = s.trigger;
      if (t.on !== "event" || t.event !== name) return false;
      // A scoped event is remembered for later pages even when this one does not match.
      return (
        onPage(s) ||
        (t.scope !== undefined && t.scope !== "now") ||
        offPage(s, `on event "${name}": not shown`)
      );
    });
    // A loaded engine also hears events that only cancel pending prompts (`cancelOn`).
    if (hits.length || engine) withEngine((e) => e.track(name, props, hits));
  }

  async function start(inline: TouchpointConfig): Promise<void> {
    const loaded = await loadRemoteConfig(inline, env.fetch, report, w);
    if (state !== "starting") return;
    rawConfig = loaded;
    base = w.location.href;
    config = { ...loaded, siteKey: loaded.siteKey ?? "default", surveys: loaded.surveys ?? [] };
    debug ||= config.debug === true;
    consented = !config.requireConsent;
    state = "ready";
    log(`ready: ${config.surveys.length} survey(s)`);
    emitter.emit("ready", { surveys: config.surveys.map((s) => s.id) });
    // Asked first, so it runs in an idle task of its own, before the engine's start at idle.
    whenIdle(env, settle);
    // A page hidden or left before its first idle moment gets its chores all the same.
    for (const type of LEFT) w.addEventListener(type, settle);
    pageView();
    // Route changes are watched from the first idle moment, or before the engine starts, which
    // is what acts on them; one made meanwhile is the page view that catching up counts.
    const onRoute = () => guard("navigation", pageView);
    chore(() => {
      if (state !== "ready") return;
      stopNavigation = watchNavigation(w, onRoute);
      onRoute();
      try {
        if (w.localStorage.getItem(pendingKey((config as CoreConfig).siteKey)) === null) return;
      } catch {
        // Cannot tell: let the engine look.
      }
      withEngine((e) => e.flush());
    });
    for (const call of early.splice(0)) call();
    reportDropped();
  }

  return {
    init(input) {
      guard("init", () => {
        if (state !== "idle") return report(`init ignored: Touchpoint is already ${state}`);
        // Not a regular expression: the first one a page runs costs it a compile.
        const asked = new URLSearchParams(w.location.search).get("touchpoint_debug");
        debug = asked === "1" || asked === "true";
        const problems = validateStart(input);
        if (problems.length) {
          state = "inert";
          return report(new ConfigError(problems));
        }
        state = "starting";
        start(input as TouchpointConfig).catch((error: unknown) => {
          if (state === "destroyed") return;
          state = "inert";
          report(error);
          reportDropped();
        });
      });
    },
    track(name, props) {
      guard("track", () => {
        if (typeof name !== "string" || !name) return misuse("track", "an event name", name);
        if (props !== undefined && (typeof props !== "object" || props === null)) {
          return misuse(`track("${name}") props`, "an object", props);
        }
        whenReady(`track("${name}")`, () => signal(name, props ?? {}));
      });
    },
    identify(userId, traits) {
      guard("identify", () => {
        if (typeof userId !== "string" || !userId) return misuse("identify", "a user id", userId);
        user = { userId, traits: { ...user.traits, ...traits } };
      });
    },
    show(surveyId, options) {
      if (typeof surveyId !== "string")
        return Promise.resolve(misuse("show", "a survey id", surveyId) ?? false);
      return afterStart(false, async () => {
        const survey = config?.surveys.find((s) => s.id === surveyId);
        if (!survey) return misuse("show", "the id of a configured survey", surveyId) ?? false;
        const e = await loadEngine();
        return e ? e.display(survey, true, options) : false;
      });
    },
    on(event, listener) {
      return guard("on", () => emitter.on(event, listener)) ?? (() => undefined);
    },
    off(event, listener) {
      guard("off", () => emitter.off(event, listener));
    },
    flush() {
      return afterStart(undefined, async () => (await loadEngine())?.flush());
    },
    consent(granted) {
      guard("consent", () => {
        if (typeof granted !== "boolean") return misuse("consent", "true or false", granted);
        log(`consent ${granted ? "granted" : "withheld"}`);
        consented = granted;
        whenReady("consent", () => engine && withEngine((e) => e.consent(granted)));
      });
    },
    explain(surveyId) {
      const inactive = [{ rule: "state", ok: false, detail: `Touchpoint is ${state}` }];
      return afterStart([], async () => {
        const e = await loadEngine();
        const surveys = (config?.surveys ?? []).filter(
          (s) => surveyId === undefined || s.id === surveyId,
        );
        return e
          ? e.explain(surveys)
          : surveys.map((s) => ({ surveyId: s.id, eligible: false, verdicts: inactive }));
      });
    },
    reset() {
      guard("reset", () => {
        user = { traits: {} };
        whenReady("reset", () => withEngine((e) => e.reset()));
      });
    },
    destroy() {
      guard("destroy", () => {
        state = "destroyed";
        stopNavigation?.();
        engineLoaded?.stop();
        emitter.clear();
        early.length = 0;
      });
    },
  };
}
