import type { CollectorDatabase } from "../db";
import { PostgresStore } from "./postgres";
import { checkout } from "./postgres-schema";
import { SqliteStore } from "./sqlite";
import type { Engine, EventStore } from "./types";

/** A database row as read: column name to value. */
export type SqlRow = Record<string, unknown>;

/**
 * Plain statements on the database an event store uses, written once for both engines with `?`
 * placeholders (numbered `$n` for PostgreSQL here). For the copies `touchpoint migrate` makes of
 * tables no store interface reads whole, and for `touchpoint seed`.
 */
export interface StoreSql {
  readonly engine: Engine;
  /** The events table's storage-order column (`exportPage` positions). */
  readonly position: string;
  all(sql: string, params: readonly unknown[]): Promise<SqlRow[]>;
  /** Resolves to how many rows the statement changed. */
  run(sql: string, params: readonly unknown[]): Promise<number>;
  /**
   * Runs `work` in one transaction, its statements through the `StoreSql` it is given: committed
   * when it resolves, rolled back when it rejects. On SQLite nothing else may use the connection
   * meanwhile (the commands that call it own theirs).
   */
  transaction<T>(work: (sql: StoreSql) => Promise<T>): Promise<T>;
}

const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

/** {@link StoreSql} on a SQLite connection. */
export function sqliteSql(db: CollectorDatabase): StoreSql {
  const sql: StoreSql = {
    engine: "sqlite",
    position: "rowid",
    all: async (text, params) => db.prepare(text).all(...params) as SqlRow[],
    run: async (text, params) => db.prepare(text).run(...params).changes,
    transaction: async (work) => {
      db.exec("BEGIN IMMEDIATE");
      try {
        const result = await work(sql);
        db.exec("COMMIT");
        return result;
      } catch (error) {
        if (db.inTransaction) db.exec("ROLLBACK");
        throw error;
      }
    },
  };
  return sql;
}

/** {@link StoreSql} on a PostgreSQL store: each statement on the pool, a transaction on one client. */
function postgresSql(store: PostgresStore): StoreSql {
  return {
    engine: "postgres",
    position: "seq",
    all: async (text, params) => (await store.query(numbered(text), params)).rows,
    run: async (text, params) => (await store.query(numbered(text), params)).rowCount ?? 0,
    transaction: async (work) => {
      await store.ready;
      const client = await checkout(store.pool);
      const query = async (text: string, params: readonly unknown[]) =>
        client.query(numbered(text), params as unknown[]);
      const inside: StoreSql = {
        engine: "postgres",
        position: "seq",
        all: async (text, params) => (await query(text, params)).rows as SqlRow[],
        run: async (text, params) => (await query(text, params)).rowCount ?? 0,
        transaction: () => Promise.reject(new Error("transactions do not nest")),
      };
      let broken = false;
      try {
        await client.query("BEGIN");
        const result = await work(inside);
        await client.query("COMMIT");
        return result;
      } catch (error) {
        broken = await client.query("ROLLBACK").then(
          () => false,
          () => true,
        );
        throw error;
      } finally {
        client.release(broken);
      }
    },
  };
}

/** Parameters per statement: within SQLite's limit (32,766) and PostgreSQL's (65,535). */
const MAX_PARAMETERS = 10_000;

/**
 * Inserts `rows` (values in `columns` order) into `table`, many per statement, skipping a row
 * whose key is already there.
 */
export async function insertRows(
  sql: StoreSql,
  table: string,
  columns: readonly string[],
  rows: readonly unknown[][],
): Promise<void> {
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  const one = `(${columns.map(() => "?").join(", ")})`;
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    await sql.run(
      `INSERT INTO ${table} (${columns.join(", ")}) VALUES ${chunk.map(() => one).join(", ")}
        ON CONFLICT DO NOTHING`,
      chunk.flat(),
    );
  }
}

export function storeSql(store: EventStore): StoreSql {
  if (store instanceof SqliteStore) return sqliteSql(store.db);
  if (store instanceof PostgresStore) return postgresSql(store);
  throw new TypeError(`no SQL access to a ${store.engine} event store`);
}
