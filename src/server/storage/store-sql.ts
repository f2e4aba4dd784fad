import { PostgresStore } from "./postgres";
import { SqliteStore } from "./sqlite";
import type { EventStore } from "./types";

/** A database row as read: column name to value. */
export type SqlRow = Record<string, unknown>;

/**
 * Plain statements on the database an event store uses, written once for both engines with `?`
 * placeholders (numbered `$n` for PostgreSQL here). For the copies `touchpoint migrate` makes of
 * tables no store interface reads whole.
 */
export interface StoreSql {
  /** The events table's storage-order column (`exportPage` positions). */
  readonly position: string;
  all(sql: string, params: readonly unknown[]): Promise<SqlRow[]>;
  /** Resolves to how many rows the statement changed. */
  run(sql: string, params: readonly unknown[]): Promise<number>;
}

export function storeSql(store: EventStore): StoreSql {
  if (store instanceof SqliteStore) {
    const { db } = store;
    return {
      position: "rowid",
      all: async (sql, params) => db.prepare(sql).all(...params) as SqlRow[],
      run: async (sql, params) => db.prepare(sql).run(...params).changes,
    };
  }
  if (store instanceof PostgresStore) {
    const numbered = (sql: string) => {
      let n = 0;
      return sql.replace(/\?/g, () => `$${++n}`);
    };
    return {
      position: "seq",
      all: async (sql, params) => (await store.query(numbered(sql), params)).rows,
      run: async (sql, params) => (await store.query(numbered(sql), params)).rowCount ?? 0,
    };
  }
  throw new TypeError(`no SQL access to a ${store.engine} event store`);
}
