import { problem } from "./config/checks";
import type { TouchpointConfig } from "./config/types";
import { validate } from "./config/validate";
import {
  loadRemoteConfig,
  problemsMessage,
  type ResolvedConfig,
  resolveConfig,
  resolveLocale,
} from "./core/config";
import { createEmitter } from "./core/emitter";
import type { Environment } from "./core/env";
import {
  type Identity,
  loadIdentity,
  newIdentity,
  sessionValue,
  setSessionValue,
} from "./core/identity";
import type { AnsweredPayload, PromptEventPayload } from "./core/prompt";
import { uuid } from "./core/uuid";
import type { Engine } from "./engine/engine";
import { memoryStore, openStore, type Store } from "./outbox/store";
import type { Verdict } from "./targeting/eligibility";

/** Events you can listen to with `on()`. */
export interface TouchpointEvents {
  /** Config loaded and storage open; lists the armed surveys. */
  ready: { surveys: string[]; storage: "indexeddb" | "memory" };
  /** A prompt is on screen. */
  shown: PromptEventPayload;
  /** The visitor answered (and again if they add a comment); the answer is durable. */
  answered: AnsweredPayload;
  /** The visitor closed the prompt without answering. */
  dismissed: PromptEventPayload;
  /** The collector acknowledged these events. */
  sent: { count: number; ids: string[] };
  /** Something went wrong; Touchpoint carries on or stays inactive, and says which. */
  error: { message: string };
}

/** Why a survey would or would not show now. */
export interface Explanation {
  surveyId: string;
  eligible: boolean;
  verdicts: Verdict[];
}

/** The Touchpoint API, the same on `window.touchpoint` and as ESM named exports. */
export interface TouchpointApi {
  /** Starts Touchpoint with a config (validated first; a bad config leaves it inactive). */
  init(config: TouchpointConfig): void;
  /** Sends a custom journey event; surveys triggered `on: "event"` with this name may show. */
  track(name: string, props?: Record<string, unknown>): void;
  /** Names the signed-in user; the id travels with events as `userId`. */
  identify(userId: string, traits?: Record<string, unknown>): void;
  /** Shows a survey now, skipping its trigger and frequency rules. Resolves to whether it showed. */
  show(surveyId: string): Promise<boolean>;
  /** Listens to an event; returns a function that stops listening. */
  on<K extends keyof TouchpointEvents>(
    event: K,
    listener: (payload: TouchpointEvents[K]) => void,
  ): () => void;
  off<K extends keyof TouchpointEvents>(
    event: K,
    listener: (payload: TouchpointEvents[K]) => void,
  ): void;
  /** Sends queued events now; resolves when this attempt is over. */
  flush(): Promise<void>;
  /** Grants or withholds consent to store and send (see `requireConsent`). */
  consent(granted: boolean): void;
  /** Why each survey (or the one named) would or would not show now. */
  explain(surveyId?: string): Promise<Explanation[]>;
  /** Forgets the visitor: new anonymous id, no user id, cleared frequency history. */
  reset(): void;
  /** Removes every listener, timer and element Touchpoint added. Queued events stay stored. */
  destroy(): void;
}

const MAX_EARLY_CALLS = 100;
const PREFIX = "[touchpoint]";
const describeError = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function createTouchpoint(env: Environment): TouchpointApi {
  const w = env.window;
  const emitter = createEmitter<TouchpointEvents>((error, event) => {
    const message = `an "${String(event)}" listener threw: ${describeError(error)}`;
    // A throwing "error" listener is only logged, so it cannot loop.
    if (event === "error") env.console.error(`${PREFIX} ${message}`);
    else report(message);
  });
  let state: "idle" | "starting" | "ready" | "inert" | "destroyed" = "idle";
  let config: ResolvedConfig | undefined;
  let debug = false;
  let locale = "en";
  let store: Store = memoryStore();
  let consentGiven = true;
  let identity: Identity = { visitorId: "", sessionId: "", traits: {} };
  let engine: Promise<Engine | undefined> | undefined;
  let engineLoaded: Engine | undefined;
  const early: Array<() => void> = [];
  const cleanups: Array<() => void> = [];
  const timers = new Set<number>();

  function report(message: string): void {
    env.console.error(`${PREFIX} ${message}`);
    emitter.emit("error", { message });
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
      report(`${what} failed: ${describeError(error)}`);
      return undefined;
    }
  }

  function listen(target: EventTarget, type: string, handler: () => void): void {
    const safe = () => guard(`${type} handler`, handler);
    target.addEventListener(type, safe, { passive: true });
    cleanups.push(() => target.removeEventListener(type, safe));
  }

  function later(ms: number, task: () => void): void {
    const id = env.setTimeout(() => {
      timers.delete(id);
      guard("timer", task);
    }, ms);
    timers.add(id);
  }

  /** Runs now when ready, or once ready (bounded), so calls made during start-up are kept. */
  function whenReady(what: string, task: () => void): void {
    if (state === "ready") guard(what, task);
    else if (state === "inert" || state === "destroyed")
      log(`${what} ignored: Touchpoint is ${state}`);
    else if (early.length < MAX_EARLY_CALLS) early.push(() => guard(what, task));
    else report(`${what} dropped: more than ${MAX_EARLY_CALLS} calls before init finished`);
  }

  /** Resolves `task` once start-up is over, or `fallback` when Touchpoint is inactive. */
  function afterStart<T>(fallback: T, task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve) => {
      if (state === "inert" || state === "destroyed") return resolve(fallback);
      whenReady(
        "call",
        () =>
          void task().then(resolve, (error) => resolve(report(describeError(error)) ?? fallback)),
      );
    });
  }

  const shownKey = () => `touchpoint:${config?.siteKey}:shown`;
  const sessionShown = () => Number(sessionValue(w, shownKey()) ?? 0);

  /** Loads the engine chunk once, on first need. */
  function loadEngine(): Promise<Engine | undefined> {
    const c = config;
    if (!c || state !== "ready") return Promise.resolve(undefined);
    engine ??= env
      .loadChunk("engine", c.chunksUrl)
      .then((m) =>
        m.createEngine({
          env,
          config: c,
          locale,
          store: () => store,
          fallBackToMemory: (reason) => {
            report(`${reason}; keeping events in memory for this page`);
            store = memoryStore();
            return store;
          },
          identity: () => identity,
          uuid,
          emit: emitter.emit,
          report,
          log,
          later,
          mayDeliver: () => consentGiven,
          sessionShown,
          countSessionShown: () => setSessionValue(w, shownKey(), String(sessionShown() + 1)),
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
          engine = undefined;
          report(`could not load the engine chunk: ${describeError(error)}`);
          return undefined;
        },
      );
    return engine;
  }

  const withEngine = (task: (e: Engine) => void) =>
    void loadEngine().then((e) => e && guard("engine", () => task(e)));

  async function openDurableStore(): Promise<void> {
    if (!config || store.kind === "indexeddb") return;
    const opened = await openStore(config.siteKey, env.indexedDB, env.setTimeout);
    const previous = store;
    store = opened.store;
    if (opened.problem) report(`${opened.problem}; answers are kept in memory for this page only`);
    const held = await previous.list<{ event: { id: string } }>("q:");
    for (const item of held) await store.set(`q:${item.event.id}`, item);
  }

  async function start(inline: TouchpointConfig): Promise<void> {
    const loaded = await loadRemoteConfig(inline, env.fetch, w.location.href, env.setTimeout);
    config = resolveConfig(loaded, w.location.href);
    debug ||= config.debug === true;
    locale = resolveLocale(config, w);
    consentGiven = !config.requireConsent;
    if (consentGiven) await openDurableStore();
    identity = await loadIdentity(store, w, config.siteKey);
    const pending = (await store.list("q:")).length;
    if (state !== "starting") return;
    state = "ready";
    const flush = (keepalive: boolean) => engine && withEngine((e) => void e.flush({ keepalive }));
    listen(w, "online", () => flush(false));
    listen(w, "pagehide", () => flush(true));
    listen(
      w.document,
      "visibilitychange",
      () => w.document.visibilityState === "hidden" && flush(true),
    );
    log(
      `ready: ${config.surveys.length} survey(s), storage ${store.kind}, locale ${locale}, ${pending} event(s) queued`,
    );
    emitter.emit("ready", { surveys: config.surveys.map((s) => s.id), storage: store.kind });
    if (pending) withEngine((e) => void e.flush());
    signal("pageview", (t) => t.on === "pageview");
    for (const call of early.splice(0)) call();
  }

  /** Hands the surveys armed for a signal to the engine, which decides if they show. */
  function signal(
    name: string,
    matches: (trigger: ResolvedConfig["surveys"][number]["trigger"]) => boolean,
  ) {
    const armed = (config?.surveys ?? []).filter((s) => matches(s.trigger));
    if (armed.length)
      withEngine((e) => {
        for (const s of armed) e.consider(s, name);
      });
  }

  return {
    init(input) {
      guard("init", () => {
        if (state !== "idle") return report(`init ignored: Touchpoint is already ${state}`);
        debug = /[?&]touchpoint_debug=(1|true)\b/.test(w.location.search);
        const problems = validate(input);
        if (problems.length) {
          state = "inert";
          return report(problemsMessage(problems.map((p) => p.message)));
        }
        state = "starting";
        start(input as TouchpointConfig).catch((error: unknown) => {
          if (state === "destroyed") return;
          state = "inert";
          report(describeError(error));
        });
      });
    },
    track(name, props) {
      guard("track", () => {
        if (typeof name !== "string" || !name) return misuse("track", "an event name", name);
        if (props !== undefined && (typeof props !== "object" || props === null)) {
          return misuse(`track("${name}") props`, "an object", props);
        }
        whenReady(`track("${name}")`, () =>
          signal(`event "${name}"`, (t) => t.on === "event" && t.event === name),
        );
      });
    },
    identify(userId, traits) {
      guard("identify", () => {
        if (typeof userId !== "string" || !userId) return misuse("identify", "a user id", userId);
        whenReady("identify", () => {
          identity = { ...identity, userId, traits: { ...identity.traits, ...traits } };
        });
      });
    },
    show(surveyId) {
      return new Promise((resolve) => {
        const fail = (message: string) => resolve(report(message) ?? false);
        guard("show", () => {
          if (typeof surveyId !== "string")
            return resolve(misuse("show", "a survey id", surveyId) ?? false);
          if (state === "inert" || state === "destroyed") return resolve(false);
          whenReady(`show("${surveyId}")`, () => {
            const survey = config?.surveys.find((s) => s.id === surveyId);
            if (!survey) return fail(`show: no survey with id "${surveyId}"`);
            void loadEngine()
              .then((e) => (e ? e.display(survey, true) : false))
              .then(resolve);
          });
        });
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
        whenReady("consent", () => {
          consentGiven = granted;
          log(`consent ${granted ? "granted" : "withheld"}`);
          if (granted) openDurableStore().then(() => withEngine((e) => void e.flush()), report);
        });
      });
    },
    explain(surveyId) {
      const inactive = [{ rule: "state", ok: false, detail: `Touchpoint is ${state}` }];
      return afterStart([], async () => {
        const e = await loadEngine();
        return (config?.surveys ?? [])
          .filter((s) => surveyId === undefined || s.id === surveyId)
          .map((s) => e?.explain(s) ?? { surveyId: s.id, eligible: false, verdicts: inactive });
      });
    },
    reset() {
      whenReady("reset", () => {
        void store.set("ledger", { surveys: {} });
        withEngine((e) => e.resetLedger());
        newIdentity(store, w, config?.siteKey ?? "default").then((i) => {
          identity = i;
        }, report);
      });
    },
    destroy() {
      guard("destroy", () => {
        state = "destroyed";
        for (const cleanup of cleanups.splice(0)) cleanup();
        for (const id of timers) env.clearTimeout(id);
        timers.clear();
        engineLoaded?.stop();
        emitter.clear();
        early.length = 0;
      });
    },
  };
}
