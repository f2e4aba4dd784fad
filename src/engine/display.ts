import type { SurveyConfig } from "../config/types";
import { chooseVariant, previewInUrl } from "../experiment/variant";
import { describeError } from "../outbox/describe";
import type { Store } from "../outbox/store";
import type { MountedPrompt, UiModule } from "../ui/types";
import type { TouchpointEvent } from "../wire/event";
import type { ResolvedConfig } from "./config";
import type { Identity } from "./identity";
import { openPrompt, type PromptContext, promptModel } from "./prompt";
import type { Environment } from "./types";
import type { Say } from "./words";

export interface DisplayDeps {
  env: Environment;
  config: ResolvedConfig;
  locale: string;
  identity: () => Identity;
  uuid: () => string;
  record: PromptContext["record"];
  stamp: PromptContext["stamp"];
  /** Where exposures are remembered, so each visitor's impression of a variant is logged once. */
  store: () => Store;
  emit: PromptContext["emit"];
  report: (message: string) => void;
  /** Debug lines, worded by the wording part. */
  say: Say;
}

/**
 * Puts at most one prompt on the page at a time (the UI waits while a host modal is open), in the copy
 * variant of the visitor (or the one forced for a preview).
 */
export function createDisplay(d: DisplayDeps) {
  const { env, config } = d;
  const w = env.window;
  let prompt: MountedPrompt | "opening" | undefined;
  let stopped = false;

  /** Exposure is logged once per visitor and variant: a later showing records no impression. */
  async function record(event: TouchpointEvent): Promise<void> {
    if (event.kind !== "impression" || event.forced) return d.record(event);
    const json = env.stringify ?? JSON.stringify;
    const key = `exposure:${json([event.surveyId, event.variant, event.holdout === true])}`;
    const seen = await d
      .store()
      .get(key)
      .catch(() => undefined);
    if (seen === event.visitorId) {
      d.say("seen", event.surveyId, event.variant);
      return;
    }
    await d.record(event);
    await d
      .store()
      .set(key, event.visitorId)
      .catch((error) => d.say("unremembered", error));
  }

  /** The copy to show and its labels; undefined (reported) when a forced variant is wrong. */
  function variantOf(survey: SurveyConfig, options: unknown) {
    const asked = (options as { variant?: unknown } | undefined)?.variant;
    const isObject = typeof options === "object";
    if (
      (options !== undefined && !isObject) ||
      (asked !== undefined && typeof asked !== "string")
    ) {
      const found = JSON.stringify(isObject ? asked : options);
      d.report(`show: expected options like { variant: "benefit" }, got ${found}`);
      return undefined;
    }
    const chosen = chooseVariant(
      survey,
      d.identity(),
      asked ?? previewInUrl(w.location.search, survey.id),
    );
    if (typeof chosen !== "string") return chosen;
    d.report(`${asked === undefined ? "touchpoint_variant" : "show"}: ${chosen}`);
    return undefined;
  }

  // Kept once loaded: a trigger then reaches the UI in microtasks, where import() of a module
  // already run takes a task of its own. A failed load is tried again next time.
  let ui: UiModule | undefined;
  const loadUi = async () => (ui ??= await env.loadChunk("ui", config.chunksUrl));
  const context: PromptContext = {
    document: w.document,
    siteKey: config.siteKey,
    locale: d.locale,
    theme: config.theme ?? {},
    identity: d.identity,
    now: env.now,
    uuid: d.uuid,
    loadUi,
    record,
    stamp: d.stamp,
    emit: d.emit,
    onClosed: () => {
      prompt = undefined;
    },
  };

  return {
    isOpen: () => prompt !== undefined,
    /**
     * Runs the UI chunk ahead and fetches what the UI needs later (the built-in strings of the
     * visitor's language, the steps after the answer), so a prompt shows and asks its follow-up
     * after the network drops; then, at idle, the UI rehearses unseen the prompt of `first` (in
     * its own copy; a variant's differs in words only), so the first frame of a real prompt
     * paints sooner.
     */
    prepare(first: SurveyConfig): void {
      loadUi()
        .then((ui) =>
          ui.preload?.(d.locale, () =>
            stopped || prompt ? undefined : promptModel(context, first, d.identity().traits),
          ),
        )
        .catch(() => d.say("unfetched"));
    },
    /** Opens the survey's prompt; resolves once it is on screen (true) or was closed unseen (false). */
    async open(survey: SurveyConfig, options?: unknown): Promise<boolean> {
      if (stopped) return false;
      if (prompt) {
        d.say("busy", survey.id);
        return false;
      }
      const chosen = variantOf(survey, options);
      if (!chosen) return false;
      const { label } = chosen;
      prompt = "opening";
      try {
        const mounted = await openPrompt(context, chosen.survey, label);
        if (stopped) {
          mounted.close();
          return false;
        }
        prompt = mounted;
        const visible = await mounted.shown;
        d.say("shown", survey, label, visible);
        return visible;
      } catch (error) {
        prompt = undefined;
        d.report(`could not show ${survey.id}: ${describeError(error)}`);
        return false;
      }
    },
    stop(): void {
      stopped = true;
      if (prompt && prompt !== "opening") prompt.close();
      prompt = undefined;
    },
  };
}
