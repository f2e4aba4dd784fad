import { stopAll, type Watcher } from "./signal";

/** A scroll up of this many pixels within FAST_UP_MS is a "fast scroll up" (mobile exit cue). */
const FAST_UP_PX = 120;
const FAST_UP_MS = 300;

/**
 * Exit intent. `top`: the pointer leaves the window through the top edge (desktop); `scrollUp`: a
 * fast scroll up; `return`: the tab becomes visible again after being hidden (mobile). Default
 * cues depend on the pointer: a mouse gets `top`, a touch screen the other two.
 */
export const exit: Watcher = (ctx, trigger, fire) => {
  const w = ctx.window;
  const doc = w.document;
  const cues =
    trigger.exitOn ??
    (w.matchMedia?.("(pointer: coarse)").matches ? ["scrollUp", "return"] : ["top"]);
  const stops: Array<() => void> = [];
  if (cues.includes("top")) {
    stops.push(
      ctx.listen(doc, "mouseout", (e) => {
        const m = e as MouseEvent;
        if (!m.relatedTarget && m.clientY <= 0) fire("exit intent (pointer left through the top)");
      }),
    );
  }
  if (cues.includes("scrollUp")) {
    let fromY = w.scrollY;
    let fromAt = ctx.now();
    stops.push(
      ctx.listen(w, "scroll", () => {
        const y = w.scrollY;
        const at = ctx.now();
        if (y >= fromY || at - fromAt > FAST_UP_MS) {
          fromY = y;
          fromAt = at;
        } else if (fromY - y >= FAST_UP_PX) fire("exit intent (fast scroll up)");
      }),
    );
  }
  if (cues.includes("return")) {
    stops.push(
      ctx.listen(doc, "visibilitychange", () => {
        if (doc.visibilityState === "visible") fire("exit intent (returned to the tab)");
      }),
    );
  }
  return stopAll(stops);
};
