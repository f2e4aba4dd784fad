import type { SurveyConfig } from "../config/types";
import type { ResolvedConfig } from "../core/config";
import type { Environment } from "../core/env";
import type { Identity } from "../core/identity";
import { openPrompt } from "../core/prompt";
import type { TouchpointEvent } from "../outbox/event";
import { createOutbox } from "../outbox/outbox";
import type { Store } from "../outbox/store";
import { createTransport } from "../outbox/transport";
import { evaluate } from "../targeting/eligibility";
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
  store: () => Store;
  /** Replaces a failing durable store with memory for the rest of the page. */
  fallBackToMemory: (reason: string) => Store;
  identity: () => Identity;
  uuid: () => string;
  emit: <K extends keyof TouchpointEvents>(event: K, payload: TouchpointEvents[K]) => void;
  report: (message: string) => void;
  log: (message: string) => void;
  later: (ms: number, task: () => void) => void;
  mayDeliver: () => boolean;
  sessionShown: () => number;
  countSessionShown: () => void;
}

/** True while the host page shows a modal dialog; browsers without `:modal` support say no. */
function hostModalOpen(document: Document): boolean {
  try {
    return document.querySelector("dialog:modal") !== null;
  } catch {
    return false;
  }
}

/** The engine: eligibility, the prompt's lifecycle and event delivery. */
export async function createEngine(d: EngineDeps) {
  const { env, config } = d;
  const w = env.window;
  let ledger: Ledger = await loadLedger(d.store());
  let prompt: MountedPrompt | "opening" | undefined;
  let stopped = false;

  const outbox = createOutbox({
    store: d.store,
    transport: createTransport({ ...config.collector, ...env }),
    now: env.now,
    random: env.random,
    setTimeout: env.setTimeout,
    clearTimeout: env.clearTimeout,
    exclusive: (task) => {
      const locks = w.navigator.locks;
      if (!locks || d.store().kind === "memory") return task();
      return locks
        .request(`touchpoint:${config.siteKey}:flush`, { ifAvailable: true }, async (lock) => {
          if (lock) await task();
        })
        .then(() => undefined);
    },
    mayDeliver: d.mayDeliver,
    onSent: (events) => d.emit("sent", { count: events.length, ids: events.map((e) => e.id) }),
    onError: d.report,
  });

  function explain(survey: SurveyConfig): Explanation {
    const verdicts = evaluate(survey, {
      now: env.now(),
      location: w.location,
      ledger,
      shownThisSession: d.sessionShown(),
      visitorId: d.identity().visitorId,
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
      if (d.store().kind === "memory") throw error;
      d.fallBackToMemory(
        `storage failed (${error instanceof Error ? error.message : String(error)})`,
      );
      await outbox.enqueue(event);
    }
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
          siteKey: config.siteKey,
          locale: d.locale,
          theme: config.theme ?? {},
          identity: d.identity,
          now: env.now,
          uuid: d.uuid,
          loadUi: () => env.loadChunk("ui", config.chunksUrl),
          record,
          stamp: (id, clock) => {
            if (clock === "shownAt") d.countSessionShown();
            stamp(d.store(), id, clock, env.now()).then(
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
    explain,
    display,
    /** Checks a signalled survey and shows it after its delay when every rule passes. */
    consider(survey: SurveyConfig, signal: string): void {
      const failed = explain(survey).verdicts.filter((v) => !v.ok);
      d.log(
        `${survey.id} on ${signal}: ${failed.length ? `not shown, ${failed.map((v) => `${v.rule}: ${v.detail}`).join("; ")}` : "eligible"}`,
      );
      if (!failed.length)
        d.later((survey.trigger.delay ?? 0) * 1000, () => void display(survey, false));
    },
    flush: outbox.flush,
    record,
    resetLedger(): void {
      ledger = { surveys: {} };
    },
    stop(): void {
      stopped = true;
      outbox.stop();
      if (prompt && prompt !== "opening") prompt.close();
      prompt = undefined;
    },
  };
}

export type Engine = Awaited<ReturnType<typeof createEngine>>;
