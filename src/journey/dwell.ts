import type { Watcher } from "./signal";

export const DEFAULT_SECONDS = 30;

/** Time on the page (visible time: the clock stops while the tab is hidden) or in the session. */
export const dwell: Watcher = (ctx, trigger, fire) => {
  const seconds = trigger.seconds ?? DEFAULT_SECONDS;
  const session = trigger.within === "session";
  const spent = session ? ctx.now() - ctx.sessionStart() : 0;
  return ctx.timers.after(Math.max(0, seconds * 1000 - spent), () =>
    fire(`dwell ${seconds}s ${session ? "in the session" : "on the page"}`),
  );
};
