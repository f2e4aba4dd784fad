import type { PlacementConfig, PromptPosition } from "../config/ui-types";
import { afterPaint } from "./after-paint";

/** Below this window width every prompt becomes a full-width sheet, anchored ones included. */
const NARROW = "(max-width: 30em)";

export interface Placed {
  /**
   * Resolves once an anchored prompt has its first position; undefined when the stylesheet places
   * the prompt, which then needs no measuring.
   */
  ready: Promise<unknown> | undefined;
  stop: () => void;
}

/**
 * Positions the prompt's host element: a corner, bar or centre through `data-position` (the
 * stylesheet does the rest), or next to an anchor element (anchor.ts, a chunk loaded only then).
 * Also keeps bottom placements above an on-screen keyboard, which shrinks the visual viewport.
 */
export function place(
  host: HTMLElement,
  placement: PlacementConfig | undefined,
  position: PromptPosition,
  window: Window,
): Placed {
  const stops: Array<() => void> = [];
  let stopped = false;
  host.dataset.position = position;

  const viewport = window.visualViewport;
  if (viewport) {
    // The stylesheet falls back to 0px. Reading the viewport forces a layout, so the first
    // reading waits until the first frame is painted, when layout is clean (the card's slide-in
    // hides a keyboard already open for that frame), and only a change is written.
    let last = "0px";
    const keyboard = () => {
      if (stopped) return;
      const kb = `${Math.max(0, window.innerHeight - viewport.height - viewport.offsetTop)}px`;
      if (kb !== last) host.style.setProperty("--tp-kb", kb);
      last = kb;
    };
    afterPaint(window, keyboard);
    viewport.addEventListener("resize", keyboard);
    viewport.addEventListener("scroll", keyboard);
    stops.push(() => {
      viewport.removeEventListener("resize", keyboard);
      viewport.removeEventListener("scroll", keyboard);
    });
  }

  const anchor = placement?.anchor && findAnchor(window.document, placement.anchor);
  const fallBack = () => {
    host.dataset.position = position;
  };
  const ready =
    anchor && !window.matchMedia?.(NARROW).matches
      ? import("./anchor")
          .then(({ follow }) => follow(anchor, host, placement, fallBack))
          .then((stop) => (stopped ? stop() : stops.push(stop)), fallBack)
      : undefined;

  return {
    ready,
    stop: () => {
      stopped = true;
      for (const stop of stops.splice(0)) stop();
    },
  };
}

function findAnchor(document: Document, selector: string): Element | null {
  try {
    return document.querySelector(selector);
  } catch {
    return null; // an invalid selector: the prompt falls back to its position
  }
}
