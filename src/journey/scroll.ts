import { stopAll, type Watcher } from "./signal";

const DEFAULT_PERCENT = 50;

/**
 * Scroll depth: the share of the page (or of the `selector` container) that has come into view,
 * reaching `percent`. Something that cannot scroll counts as fully scrolled, so short pages fire
 * once loaded instead of never.
 */
export const scroll: Watcher = (ctx, trigger, fire) => {
  const doc = ctx.window.document;
  const need = trigger.percent ?? DEFAULT_PERCENT;
  const check = () => {
    const el = trigger.selector
      ? doc.querySelector(trigger.selector)
      : (doc.scrollingElement ?? doc.documentElement);
    if (!el) return;
    const seen =
      el.scrollHeight - el.clientHeight <= 1
        ? 100
        : ((el.scrollTop + el.clientHeight) / el.scrollHeight) * 100;
    if (seen >= need) fire(`scroll ${Math.round(seen)}% of ${trigger.selector ?? "the page"}`);
  };
  // Scroll events of elements do not bubble, but a capturing listener on the document sees them.
  const stops = [ctx.listen(doc, "scroll", check, true)];
  if (doc.readyState === "complete") check();
  else stops.push(ctx.listen(ctx.window, "load", check));
  return stopAll(stops);
};
