import type { createEngine, validate } from "../engine/engine";
import type { UiModule } from "../ui/types";

/** The lazily loaded chunks and what each module exports. */
export interface Chunks {
  engine: { createEngine: typeof createEngine; validate: typeof validate };
  ui: UiModule;
}

/** Loads a chunk, from `baseUrl` when the config gives one. */
export type ChunkLoader = <K extends keyof Chunks>(name: K, baseUrl?: string) => Promise<Chunks[K]>;

/** Fetches a chunk into the browser without running it (`<link rel="modulepreload">`). */
export type ChunkPrefetcher = (name: keyof Chunks, baseUrl?: string) => void;

/**
 * Everything Touchpoint takes from the outside world, passed in so tests can give fakes and so
 * a host page that later replaces `fetch` or timers cannot change what Touchpoint uses.
 */
export interface Environment {
  window: Window;
  fetch: typeof fetch;
  /** `JSON.stringify` as it was when Touchpoint loaded. */
  stringify?: typeof JSON.stringify;
  indexedDB: IDBFactory | undefined;
  now: () => number;
  random: () => number;
  setTimeout: (callback: () => void, ms: number) => number;
  clearTimeout: (id: number) => void;
  /** Fetches a lazily loaded chunk. */
  loadChunk: ChunkLoader;
  /** Fetches a chunk ahead of need, without running it. */
  prefetchChunk?: ChunkPrefetcher;
  /** Where debug lines and the one error message go. */
  console: Pick<Console, "info" | "warn" | "error">;
}

/** Captures the browser's own functions now, before a host page can wrap or break them. */
export function browserEnvironment(
  loadChunk: ChunkLoader,
  prefetchChunk?: ChunkPrefetcher,
): Environment {
  const w = window;
  // A page without a working fetch still gets Touchpoint; sending then says why it fails.
  const pageFetch = w.fetch;
  const fetch: typeof w.fetch = (...args) => pageFetch.apply(w, args);
  const now = Date.now;
  const random = Math.random;
  const c = w.console;
  let indexedDB: IDBFactory | undefined;
  try {
    indexedDB = w.indexedDB;
  } catch {
    // Some sandboxed iframes throw SecurityError on the mere property access.
    indexedDB = undefined;
  }
  return {
    window: w,
    fetch,
    stringify: JSON.stringify,
    indexedDB,
    now,
    random,
    setTimeout: w.setTimeout.bind(w) as Environment["setTimeout"],
    clearTimeout: w.clearTimeout.bind(w),
    loadChunk,
    ...(prefetchChunk ? { prefetchChunk } : {}),
    console: {
      info: c.info.bind(c),
      warn: c.warn.bind(c),
      error: c.error.bind(c),
    },
  };
}
