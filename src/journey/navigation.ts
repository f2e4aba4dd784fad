/** Marks a `history` already patched, so a second copy of Touchpoint does not patch it again. */
const PATCHED = "__touchpointHistory";
/** Dispatched on `window` by the patched `pushState` and `replaceState`. */
export const NAVIGATE_EVENT = "touchpoint:navigate";

/**
 * Calls `onChange` after each same-document navigation of a single-page app, without polling:
 * the Navigation API's `currententrychange` where it exists, else `popstate`, `hashchange` and
 * a wrapped `history.pushState`/`replaceState`. The wrapper calls whatever function was there
 * (another library's wrapper included) and is installed once per page; it stays after
 * `destroy()`, because unwrapping would drop wrappers other libraries added on top of it.
 * Returns the function that stops listening.
 */
export function watchNavigation(w: Window, onChange: () => void): () => void {
  const listen = (target: EventTarget, type: string) => {
    target.addEventListener(type, onChange, { passive: true });
    return () => target.removeEventListener(type, onChange);
  };
  const navigation = (w as { navigation?: EventTarget }).navigation;
  if (navigation) return listen(navigation, "currententrychange");
  const history = w.history as History & Record<string, unknown>;
  if (!history[PATCHED]) {
    history[PATCHED] = true;
    for (const method of ["pushState", "replaceState"] as const) {
      const original = history[method];
      history[method] = function (this: History, ...args: Parameters<History["pushState"]>) {
        const result = original.apply(this, args);
        w.dispatchEvent(new Event(NAVIGATE_EVENT));
        return result;
      };
    }
  }
  const stops = [NAVIGATE_EVENT, "popstate", "hashchange"].map((type) => listen(w, type));
  return () => {
    for (const stop of stops) stop();
  };
}
