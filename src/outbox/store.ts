import { createStore, promisifyRequest, type UseStore } from "idb-keyval";

/**
 * The key-value storage Touchpoint keeps per site: queued events (`q:<id>`), the frequency
 * ledger and the visitor id. Values that carry a `rev` can be removed only if unchanged.
 */
export interface Store {
  readonly kind: "indexeddb" | "memory";
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  /** All values whose key starts with `prefix`, in key order. */
  list<T>(prefix: string): Promise<T[]>;
  /** Deletes each key whose stored value still has the given `rev` (it was not rewritten). */
  removeUnchanged(entries: ReadonlyArray<{ key: string; rev: number }>): Promise<void>;
}

type Revisioned = { rev?: number } | undefined;

/** How long opening IndexedDB may take before Touchpoint falls back to memory. */
export const OPEN_TIMEOUT_MS = 3000;

export function memoryStore(): Store {
  const map = new Map<string, unknown>();
  return {
    kind: "memory",
    get: async <T>(key: string) => structuredClone(map.get(key)) as T | undefined,
    set: async (key, value) => {
      map.set(key, structuredClone(value));
    },
    list: async <T>(prefix: string) =>
      [...map.keys()]
        .filter((k) => k.startsWith(prefix))
        .sort()
        .map((k) => structuredClone(map.get(k)) as T),
    removeUnchanged: async (entries) => {
      for (const { key, rev } of entries)
        if ((map.get(key) as Revisioned)?.rev === rev) map.delete(key);
    },
  };
}

function idbStore(use: UseStore): Store {
  return {
    kind: "indexeddb",
    get: (key) => use("readonly", (s) => promisifyRequest(s.get(key))),
    set: (key, value) =>
      use("readwrite", (s) => {
        s.put(value, key);
        return promisifyRequest(s.transaction);
      }),
    list: (prefix) =>
      use("readonly", (s) =>
        promisifyRequest(s.getAll(IDBKeyRange.bound(prefix, `${prefix}\uffff`))),
      ),
    removeUnchanged: (entries) =>
      use("readwrite", (s) => {
        for (const { key, rev } of entries) {
          const request = s.get(key);
          request.onsuccess = () => {
            if ((request.result as Revisioned)?.rev === rev) s.delete(key);
          };
        }
        return promisifyRequest(s.transaction);
      }),
  };
}

function withTimeout<T>(
  promise: Promise<T>,
  ms: number,
  setTimer: (cb: () => void, ms: number) => number,
) {
  return new Promise<T>((resolve, reject) => {
    setTimer(() => reject(new Error(`IndexedDB did not open within ${ms} ms`)), ms);
    promise.then(resolve, reject);
  });
}

/**
 * Opens the site's IndexedDB store, or explains why not and returns a memory store instead:
 * IndexedDB missing, `open` throwing (SecurityError in some iframes), or never settling.
 */
export async function openStore(
  siteKey: string,
  indexedDB: IDBFactory | undefined,
  setTimer: (cb: () => void, ms: number) => number,
): Promise<{ store: Store; problem?: string }> {
  if (!indexedDB) return { store: memoryStore(), problem: "IndexedDB is not available" };
  try {
    const store = idbStore(createStore(`touchpoint:${siteKey}`, "kv"));
    await withTimeout(store.get("visitor"), OPEN_TIMEOUT_MS, setTimer);
    return { store };
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { store: memoryStore(), problem: `IndexedDB could not be opened (${reason})` };
  }
}
