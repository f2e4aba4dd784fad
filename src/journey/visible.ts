import type { Watcher } from "./signal";

/** Ratios at which visibility is re-checked, so tall elements are followed as they scroll. */
const STEPS = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];
const DEFAULT_PERCENT = 50;

/**
 * An element matching `selector` is on screen: `percent` of it, or of the viewport for an
 * element taller than that. Elements added later (single-page apps) are picked up by a
 * MutationObserver that only looks for new matches.
 */
export const visible: Watcher = (ctx, trigger, fire) => {
  const w = ctx.window as Window & typeof globalThis;
  const selector = trigger.selector ?? "";
  const need = (trigger.percent ?? DEFAULT_PERCENT) / 100;
  if (!w.IntersectionObserver || !selector) return () => undefined;
  const io = new w.IntersectionObserver(
    (entries) => {
      for (const e of entries) {
        const root = e.rootBounds?.height ?? w.innerHeight;
        if (
          e.isIntersecting &&
          (e.intersectionRatio >= need || e.intersectionRect.height >= root * need)
        )
          return fire(`${selector} ${Math.round(e.intersectionRatio * 100)}% visible`);
      }
    },
    { threshold: [...STEPS, need] },
  );
  const observed = new WeakSet<Element>();
  const scan = () => {
    for (const el of w.document.querySelectorAll(selector)) {
      if (!observed.has(el)) {
        observed.add(el);
        io.observe(el);
      }
    }
  };
  scan();
  const mo = new w.MutationObserver(scan);
  mo.observe(w.document.documentElement, { childList: true, subtree: true });
  return () => {
    io.disconnect();
    mo.disconnect();
  };
};
