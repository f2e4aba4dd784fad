import { DEFAULT_SECONDS } from "./dwell";
import { stopAll, type Watcher } from "./signal";

/** Input that ends idleness. Coming back to the tab counts too (hidden time is not idle time). */
const INPUTS = [
  "pointermove",
  "pointerdown",
  "keydown",
  "wheel",
  "touchstart",
  "scroll",
  "visibilitychange",
];

/**
 * No input for `seconds`. Input only records the time; one timer checks it when it is due and
 * waits the rest if there was input meanwhile, so busy pointers cause no timer churn.
 */
export const idle: Watcher = (ctx, trigger, fire) => {
  const ms = (trigger.seconds ?? DEFAULT_SECONDS) * 1000;
  let last = ctx.now();
  let cancel: () => void = () => undefined;
  const wait = (left: number) => {
    cancel = ctx.timers.after(left, () => {
      const quiet = ctx.now() - last;
      if (quiet >= ms) fire(`idle ${ms / 1000}s`);
      else wait(ms - quiet);
    });
  };
  const stops = INPUTS.map((type) =>
    ctx.listen(
      ctx.window.document,
      type,
      () => {
        last = ctx.now();
      },
      true,
    ),
  );
  wait(ms);
  return stopAll([...stops, () => cancel()]);
};
