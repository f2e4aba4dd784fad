/**
 * Runs `run` once the next frame has been painted: a task queued from an animation frame
 * callback runs after that frame's paint. Tabs in the background paint no frames, so `run` waits
 * until the page is seen.
 */
export function afterPaint(window: Window, run: () => void): void {
  window.requestAnimationFrame(() => window.setTimeout(run));
}
