import type { Environment } from "../engine/types";

/** Longest wait for an idle moment on a busy page before fetching anyway. */
const IDLE_TIMEOUT_MS = 3000;
/** Where `requestIdleCallback` is missing (Safari): this long after the page view. */
const NO_IDLE_CALLBACK_MS = 500;

/** Runs `task` once the page is idle (at most IDLE_TIMEOUT_MS later), off the load path. */
export function whenIdle(env: Environment, task: () => void): void {
  const w = env.window;
  if (w.requestIdleCallback) w.requestIdleCallback(task, { timeout: IDLE_TIMEOUT_MS });
  else env.setTimeout(task, NO_IDLE_CALLBACK_MS);
}

/** `<link rel="modulepreload">`: the browser fetches and compiles the module, and runs nothing. */
export function modulePreload(document: Document, href: string): void {
  const link = document.createElement("link");
  link.rel = "modulepreload";
  link.href = href;
  // The module stays in the page's module map once fetched; the element is not needed.
  link.onload = link.onerror = () => link.remove();
  document.head.append(link);
}
