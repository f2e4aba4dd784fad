/** The card's fonts: weight and size (px, from `font-size: medium`) of its texts and inputs. */
const FACES = ["16px", "600 16px", "13px", "20px", "13.33px"];

/**
 * Looks up the card's fonts ahead (idle time), by measuring a character in each on a canvas:
 * the browser keeps what it matched, so the prompt's first layout does not search the system's
 * fonts on the trigger's path (about three quarters of that layout at 4x CPU slowdown).
 */
export function matchFonts(window: Window, family: string): void {
  const Canvas = (window as Window & { OffscreenCanvas?: typeof OffscreenCanvas }).OffscreenCanvas;
  const context = Canvas && new Canvas(1, 1).getContext("2d");
  if (!context) return;
  for (const face of FACES) {
    context.font = `${face} ${family}`;
    context.measureText("0");
  }
}
