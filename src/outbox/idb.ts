import { promisifyRequest, type UseStore } from "idb-keyval";
import { migrate, SCHEMA_VERSION, STORE_NAME } from "./schema";
import type { Revisioned, Store } from "./store";

/**
 * Opens the database at {@link SCHEMA_VERSION}, migrating an older one in `onupgradeneeded`.
 * A database a newer Touchpoint already upgraded is used at its own version if it still has
 * the store, rather than failing with VersionError.
 */
function openDatabase(factory: IDBFactory, name: string): Promise<IDBDatabase> {
  const request = factory.open(name, SCHEMA_VERSION);
  request.onupgradeneeded = (e) =>
    migrate(request.result, request.transaction as IDBTransaction, e.oldVersion);
  return promisifyRequest(request).catch(async (error: DOMException | null) => {
    if (error?.name !== "VersionError") throw error;
    const db = await promisifyRequest(factory.open(name));
    if (db.objectStoreNames.contains(STORE_NAME)) return db;
    db.close();
    throw error;
  });
}

/**
 * An idb-keyval custom store (a `UseStore`) over our own versioned open. The connection is let
 * go when another tab upgrades or deletes the database, or the browser closes it (site data
 * cleared), and opened again on next use; a transaction refused because the connection is
 * closing is retried once on a fresh connection.
 */
export function versionedStore(factory: IDBFactory, name: string): UseStore {
  let connection: Promise<IDBDatabase> | undefined;
  const connect = (): Promise<IDBDatabase> => {
    const opening = openDatabase(factory, name).then(
      (db) => {
        db.onversionchange = db.onclose = () => {
          db.close();
          if (connection === opening) connection = undefined;
        };
        return db;
      },
      (error) => {
        if (connection === opening) connection = undefined;
        throw error;
      },
    );
    connection = opening;
    return opening;
  };
  return async (mode, callback) => {
    let tx: IDBTransaction;
    try {
      tx = (await (connection ?? connect())).transaction(STORE_NAME, mode);
    } catch (error) {
      if ((error as DOMException | null)?.name !== "InvalidStateError") throw error;
      tx = (await connect()).transaction(STORE_NAME, mode);
    }
    return callback(tx.objectStore(STORE_NAME));
  };
}

/** The {@link Store} over an idb-keyval custom store; every write resolves once committed. */
export function idbStore(use: UseStore): Store {
  const write = <T>(run: (s: IDBObjectStore) => T) =>
    use("readwrite", (s) => {
      const result = run(s);
      return promisifyRequest(s.transaction).then(() => result);
    });
  return {
    kind: "indexeddb",
    get: (key) => use("readonly", (s) => promisifyRequest(s.get(key))),
    set: async (key, value) => {
      await write((s) => s.put(value, key));
    },
    list: (prefix) =>
      use("readonly", (s) =>
        promisifyRequest(s.getAll(IDBKeyRange.bound(prefix, `${prefix}\uffff`))),
      ),
    update: <T>(key: string, change: (old: T | undefined) => T | undefined) =>
      write((s) => {
        const box: { value: T | undefined } = { value: undefined };
        const request = s.get(key);
        request.onsuccess = () => {
          box.value = change(request.result);
          if (box.value === undefined) s.delete(key);
          else s.put(box.value, key);
        };
        return box;
      }).then((box) => box.value),
    removeUnchanged: async (entries) => {
      await write((s) => {
        for (const { key, rev } of entries) {
          const request = s.get(key);
          request.onsuccess = () => {
            if ((request.result as Revisioned)?.rev === rev) s.delete(key);
          };
        }
      });
    },
  };
}
