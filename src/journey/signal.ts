import type { TriggerConfig } from "../config/types";
import type { Timers } from "./timers";

/** What a signal watcher may use; all of it is removed by the watcher's stop function. */
export interface SignalContext {
  window: Window;
  timers: Timers;
  now: () => number;
  /** Adds a passive listener; returns the function that removes it. */
  listen: (
    target: EventTarget,
    type: string,
    handler: (event: Event) => void,
    capture?: boolean,
  ) => () => void;
  /** When this browser session's first page was viewed, epoch ms. */
  sessionStart: () => number;
}

/**
 * Watches one armed survey's signal on the current page and calls `fire` (with a description
 * for the debug log) when it happens. Returns the function that removes everything it added.
 */
export type Watcher = (
  ctx: SignalContext,
  trigger: TriggerConfig,
  fire: (description: string) => void,
) => () => void;

/** Runs every stop function, in order. */
export const stopAll = (stops: Array<() => void>) => () => {
  for (const stop of stops.splice(0)) stop();
};
