import type { SurveyConfig } from "../config/types";
import type { ResolvedConfig } from "../core/config";
import type { Environment } from "../core/env";
import { type Identity, loadIdentity, newIdentity } from "../core/identity";
import type { Verdict } from "../targeting/eligibility";
import type { TouchpointEvents } from "../touchpoint";
import { createDelivery } from "./delivery";
import { createDisplay } from "./display";
import { createRules } from "./rules";

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

/** The engine: delivery (storage, outbox), rules (eligibility) and display (the prompt). */
export async function createEngine(d: EngineDeps) {
  const { env, config } = d;
  const delivery = await createDelivery(d);
  let visitor = await loadIdentity(delivery.store(), env.window, config.siteKey, d.uuid);
  const identity = (): Identity => ({ ...visitor, ...d.user() });
  // `display` is created below; rules only ask it whether a prompt is open.
  let promptOpen = () => false;
  const rules = await createRules({
    ...d,
    store: delivery.store,
    visitorId: () => visitor.visitorId,
    promptOpen: () => promptOpen(),
  });
  const display = createDisplay({ ...d, identity, record: delivery.record, stamp: rules.stamp });
  promptOpen = display.isOpen;

  async function show(survey: SurveyConfig, forced: boolean): Promise<boolean> {
    if (!forced && !rules.explain(survey).eligible) return false;
    return display.open(survey);
  }

  return {
    explain: rules.explain,
    display: show,
    /** Checks a signalled survey and shows it after its delay when every rule passes. */
    consider(survey: SurveyConfig, signal: string): void {
      rules.consider(survey, signal, (s) => void show(s, false));
    },
    flush: delivery.flush,
    consent: delivery.consent,
    /** A new anonymous visitor with no history. */
    async reset(): Promise<void> {
      await rules.reset();
      visitor = await newIdentity(delivery.store(), env.window, config.siteKey, d.uuid);
    },
    stop(): void {
      rules.stop();
      display.stop();
      delivery.stop();
    },
  };
}

export type Engine = Awaited<ReturnType<typeof createEngine>>;
