import { problem } from "./config/checks";
import type { SurveyConfig, TouchpointConfig } from "./config/types";
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
import { matchesUrl } from "./journey/url";
import type { Verdict } from "./targeting/eligibility";

/** Events you can listen to with `on()`. */
export interface TouchpointEvents {
  /** Config loaded and valid; lists its surveys. */
  ready: { surveys: string[] };
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
/** localStorage hint, set by the engine, that events wait to be sent: load the engine early. */
const pendingKey = (siteKey: string) => `touchpoint:${siteKey}:pending`;
const describeError = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The core, on every page view: the API, the config, and the decision to load the engine chunk,
 * which happens only when a survey is signalled or armed on this page, or events wait to be sent.
 * Pages where nothing is armed never open IndexedDB.
 */
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
  let consented = true;
  let user: Pick<Identity, "userId" | "traits"> = { traits: {} };
  let engine: Promise<Engine | undefined> | undefined;
  let engineLoaded: Engine | undefined;
  const early: Array<() => void> = [];

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
          user: () => user,
          uuid,
          emit: emitter.emit,
          report,
          log,
          consented,
          page,
          pendingKey: pendingKey(c.siteKey),
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

  const withEngine = (task: (e: Engine) => unknown) =>
    void loadEngine().then((e) => e && guard("engine", () => task(e)));

  function page(survey: SurveyConfig): Verdict {
    const ok = matchesUrl(survey.trigger.url, w.location);
    const patterns = JSON.stringify(survey.trigger.url ?? "*");
    return {
      rule: "page",
      ok,
      detail: `${w.location.pathname} ${ok ? "matches" : "does not match"} ${patterns}`,
    };
  }

  /** Hands the surveys armed for a signal on this page to the engine, which decides if they show. */
  function signal(
    name: string,
    matches: (trigger: ResolvedConfig["surveys"][number]["trigger"]) => boolean,
  ) {
    const armed = (config?.surveys ?? []).filter((s) => {
      if (!matches(s.trigger)) return false;
      const verdict = page(s);
      if (!verdict.ok) log(`${s.id} on ${name}: not shown, page: ${verdict.detail}`);
      return verdict.ok;
    });
    if (armed.length) {
      withEngine((e) => {
        for (const s of armed) e.consider(s, name);
      });
    }
  }

  function eventsWaiting(siteKey: string): boolean {
    try {
      return w.localStorage.getItem(pendingKey(siteKey)) !== null;
    } catch {
      return true; // cannot tell: let the engine look
    }
  }

  async function start(inline: TouchpointConfig): Promise<void> {
    const loaded = await loadRemoteConfig(inline, env.fetch, w.location.href, env.setTimeout);
    if (state !== "starting") return;
    config = resolveConfig(loaded, w.location.href);
    debug ||= config.debug === true;
    locale = resolveLocale(config, w);
    consented = !config.requireConsent;
    state = "ready";
    log(`ready: ${config.surveys.length} survey(s), locale ${locale}`);
    emitter.emit("ready", { surveys: config.surveys.map((s) => s.id) });
    if (eventsWaiting(config.siteKey)) withEngine((e) => e.flush());
    signal("pageview", (t) => t.on === "pageview");
    for (const call of early.splice(0)) call();
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
        user = { userId, traits: { ...user.traits, ...traits } };
      });
    },
    show(surveyId) {
      if (typeof surveyId !== "string")
        return Promise.resolve(misuse("show", "a survey id", surveyId) ?? false);
      return afterStart(false, async () => {
        const survey = config?.surveys.find((s) => s.id === surveyId);
        if (!survey) return misuse("show", "the id of a configured survey", surveyId) ?? false;
        const e = await loadEngine();
        return e ? e.display(survey, true) : false;
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
        return (config?.surveys ?? [])
          .filter((s) => surveyId === undefined || s.id === surveyId)
          .map((s) => e?.explain(s) ?? { surveyId: s.id, eligible: false, verdicts: inactive });
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
        engineLoaded?.stop();
        emitter.clear();
        early.length = 0;
      });
    },
  };
}
