// Loaded as its own chunk, with Floating UI, only for surveys anchored to a page element.
import { autoUpdate, computePosition, flip, hide, offset, shift } from "@floating-ui/dom";
import type { PlacementConfig } from "../config/ui-types";

/** Space kept between an anchored prompt and the window's edges, in CSS pixels. */
const EDGE = 8;

/**
 * Keeps `host` next to `anchor` (flipping and shifting to stay in the window) through the
 * `--tp-x`/`--tp-y` properties; while the anchor is hidden or scrolled away, `fallBack()` puts
 * the prompt back at its position. Resolves with the function that stops following, once placed.
 */
export function follow(
  anchor: Element,
  host: HTMLElement,
  placement: PlacementConfig,
  fallBack: () => void,
): Promise<() => void> {
  let stopped = false;
  const update = () =>
    computePosition(anchor, host, {
      strategy: "fixed",
      placement: placement.side ?? "bottom",
      middleware: [
        offset(placement.offset ?? EDGE),
        flip({ padding: EDGE }),
        shift({ padding: EDGE }),
        hide({ padding: EDGE }),
      ],
    }).then(({ x, y, middlewareData }) => {
      if (stopped) return;
      if (middlewareData.hide?.referenceHidden) return fallBack();
      host.dataset.position = "anchor";
      host.style.setProperty("--tp-x", `${x}px`);
      host.style.setProperty("--tp-y", `${y}px`);
    });
  const cleanup = autoUpdate(anchor, host, () => void update());
  return update().then(() => () => {
    stopped = true;
    cleanup();
  });
}
