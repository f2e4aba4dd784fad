import type { SurveyConfig } from "../config/types";
import type { ResolvedConfig } from "../core/config";
import type { Environment } from "../core/env";
import { sessionValue, setSessionValue } from "../core/identity";
import type { Store } from "../outbox/store";
import { evaluate, type Verdict } from "../targeting/eligibility";
import { type Ledger, loadLedger, type SurveyClocks, stamp } from "../targeting/ledger";
import type { Explanation } from "../touchpoint";

export interface RulesDeps {
  env: Environment;
  config: ResolvedConfig;
  store: () => Store;
  visitorId: () => string;
  /** The page rule's verdict for a survey on the current page (decided by the core). */
  page: (survey: SurveyConfig) => Verdict;
  promptOpen: () => boolean;
  report: (message: string) => void;
  log: (message: string) => void;
}

/** Who may be asked what, now: frequency clocks, sampling, the global policy, trigger delays. */
export async function createRules(d: RulesDeps) {
  const { env, config } = d;
  const w = env.window;
  let ledger: Ledger = await loadLedger(d.store());
  let stopped = false;
  const timers = new Set<number>();
  const shownKey = `touchpoint:${config.siteKey}:shown`;
  const sessionShown = () => Number(sessionValue(w, shownKey) ?? 0);

  function explain(survey: SurveyConfig): Explanation {
    const verdicts = evaluate(survey, {
      now: env.now(),
      page: d.page,
      ledger,
      shownThisSession: sessionShown(),
      visitorId: d.visitorId(),
      policy: config.policy,
      promptOpen: d.promptOpen(),
    });
    return { surveyId: survey.id, eligible: verdicts.every((v) => v.ok), verdicts };
  }

  function later(ms: number, task: () => void): void {
    const id = env.setTimeout(() => {
      timers.delete(id);
      if (!stopped) task();
    }, ms);
    timers.add(id);
  }

  return {
    explain,
    /** Checks a signalled survey and calls `show` after its delay when every rule passes. */
    consider(survey: SurveyConfig, signal: string, show: (survey: SurveyConfig) => void): void {
      const failed = explain(survey).verdicts.filter((v) => !v.ok);
      const why = failed.map((v) => `${v.rule}: ${v.detail}`).join("; ");
      d.log(`${survey.id} on ${signal}: ${failed.length ? `not shown, ${why}` : "eligible"}`);
      if (!failed.length) later((survey.trigger.delay ?? 0) * 1000, () => show(survey));
    },
    /** Starts one of a survey's clocks (shown, dismissed, answered) in the shared ledger. */
    stamp(surveyId: string, clock: keyof SurveyClocks): void {
      if (clock === "shownAt") setSessionValue(w, shownKey, String(sessionShown() + 1));
      stamp(d.store(), surveyId, clock, env.now()).then(
        (l) => {
          ledger = l;
        },
        (e) => d.report(`could not update the frequency ledger: ${String(e)}`),
      );
    },
    async reset(): Promise<void> {
      ledger = { surveys: {} };
      await d.store().set("ledger", ledger);
    },
    stop(): void {
      stopped = true;
      for (const id of timers) env.clearTimeout(id);
      timers.clear();
    },
  };
}

export type Rules = Awaited<ReturnType<typeof createRules>>;
