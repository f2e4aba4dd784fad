import { StorageError } from "../errors";
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

/**
 * The site's store: IndexedDB, in memory while it cannot be used. It holds the queued events
 * beside the visitor id, the frequency ledger and the sending part's lease and retry clock.
 * Resolves once IndexedDB is open (or found unusable, reported) when `durable`, with the visitor
 * id its first transaction read (the engine needs it first; undefined without IndexedDB).
 */
export async function openStore(o: OpenStoreOptions) {
  const { env } = o;
  const store = resilientStore({ ...env, report: o.report, log: o.log });

  /** Moves to IndexedDB, with what memory holds; resolves to the visitor id found there. */
  async function attach(): Promise<unknown> {
    if (store.kind === "indexeddb") return undefined;
    if (!env.indexedDB)
      return o.report(
        new StorageError(
          "IndexedDB is not available; answers are kept in memory for this page only",
        ),
      );
    return store.attach(idbStore(versionedStore(env.indexedDB, `touchpoint:${o.siteKey}`)));
  }

  return {
    store,
    // Memory starts empty on every page: without IndexedDB, there is no visitor id yet.
    visitor: o.durable ? await attach() : undefined,
    /** Moves to IndexedDB (consent given), with what memory holds. */
    durable: attach,
  };
}
