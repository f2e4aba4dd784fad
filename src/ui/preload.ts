import { stylesheet } from "./sheet";
import { loadStrings } from "./strings";
import { css } from "./styles";

/** The steps after the answer: a part of their own, which the first frame does not wait for. */
export const loadSteps = () => import("./steps");

/**
 * Fetches ahead what a prompt needs once the network may be gone: the built-in strings of
 * `locale` and the steps after the answer, so an offline visitor who answers is still asked the
 * follow-up and thanked. Also parses the prompt's stylesheet now, off the trigger's path (about
 * 1 ms of a fast CPU that the first frame no longer waits for).
 */
export function preload(locale: string): Promise<unknown> {
  // The card's default fonts, looked up now by measuring a character in both its weights on a
  // canvas: the browser keeps what it matched, so the prompt's first layout does not search the
  // system's fonts on the trigger's path (most of that layout's time at 4x CPU slowdown). A
  // theme's own `fontFamily` is not looked up ahead.
  const context = document.createElement("canvas").getContext("2d");
  if (context)
    for (const weight of ["", "600 "]) {
      context.font = `${weight}16px system-ui,sans-serif`;
      context.measureText("0");
    }
  return Promise.all([loadStrings(locale), loadSteps(), stylesheet(css)]);
}
