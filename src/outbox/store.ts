/**
 * The key-value storage Touchpoint keeps per site: queued events (`q:<id>`), dead letters
 * (`dead:<id>`), the frequency ledger, the visitor id, the flush lease and the retry clock.
 * Values that carry a `rev` can be removed only if unchanged.
 */
export interface Store {
  readonly kind: "indexeddb" | "memory";
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  /** All values whose key starts with `prefix`, in key order. */
  list<T>(prefix: string): Promise<T[]>;
  /**
   * Replaces the value at `key` with `change(old)` in one transaction (`undefined` deletes it);
   * resolves to the new value. `change` must be synchronous.
   */
  update<T>(key: string, change: (old: T | undefined) => T | undefined): Promise<T | undefined>;
  /** Deletes each key whose stored value still has the given `rev` (it was not rewritten). */
  removeUnchanged(entries: ReadonlyArray<{ key: string; rev: number | undefined }>): Promise<void>;
}

export type Revisioned = { rev?: number } | undefined;

/** A store in this tab's memory: what Touchpoint uses when IndexedDB cannot be. */
export function memoryStore(map = new Map<string, unknown>()): Store & { map: typeof map } {
  const put = (key: string, value: unknown) =>
    value === undefined ? map.delete(key) : map.set(key, structuredClone(value));
  return {
    kind: "memory",
    map,
    get: async <T>(key: string) => structuredClone(map.get(key)) as T | undefined,
    set: async (key, value) => {
      put(key, value);
    },
    list: async <T>(prefix: string) =>
      [...map.keys()]
        .filter((k) => k.startsWith(prefix))
        .sort()
        .map((k) => structuredClone(map.get(k)) as T),
    update: async <T>(key: string, change: (old: T | undefined) => T | undefined) => {
      const value = change(structuredClone(map.get(key)) as T | undefined);
      put(key, value);
      return value;
    },
    removeUnchanged: async (entries) => {
      for (const { key, rev } of entries)
        if ((map.get(key) as Revisioned)?.rev === rev) map.delete(key);
    },
  };
}
