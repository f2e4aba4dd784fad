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

/**
 * Once the page is idle, starts the engine (`start`: it opens IndexedDB and reads the visitor
 * and the frequency ledger the decision needs) and fetches the UI chunk without running it, so
 * that a trigger finds both ready, also when the network has dropped by then. Skipped when the
 * visitor asked to save data: the chunks then load when a survey triggers, and a trigger while
 * offline shows nothing.
 */
export function prefetchWhenIdle(
  env: Environment,
  chunksUrl: string | undefined,
  start: () => void,
  log: (message: string) => void,
): void {
  whenIdle(env, () => {
    const nav = env.window.navigator as Navigator & { connection?: { saveData?: boolean } };
    if (nav.connection?.saveData) return log("save-data: nothing fetched ahead");
    start();
    env.prefetchChunk?.("ui", chunksUrl);
  });
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
