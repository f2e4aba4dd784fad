import { stylesheet } from "./sheet";
import { loadStrings } from "./strings";
import { css } from "./styles";

/** The steps after the answer: a part of their own, which the first frame does not wait for. */
export const loadSteps = () => import("./steps");

/** The fonts of the prompt's first frame (styles.ts: text, legend, end labels, close button). */
const FONTS = ["16px", "600 16px", "13px", "20px"];

/**
 * Fetches ahead what a prompt needs once the network may be gone: the built-in strings of
 * `locale` and the steps after the answer, so an offline visitor who answers is still asked the
 * follow-up and thanked. Also parses the prompt's stylesheet now, off the trigger's path (about
 * 1 ms of a fast CPU that the first frame no longer waits for), and looks its fonts up.
 */
export function preload(locale: string): Promise<unknown> {
  lookUpFonts();
  return Promise.all([loadStrings(locale), loadSteps(), stylesheet(css)]);
}

/**
 * The first use of a font in a page finds its file (fontconfig on Linux): a few milliseconds each
 * that the prompt's first layout and paint would wait for. Done here through a canvas that no page
 * element sees, one font per task so that none grows long.
 */
function lookUpFonts(): void {
  const canvas = window.OffscreenCanvas && new OffscreenCanvas(1, 1).getContext("2d");
  for (const font of FONTS)
    setTimeout(() => {
      if (!canvas) return;
      canvas.font = `${font} system-ui`;
      canvas.measureText("0");
    });
}
