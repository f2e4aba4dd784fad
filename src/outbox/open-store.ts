import { StorageError } from "../errors";
import { describeError } from "./describe";
import { idbStore, versionedStore } from "./idb";
import { resilientStore } from "./resilient";

export interface OpenStoreOptions {
  env: {
    indexedDB: IDBFactory | undefined;
    now: () => number;
    setTimeout: (callback: () => void, ms: number) => number;
    clearTimeout: (id: number) => void;
  };
  /** Names the site's database. */
  siteKey: string;
  /** Open IndexedDB now (consent given or not needed); else memory until `durable()`. */
  durable: boolean;
  /** Storage failing or missing, as a `StorageError`. */
  report: (error: StorageError) => void;
  /** Debug detail. */
  log: (message: string) => void;
}

const MEMORY_ONLY = "answers are kept in memory for this page only";

/**
 * The site's store: IndexedDB, in memory while it cannot be used. It holds the queued events
 * beside the visitor id, the frequency ledger and the sending part's lease and retry clock.
 * Resolves once IndexedDB is open (or found unusable, reported) when `durable`.
 */
export async function openStore(o: OpenStoreOptions) {
  const { env } = o;
  const store = resilientStore({ ...env, report: o.report, log: o.log });

  /** Moves to IndexedDB (consent given), with what memory holds. */
  async function durable(): Promise<void> {
    if (store.kind === "indexeddb") return;
    if (!env.indexedDB)
      return o.report(new StorageError(`IndexedDB is not available; ${MEMORY_ONLY}`));
    let problem: unknown;
    try {
      problem = await store.attach(
        idbStore(versionedStore(env.indexedDB, `touchpoint:${o.siteKey}`)),
      );
    } catch (error) {
      problem = error;
    }
    if (problem)
      o.report(
        new StorageError(
          `IndexedDB could not be opened (${describeError(problem)}); ${MEMORY_ONLY}`,
          problem,
        ),
      );
  }

  if (o.durable) await durable();
  return { store, durable };
}
