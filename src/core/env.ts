import type { ChunkLoader, ChunkPrefetcher, Environment } from "../engine/types";

/** Captures the browser's own functions now, before a host page can wrap or break them. */
export function browserEnvironment(
  loadChunk: ChunkLoader,
  prefetchChunk: ChunkPrefetcher,
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
    // Some sandboxed iframes throw SecurityError on the mere property access: none, then.
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
    prefetchChunk,
    console: {
      info: c.info.bind(c),
      error: c.error.bind(c),
    },
  };
}
