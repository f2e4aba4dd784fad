import type { Watcher } from "./signal";

/** A click on an element matching `selector`: one delegated listener, so re-rendered elements count. */
export const click: Watcher = (ctx, trigger, fire) =>
  ctx.listen(
    ctx.window.document,
    "click",
    (event) => {
      const target = event.target as Element | null;
      if (trigger.selector && target?.closest?.(trigger.selector))
        fire(`click on ${trigger.selector}`);
    },
    true,
  );
