import type { SurveyConfig } from "../config/types";
import type { ResolvedConfig } from "../core/config";
import type { Environment } from "../core/env";
import type { Identity } from "../core/identity";
import { openPrompt, type PromptContext } from "../core/prompt";
import type { MountedPrompt } from "../ui/types";

export interface DisplayDeps {
  env: Environment;
  config: ResolvedConfig;
  locale: string;
  identity: () => Identity;
  uuid: () => string;
  record: PromptContext["record"];
  stamp: PromptContext["stamp"];
  emit: PromptContext["emit"];
  report: (message: string) => void;
  log: (message: string) => void;
}

/** True while the host page shows a modal dialog; browsers without `:modal` support say no. */
function hostModalOpen(document: Document): boolean {
  try {
    return document.querySelector("dialog:modal") !== null;
  } catch {
    return false;
  }
}

/** Puts at most one prompt on the page at a time, never over a host modal dialog. */
export function createDisplay(d: DisplayDeps) {
  const { env, config } = d;
  const w = env.window;
  let prompt: MountedPrompt | "opening" | undefined;
  let stopped = false;

  return {
    isOpen: () => prompt !== undefined,
    /** Opens the survey's prompt; resolves to whether it is on screen. */
    async open(survey: SurveyConfig): Promise<boolean> {
      if (stopped) return false;
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
            record: d.record,
            stamp: d.stamp,
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
    },
    stop(): void {
      stopped = true;
      if (prompt && prompt !== "opening") prompt.close();
      prompt = undefined;
    },
  };
}
