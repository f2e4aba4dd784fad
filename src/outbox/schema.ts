import { byteLength } from "./bytes";

/** The one object store; its keys are described on {@link Store}. */
export const STORE_NAME = "kv";

/**
 * Version of the IndexedDB schema. Version 1 was idb-keyval's `createStore` (one store, no
 * version set). Version 2 stamps each queued item with when it was queued (`at`, for the
 * time-to-live) and its size in bytes (`size`, for the byte bound).
 */
export const SCHEMA_VERSION = 2;

/** Step `n` upgrades a database from version `n` to `n + 1`. Steps migrate; they never delete. */
const STEPS: Array<(tx: IDBTransaction) => void> = [
  () => undefined,
  (tx) => {
    const cursor = tx.objectStore(STORE_NAME).openCursor(IDBKeyRange.bound("q:", "q:\uffff"));
    cursor.onsuccess = () => {
      const c = cursor.result;
      if (!c) return;
      const item = c.value as { event?: { createdAt?: string }; at?: number; size?: number };
      c.update({
        ...item,
        at: item.at ?? (Date.parse(item.event?.createdAt ?? "") || 0),
        size: item.size ?? byteLength(JSON.stringify(item.event)),
      });
      c.continue();
    };
  },
];

/** Runs in `onupgradeneeded`: every step from the stored version up to {@link SCHEMA_VERSION}. */
export function migrate(db: IDBDatabase, tx: IDBTransaction, from: number): void {
  // Created whatever the old version: a page may have opened the name without creating it. A
  // store just created holds nothing to migrate (a first visit opens no cursor).
  if (!db.objectStoreNames.contains(STORE_NAME)) db.createObjectStore(STORE_NAME);
  else for (let version = from; version < SCHEMA_VERSION; version++) STEPS[version]?.(tx);
}
