import type { ConfigProblem } from "../config/checks";
import { passesStructure } from "../config/structure";
import type { SurveyConfig } from "../config/types";
import { journeyKey, pendingKey } from "../journey/journey";
import { resolveConfig } from "./config";
import { createDelivery } from "./delivery";
import { createDisplay } from "./display";
import { type Identity, loadIdentity, newIdentity } from "./identity";
import { resolveLocale } from "./locale";
import { createRules } from "./rules";
import type { Engine, EngineStart } from "./types";
import { uuid } from "./uuid";
import { createWords } from "./words";

// The question UI ships in the engine's file: the core loads chunk "ui" from it (core/chunks.ts).
export { mount, preload } from "../ui/ui";

/** The full config check, a chunk of its own: fetched only when a page needs it. */
export const validate = (config: unknown): Promise<ConfigProblem[]> =>
  import("../config/validate").then((m) => m.validate(config));

/**
 * The engine: delivery (keeping answers; sending them is a lazily loaded part), rules
 * (eligibility) and display (the prompt).
 */
export async function createEngine(core: EngineStart): Promise<Engine> {
  // The words of explain() and debug lines: a part of their own, fetched at start in debug mode
  // (alongside the full config check).
  const words = createWords({ ...core, stringify: core.env.stringify });
  // The core checked what it acts on; the rest gets a structural check here, and the full check
  // (its own chunk) when that fails or in debug mode. Nothing runs before the config passes.
  const problems = core.debug || !passesStructure(core.raw) ? await validate(core.raw) : [];
  if (problems.length) {
    // The core, which already holds the ConfigError class, makes the error of them.
    throw problems;
  }
  // Defaults, the locale and ids are resolved here rather than in the core, which every page
  // downloads.
  const config = resolveConfig(core.raw, core.base);
  const d = {
    ...core,
    config,
    uuid,
    locale: resolveLocale(config, core.env.window),
    journeyKey: journeyKey(config.siteKey),
    pendingKey: pendingKey(config.siteKey),
  };
  const { env } = d;
  // The visitor id comes with the transaction that opens the store: no second read for it.
  const delivery = await createDelivery(d);
  let visitor = await loadIdentity(
    delivery.store(),
    delivery.visitor,
    env.window,
    config.siteKey,
    d.uuid,
  );
  const identity = (): Identity => ({ ...visitor, ...d.user() });
  // `display` is created below; rules ask it whether a prompt is open.
  let promptOpen = () => false;
  const rules = await createRules({
    ...d,
    say: words.say,
    verdicts: words.verdicts,
    store: delivery.store,
    visitorId: () => visitor.visitorId,
    promptOpen: () => promptOpen(),
    // Rules have passed by the time they ask for a prompt.
    show: (s) => void show(s, true),
  });
  const display = createDisplay({
    ...d,
    say: words.say,
    identity,
    record: delivery.record,
    stamp: rules.stamp,
    store: delivery.store,
  });
  promptOpen = display.isOpen;
  // Debug mode: the engine starts once its lines can be worded, so none waits to be printed
  // after a later line of the core's.
  if (core.debug) await words.load();
  // A survey armed on this page may prompt offline: its language comes ahead with the UI, and
  // the first by priority is rehearsed.
  const [first] = config.surveys
    .filter((s) => s.trigger.on !== "manual" && core.page(s))
    .sort((a, b) => (b.priority ?? 0) - (a.priority ?? 0));
  if (first) display.prepare(first);

  /** `forced` skips the rules (`show()`); `options` may force a copy variant for a preview. */
  async function show(survey: SurveyConfig, forced: boolean, options?: unknown): Promise<boolean> {
    if (!forced && !rules.eligible(survey)) return false;
    return display.open(survey, options);
  }

  return {
    explain: rules.explain,
    display: show,
    /** Checks surveys signalled together; the first eligible by priority shows after its delay. */
    consider: rules.consider,
    /** A page view: the surveys whose page signals (scroll, click…) to watch here. */
    page: rules.page,
    /** A `track()` event and the surveys it may trigger. */
    track: rules.track,
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
