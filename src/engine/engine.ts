import type { SurveyConfig } from "../config/types";
import type { ResolvedConfig } from "../core/config";
import type { Environment } from "../core/env";
import {
  type Identity,
  loadIdentity,
  newIdentity,
  sessionValue,
  setSessionValue,
} from "../core/identity";
import { openPrompt } from "../core/prompt";
import type { TouchpointEvent } from "../outbox/event";
import { createOutbox, QUEUE_PREFIX, type QueuedItem } from "../outbox/outbox";
import { memoryStore, openStore, type Store } from "../outbox/store";
import { createTransport } from "../outbox/transport";
import { evaluate, type Verdict } from "../targeting/eligibility";
import { type Ledger, loadLedger, stamp } from "../targeting/ledger";
import type { Explanation, TouchpointEvents } from "../touchpoint";
import type { MountedPrompt } from "../ui/types";

/**
 * What the core lends the engine. The engine imports nothing the core also bundles: shared
 * helpers arrive here, so the lazily loaded chunk stays self-contained for the classic script.
 */
export interface EngineDeps {
  env: Environment;
  config: ResolvedConfig;
  locale: string;
  /** The user id and traits given to `identify()`. */
  user: () => Pick<Identity, "userId" | "traits">;
  uuid: () => string;
  emit: <K extends keyof TouchpointEvents>(event: K, payload: TouchpointEvents[K]) => void;
  report: (message: string) => void;
  log: (message: string) => void;
  /** False until consent is given when the config requires it. */
  consented: boolean;
  /** The page rule's verdict for a survey on the current page. */
  page: (survey: SurveyConfig) => Verdict;
  /** localStorage key of the hint that events wait in the queue (read by the core on start). */
  pendingKey: string;
}

/** True while the host page shows a modal dialog; browsers without `:modal` support say no. */
function hostModalOpen(document: Document): boolean {
  try {
    return document.querySelector("dialog:modal") !== null;
  } catch {
    return false;
  }
}

/** The engine: storage, identity, eligibility, the prompt's lifecycle and event delivery. */
export async function createEngine(d: EngineDeps) {
  const { env, config } = d;
  const w = env.window;
  const { siteKey } = config;
  let consented = d.consented;
  let store: Store = memoryStore();
  let prompt: MountedPrompt | "opening" | undefined;
  let stopped = false;
  const cleanups: Array<() => void> = [];
  const timers = new Set<number>();

  async function openDurable(): Promise<void> {
    if (store.kind === "indexeddb") return;
    const opened = await openStore(siteKey, env.indexedDB, env.setTimeout);
    if (opened.problem)
      d.report(`${opened.problem}; answers are kept in memory for this page only`);
    const held = await store.list<QueuedItem>(QUEUE_PREFIX);
    store = opened.store;
    for (const item of held) await store.set(QUEUE_PREFIX + item.event.id, item);
  }

  if (consented) await openDurable();
  let visitor = await loadIdentity(store, w, siteKey, d.uuid);
  let ledger: Ledger = await loadLedger(store);
  const identity = (): Identity => ({ ...visitor, ...d.user() });

  const hint = (pending: boolean) => {
    try {
      if (pending) w.localStorage.setItem(d.pendingKey, "1");
      else w.localStorage.removeItem(d.pendingKey);
    } catch {
      // Storage blocked: the next page simply does not know to load the engine early.
    }
  };

  const outbox = createOutbox({
    store: () => store,
    transport: createTransport({ ...config.collector, ...env }),
    now: env.now,
    random: env.random,
    setTimeout: env.setTimeout,
    clearTimeout: env.clearTimeout,
    exclusive: (task) => {
      const locks = w.navigator.locks;
      if (!locks || store.kind === "memory") return task();
      return locks
        .request(`touchpoint:${siteKey}:flush`, { ifAvailable: true }, async (lock) => {
          if (lock) await task();
        })
        .then(() => undefined);
    },
    mayDeliver: () => consented,
    onSent: (events) => d.emit("sent", { count: events.length, ids: events.map((e) => e.id) }),
    onDrained: () => hint(false),
    onError: d.report,
  });

  function listen(target: EventTarget, type: string, handler: () => void): void {
    const safe = () => {
      if (!stopped) handler();
    };
    target.addEventListener(type, safe, { passive: true });
    cleanups.push(() => target.removeEventListener(type, safe));
  }
  listen(w, "online", () => void outbox.flush());
  listen(w, "pagehide", () => void outbox.flush({ keepalive: true }));
  listen(w.document, "visibilitychange", () => {
    if (w.document.visibilityState === "hidden") void outbox.flush({ keepalive: true });
  });

  function later(ms: number, task: () => void): void {
    const id = env.setTimeout(() => {
      timers.delete(id);
      if (!stopped) task();
    }, ms);
    timers.add(id);
  }

  const shownKey = `touchpoint:${siteKey}:shown`;
  const sessionShown = () => Number(sessionValue(w, shownKey) ?? 0);

  function explain(survey: SurveyConfig): Explanation {
    const verdicts = evaluate(survey, {
      now: env.now(),
      page: d.page,
      ledger,
      shownThisSession: sessionShown(),
      visitorId: visitor.visitorId,
      policy: config.policy,
      promptOpen: prompt !== undefined,
    });
    return { surveyId: survey.id, eligible: verdicts.every((v) => v.ok), verdicts };
  }

  /** Durable write; on a storage failure the event moves to memory and the visitor is not failed. */
  async function record(event: TouchpointEvent): Promise<void> {
    try {
      await outbox.enqueue(event);
    } catch (error) {
      if (store.kind === "memory") throw error;
      d.report(
        `storage failed (${error instanceof Error ? error.message : String(error)}); keeping events in memory for this page`,
      );
      store = memoryStore();
      await outbox.enqueue(event);
    }
    if (store.kind === "indexeddb") hint(true);
  }

  async function display(survey: SurveyConfig, forced: boolean): Promise<boolean> {
    if (stopped || (!forced && !explain(survey).eligible)) return false;
    if (prompt) {
      d.log(`${survey.id} not shown: another prompt is open`);
      return false;
    }
    if (hostModalOpen(w.document)) {
      d.log(`${survey.id} not shown: a host modal dialog is open`);
      return false;
    }
    prompt = "opening";
    try {
      const mounted = await openPrompt(
        {
          document: w.document,
          siteKey,
          locale: d.locale,
          theme: config.theme ?? {},
          identity,
          now: env.now,
          uuid: d.uuid,
          loadUi: () => env.loadChunk("ui", config.chunksUrl),
          record,
          stamp: (id, clock) => {
            if (clock === "shownAt") setSessionValue(w, shownKey, String(sessionShown() + 1));
            stamp(store, id, clock, env.now()).then(
              (l) => {
                ledger = l;
              },
              (e) => d.report(`could not update the frequency ledger: ${String(e)}`),
            );
          },
          emit: d.emit,
          onClosed: () => {
            prompt = undefined;
          },
        },
        survey,
      );
      if (stopped) {
        mounted.close();
        return false;
      }
      prompt = mounted;
      d.log(`${survey.id} shown (${survey.type}, touchpoint ${survey.touchpoint})`);
      return true;
    } catch (error) {
      prompt = undefined;
      d.report(
        `could not show ${survey.id}: ${error instanceof Error ? error.message : String(error)}`,
      );
      return false;
    }
  }

  return {
    storage: () => store.kind,
    explain,
    display,
    /** Checks a signalled survey and shows it after its delay when every rule passes. */
    consider(survey: SurveyConfig, signal: string): void {
      const failed = explain(survey).verdicts.filter((v) => !v.ok);
      d.log(
        `${survey.id} on ${signal}: ${failed.length ? `not shown, ${failed.map((v) => `${v.rule}: ${v.detail}`).join("; ")}` : "eligible"}`,
      );
      if (!failed.length)
        later((survey.trigger.delay ?? 0) * 1000, () => void display(survey, false));
    },
    flush: () => outbox.flush(),
    async consent(granted: boolean): Promise<void> {
      consented = granted;
      if (!granted) return;
      await openDurable();
      if ((await store.list(QUEUE_PREFIX)).length) hint(true);
      await outbox.flush();
    },
    /** A new anonymous visitor with no history. */
    async reset(): Promise<void> {
      ledger = { surveys: {} };
      await store.set("ledger", ledger);
      visitor = await newIdentity(store, w, siteKey, d.uuid);
    },
    stop(): void {
      stopped = true;
      for (const cleanup of cleanups.splice(0)) cleanup();
      for (const id of timers) env.clearTimeout(id);
      timers.clear();
      outbox.stop();
      if (prompt && prompt !== "opening") prompt.close();
      prompt = undefined;
    },
  };
}

export type Engine = Awaited<ReturnType<typeof createEngine>>;
