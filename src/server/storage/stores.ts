import { postgresAccessStore } from "../access-postgres";
import { type AccessStore, sqliteAccessStore } from "../access-store";
import { postgresConfigStore } from "../config-postgres";
import { type ConfigStore, sqliteConfigStore } from "../config-store";
import { openDatabase } from "../db";
import { isPostgresUrl } from "./open";
import { PostgresStore } from "./postgres";
import { SqliteStore } from "./sqlite";
import type { EventStore } from "./types";

/** What a collector keeps beside its events, in the same database. */
export interface CollectorStores {
  /** Access tokens and dashboard sessions. */
  access: AccessStore;
  /** The studio's published config versions. */
  configs: ConfigStore;
}

/** The access and config stores in the database an event store uses, on either engine. */
export function storesOf(store: EventStore): CollectorStores {
  if (store instanceof SqliteStore) {
    return { access: sqliteAccessStore(store.db), configs: sqliteConfigStore(store.db) };
  }
  if (store instanceof PostgresStore) {
    return { access: postgresAccessStore(store), configs: postgresConfigStore(store) };
  }
  throw new TypeError(`no access or config store for a ${store.engine} event store`);
}

/**
 * Opens the access and config stores of a collector database, for the commands that manage
 * them (`token`, `publish`): a SQLite file (created when missing) or a `postgres://` URL
 * (migrated first, like a collector). Close it when done.
 */
export async function openStores(
  target: string,
): Promise<CollectorStores & { close(): Promise<void> }> {
  if (isPostgresUrl(target)) {
    const store = new PostgresStore({ url: target });
    try {
      await store.ready;
    } catch (error) {
      await store.close().catch(() => undefined);
      throw error;
    }
    return { ...storesOf(store), close: () => store.close() };
  }
  const db = openDatabase(target);
  return {
    access: sqliteAccessStore(db),
    configs: sqliteConfigStore(db),
    close: async () => {
      db.close();
    },
  };
}
