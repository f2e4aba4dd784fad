import type { TouchpointApi } from "../api";
import { type ConfigProblem, isRecord } from "../config/checks";
import type { TouchpointConfig } from "../config/types";
import type { ChunkLoader } from "../engine/types";
import { browserEnvironment } from "./env";
import { modulePreload } from "./prefetch";
import { createTouchpoint } from "./touchpoint";

/** `window.touchpoint`: callable as `touchpoint("track", "x")` like the stub, and as methods. */
export type GlobalTouchpoint = ((method: string, ...args: unknown[]) => unknown) &
  TouchpointApi & {
    version: string;
    /** The full config check, loaded on demand: resolves to every problem (empty when valid). */
    validate: (config: unknown) => Promise<ConfigProblem[]>;
    q?: ArrayLike<unknown>[];
  };

declare global {
  interface Window {
    touchpoint?: GlobalTouchpoint;
  }
}

function install(): void {
  const existing = window.touchpoint;
  if (existing && typeof existing.version === "string") return; // loaded twice: keep the first
  // An SVG <script> has no `src` (the page's URL is then the base), and has a `dataset` too.
  const script = document.currentScript as HTMLScriptElement | null;
  const base = script?.src || location.href;
  // A classic script cannot code-split, so the lazy chunks (ES modules) are imported by URL,
  // relative to this script, which keeps CDN and self-hosted paths working.
  const chunkUrl = (name: string, baseUrl?: string) =>
    new URL(__TOUCHPOINT_CHUNKS__[name] as string, new URL(baseUrl ?? base, location.href)).href;
  const loadChunk: ChunkLoader = (name, baseUrl) =>
    import(/* @vite-ignore */ chunkUrl(name, baseUrl));
  const api = createTouchpoint(
    browserEnvironment(loadChunk, (name, baseUrl) =>
      modulePreload(document, chunkUrl(name, baseUrl)),
    ),
  );

  const call = (method: unknown, ...args: unknown[]): unknown => {
    // The API's own methods only: never `toString`, `__proto__` or another inherited name.
    const methods = Object.keys(api);
    if (methods.includes(method as string)) {
      return (api[method as keyof TouchpointApi] as (...a: unknown[]) => unknown)(...args);
    }
    console.error(
      `[touchpoint] unknown method ${JSON.stringify(method)}; expected one of ${methods.join(", ")}`,
    );
    return undefined;
  };
  const global = Object.assign(call, api, {
    version: __TOUCHPOINT_VERSION__,
    validate: (config: unknown) => loadChunk("engine").then((m) => m.validate(config)),
  }) as GlobalTouchpoint;
  const queued = Array.from(existing?.q ?? []);
  window.touchpoint = global;

  const { collector, config: configUrl, siteKey, debug } = script?.dataset ?? {};
  // Only the attributes present: an absent one must not hide the same option given to init().
  const fromData: TouchpointConfig = Object.fromEntries(
    Object.entries({ collector, configUrl, siteKey, debug: debug === "true" }).filter(([, v]) => v),
  );
  const hasInit = queued.some((args) => args[0] === "init");
  for (const args of queued) {
    // One failing call (a throwing Proxy as config…) never stops the calls queued after it.
    try {
      const [method, ...rest] = Array.from(args);
      if (method === "init")
        call("init", isRecord(rest[0]) ? { ...fromData, ...rest[0] } : rest[0]);
      else call(method, ...rest);
    } catch (error) {
      console.error("[touchpoint] a queued call failed:", error);
    }
  }
  if (!hasInit && (fromData.collector || fromData.configUrl)) call("init", fromData);
}

// The build wraps this whole file in try/catch (vite.config.ts), so nothing escapes at load.
install();
