import type { SurveyConfig } from "../config/types";
import { click } from "./click";
import { dwell } from "./dwell";
import { exit } from "./exit";
import { idle } from "./idle";
import { scroll } from "./scroll";
import { type SignalContext, stopAll, type Watcher } from "./signal";
import { visible } from "./visible";

/** The signals watched on the page (the others come from the core: page views, events, show()). */
const WATCHERS: Record<string, Watcher> = { click, visible, scroll, dwell, idle, exit };

/**
 * The page's signal watchers. `set` replaces them all, so listeners and timers exist only for
 * surveys armed on the current page, and a route change cannot make them pile up.
 */
export function createWatch(ctx: SignalContext) {
  let stops: Array<() => void> = [];
  const stop = () => stopAll(stops)();
  return {
    /** Watches these surveys' signals; each fires at most once per page view. */
    set(surveys: SurveyConfig[], fire: (survey: SurveyConfig, signal: string) => void): void {
      stop();
      stops = surveys.map((survey) => {
        let done = false;
        let remove: (() => void) | undefined;
        // Idempotent: runs once whether the signal fired or the page changed.
        const end = () => {
          const r = remove;
          remove = undefined;
          r?.();
        };
        remove = WATCHERS[survey.trigger.on]?.(ctx, survey.trigger, (signal) => {
          if (done) return;
          done = true;
          end();
          fire(survey, signal);
        });
        // Fired while being set up (a page that cannot scroll): remove what it added.
        if (done) end();
        return end;
      });
    },
    stop,
  };
}
