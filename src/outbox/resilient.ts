import { StorageError } from "../errors";
import { describeError } from "./describe";
import { memoryStore, type Revisioned, type Store } from "./store";

/** How long one IndexedDB operation (the first one opens the database) may take. */
export const STORAGE_TIMEOUT_MS = 3000;
/** After a storage failure, IndexedDB is tried again at most this often. */
export const RECOVER_INTERVAL_MS = 10_000;
/** Keys moved from memory into IndexedDB when it works again: queued events, dead letters. */
const MOVABLE = /^(q|dead):/;

export interface ResilientOptions {
  now: () => number;
  setTimeout: (cb: () => void, ms: number) => number;
  clearTimeout: (id: number) => void;
  /** Says that storage failed and Touchpoint carries on in memory. */
  report: (error: StorageError) => void;
  log: (message: string) => void;
}

export interface ResilientStore extends Store {
  /**
   * Starts storing in `durable` (IndexedDB), moving what memory holds into it. Its first
   * transaction, which proves IndexedDB works, reads the visitor id (the engine needs it first):
   * resolves to that. When IndexedDB cannot be used, says so and resolves to undefined: Touchpoint
   * stays in memory and tries again later.
   */
  attach(durable: Store): Promise<unknown>;
  /** Stores in memory only from now on (consent withdrawn); nothing stored is deleted. */
  detach(): void;
}

/**
 * Storage that never fails the visitor: IndexedDB while it works, this tab's memory when it does
 * not (missing, blocked, never opening, closing, quota exceeded), and back to IndexedDB, with
 * the events memory held, once it works again. Listing sees the events of both.
 */
export function resilientStore(o: ResilientOptions): ResilientStore {
  const memory = memoryStore();
  let durable: Store | undefined;
  /** When IndexedDB last failed; undefined while it works. */
  let failedAt: number | undefined;
  let recovering: Promise<unknown> | undefined;

  const timed = <T>(promise: Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      const timer = o.setTimeout(
        () => reject(new Error(`IndexedDB did not answer within ${STORAGE_TIMEOUT_MS} ms`)),
        STORAGE_TIMEOUT_MS,
      );
      promise.then(resolve, reject).finally(() => o.clearTimeout(timer));
    });

  /**
   * Copies memory's events into IndexedDB, then forgets the copies that did not change meanwhile.
   * Resolves to the visitor id, read first; the `first` attempt says why IndexedDB cannot be used.
   */
  async function recover(first?: boolean): Promise<unknown> {
    // Set by `attach` before it calls this, and never unset while `retryLater` may call it.
    const target = durable as Store;
    try {
      const visitor = await timed(target.get("visitor"));
      // From here new writes go to IndexedDB; what memory holds moves over.
      failedAt = undefined;
      const moving = [...memory.map].filter(([key]) => MOVABLE.test(key));
      for (const [key, value] of moving) await timed(target.set(key, value));
      await memory.removeUnchanged(
        moving.map(([key, value]) => ({ key, rev: (value as Revisioned)?.rev })),
      );
      if (moving.length) o.log(`${moving.length} item(s) moved from memory into IndexedDB`);
      return visitor;
    } catch (error) {
      failedAt = o.now();
      if (first)
        o.report(
          new StorageError(
            `IndexedDB could not be opened (${describeError(error)}); answers are kept in memory for this page only`,
            error,
          ),
        );
      return undefined;
    }
  }

  function retryLater(): void {
    if (durable && failedAt !== undefined && !recovering) {
      if (o.now() - failedAt < RECOVER_INTERVAL_MS && o.now() >= failedAt) return;
      recovering = recover().finally(() => {
        recovering = undefined;
      });
    }
  }

  /** Runs `op` on IndexedDB when it works, else (or when it fails now) `orElse` on memory. */
  async function attempt<T>(op: (s: Store) => Promise<T>, orElse: () => Promise<T>): Promise<T> {
    const target = failedAt === undefined ? durable : undefined;
    if (!target) {
      retryLater();
      return orElse();
    }
    try {
      return await timed(op(target));
    } catch (error) {
      if (failedAt === undefined)
        o.report(
          new StorageError(
            `storage failed (${describeError(error)}); keeping events in memory until IndexedDB works again`,
            error,
          ),
        );
      failedAt = o.now();
      return orElse();
    }
  }

  const write = <T>(op: (s: Store) => Promise<T>) => attempt(op, () => op(memory));

  return {
    get kind() {
      return durable && failedAt === undefined ? "indexeddb" : "memory";
    },
    get: <T>(key: string) =>
      attempt<T | undefined>(
        (s) => s.get<T>(key),
        () => memory.get<T>(key),
      ),
    set: (key, value) => write((s) => s.set(key, value)),
    list: async <T>(prefix: string) => [
      ...(await memory.list<T>(prefix)),
      ...(await attempt<T[]>(
        (s) => s.list<T>(prefix),
        async () => [],
      )),
    ],
    update: (key, change) => write((s) => s.update(key, change)),
    async removeUnchanged(entries) {
      await memory.removeUnchanged(entries);
      await attempt(
        (s) => s.removeUnchanged(entries),
        async () => undefined,
      );
    },
    attach(store) {
      durable = store;
      failedAt = o.now();
      recovering = recover(true).finally(() => {
        recovering = undefined;
      });
      return recovering;
    },
    detach() {
      durable = undefined;
    },
  };
}
