import type { Environment } from "../engine/types";

interface Timer {
  left: number;
  startedAt: number;
  id: number | undefined;
  task: () => void;
}

/**
 * Timeouts that stop while the tab is hidden and go on when it is visible again, so a hidden tab
 * runs none of them. One `visibilitychange` listener, present only while a timer is pending.
 */
export function createTimers(
  env: Pick<Environment, "window" | "now" | "setTimeout" | "clearTimeout">,
) {
  const doc = env.window.document;
  const live = new Set<Timer>();
  let listening = false;

  const run = (t: Timer) => {
    t.startedAt = env.now();
    t.id = env.setTimeout(() => {
      cancel(t);
      t.task();
    }, t.left);
  };
  const pause = (t: Timer) => {
    if (t.id === undefined) return;
    env.clearTimeout(t.id);
    t.id = undefined;
    t.left -= env.now() - t.startedAt;
  };
  const onVisibility = () => {
    for (const t of live) {
      if (doc.visibilityState === "hidden") pause(t);
      else if (t.id === undefined) run(t);
    }
  };
  const sync = () => {
    if (listening === live.size > 0) return;
    listening = !listening;
    if (listening) doc.addEventListener("visibilitychange", onVisibility, { passive: true });
    else doc.removeEventListener("visibilitychange", onVisibility);
  };
  function cancel(t: Timer): void {
    pause(t);
    live.delete(t);
    sync();
  }

  return {
    /** Runs `task` after `ms` of visible time; returns the function that cancels it. */
    after(ms: number, task: () => void): () => void {
      const t: Timer = { left: ms, startedAt: 0, id: undefined, task };
      live.add(t);
      if (doc.visibilityState !== "hidden") run(t);
      sync();
      return () => cancel(t);
    },
    /** Timers pending (tests check nothing accumulates). */
    size: () => live.size,
    clear(): void {
      for (const t of live) cancel(t);
    },
  };
}

export type Timers = ReturnType<typeof createTimers>;
