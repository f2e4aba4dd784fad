import type { ValidEvent } from "../../wire/validate";
import type { CollectorDatabase } from "../db";
import type { PostgresStore } from "./postgres";
import { ensurePartitions } from "./postgres-schema";
import { eventValues } from "./postgres-write";
import {
  type ArmKey,
  applyEvent,
  armKeyOf,
  DAY_COLUMNS,
  DAY_COUNTERS,
  DeltaBook,
  dayRow,
  emptyVisitor,
  type VisitorState,
  visitorRow,
} from "./rollup";
import type { SqliteStore } from "./sqlite";
import type { EventStore } from "./types";

/** Events per PostgreSQL statement (and per SQLite transaction) while bulk loading. */
const CHUNK = 10_000;
/** A client-side read limit long enough for an index build over tens of millions of rows. */
const DAY_MS = 24 * 60 * 60 * 1000;

/** One visitor's events, all received at `receivedAt`. */
export interface VisitorEvents {
  events: readonly ValidEvent[];
  receivedAt: string;
}

/** What the loader writes besides the events: arm ids, visitor states, day counters. */
class BulkRollups {
  readonly arms = new Map<string, { id: number; key: ArmKey }>();
  readonly book = new DeltaBook();

  armId(event: ValidEvent): number {
    const key = armKeyOf(event);
    const name = JSON.stringify(key);
    let arm = this.arms.get(name);
    if (!arm) {
      arm = { id: this.arms.size + 1, key };
      this.arms.set(name, arm);
    }
    return arm.id;
  }

  /** Counts one visitor's events; returns their final state per arm. */
  visitor({ events, receivedAt }: VisitorEvents): [number, string, VisitorState][] {
    const states = new Map<number, VisitorState>();
    for (const event of events) {
      const armId = this.armId(event);
      const before = event.forced ? emptyVisitor() : (states.get(armId) ?? emptyVisitor());
      const after = applyEvent(this.book, armId, event, before, receivedAt);
      if (after !== before) states.set(armId, after);
    }
    const visitor = events[0]?.visitorId ?? "";
    return [...states].map(([armId, state]) => [armId, visitor, state]);
  }
}

async function loadSqlite(store: SqliteStore, visitors: Iterable<VisitorEvents>): Promise<number> {
  const db: CollectorDatabase = store.db;
  const rollups = new BulkRollups();
  const insertEvent = db.prepare(`INSERT INTO events (id, site_key, kind, survey_id, survey_type,
    touchpoint, variant, forced, holdout, score, comment, created_at, received_at, visitor_id,
    user_id, session_id, url, locale, sdk_version) VALUES (${Array(19).fill("?").join(", ")})`);
  const insertVisitor = db.prepare("INSERT INTO arm_visitors VALUES (?, ?, ?, ?, ?, ?, ?)");
  let count = 0;
  let pending: VisitorEvents[] = [];
  const flush = db.transaction((group: VisitorEvents[]) => {
    for (const visitor of group) {
      for (const event of visitor.events)
        insertEvent.run(...eventValues(event, visitor.receivedAt));
      for (const row of rollups.visitor(visitor)) insertVisitor.run(...visitorRow(...row));
    }
  });
  db.pragma("synchronous = OFF");
  db.pragma("cache_size = -262144");
  // Secondary indexes are built once at the end: far faster than maintained row by row.
  const indexes = db
    .prepare(
      "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' AND sql IS NOT NULL",
    )
    .all() as { name: string; sql: string }[];
  for (const { name } of indexes) db.exec(`DROP INDEX ${name}`);
  try {
    let size = 0;
    for (const visitor of visitors) {
      pending.push(visitor);
      size += visitor.events.length;
      count += visitor.events.length;
      if (size >= CHUNK * 5) {
        flush(pending);
        pending = [];
        size = 0;
      }
    }
    flush(pending);
    db.transaction(() => {
      const addArm = db.prepare("INSERT INTO arms VALUES (?, ?, ?, ?, ?, ?, ?)");
      for (const { id, key } of rollups.arms.values()) addArm.run(id, ...key);
      const addDay = db.prepare(
        `INSERT INTO arm_days (${DAY_COLUMNS.join(", ")}) VALUES (${DAY_COLUMNS.map(() => "?").join(", ")})`,
      );
      for (const row of rollups.book.drain()) addDay.run(...dayRow(row, 0));
      db.prepare("INSERT OR REPLACE INTO touchpoint_meta VALUES ('rollups', 'ready')").run();
    })();
  } finally {
    for (const { sql } of indexes) db.exec(sql);
    // Leave no large WAL behind: the next reader would have to index all of it first.
    db.pragma("wal_checkpoint(TRUNCATE)");
    db.pragma("synchronous = FULL");
  }
  return count;
}

const EVENT_TYPES = [
  "text",
  "text",
  "text",
  "text",
  "text",
  "text",
  "text",
  "smallint",
  "smallint",
  "float8",
  "text",
  "text",
  "text",
  "text",
  "text",
  "text",
  "text",
  "text",
  "text",
];

function columns(rows: readonly unknown[][], width: number): unknown[][] {
  return Array.from({ length: width }, (_, column) => rows.map((row) => row[column]));
}

async function loadPostgres(
  store: PostgresStore,
  visitors: Iterable<VisitorEvents>,
  months: readonly string[],
): Promise<number> {
  await ensurePartitions(store.pool, months);
  const client = await store.pool.connect();
  const rollups = new BulkRollups();
  let count = 0;
  const { rows: indexes } = await client.query<{ name: string; sql: string }>(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS sql FROM pg_index i
      JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = 'events'::regclass`,
  );
  for (const { name } of indexes) await client.query(`DROP INDEX ${name}`);
  try {
    await client.query("SET synchronous_commit = off");
    let events: unknown[][] = [];
    let states: unknown[][] = [];
    const flush = async () => {
      if (events.length === 0) return;
      const eventColumns = columns(events, 19);
      await client.query("BEGIN");
      await client.query("INSERT INTO event_ids SELECT * FROM unnest($1::text[])", [
        eventColumns[0],
      ]);
      await client.query(
        `INSERT INTO events (id, site_key, kind, survey_id, survey_type, touchpoint, variant, forced,
          holdout, score, comment, created_at, received_at, visitor_id, user_id, session_id, url,
          locale, sdk_version) SELECT * FROM unnest(${EVENT_TYPES.map((t, i) => `$${i + 1}::${t}[]`).join(", ")})`,
        eventColumns,
      );
      await client.query(
        `INSERT INTO arm_visitors SELECT * FROM unnest($1::int[], $2::text[], $3::text[],
          $4::smallint[], $5::smallint[], $6::text[], $7::float8[])`,
        columns(states, 7),
      );
      await client.query("COMMIT");
      events = [];
      states = [];
    };
    for (const visitor of visitors) {
      for (const event of visitor.events) events.push(eventValues(event, visitor.receivedAt));
      for (const row of rollups.visitor(visitor)) states.push(visitorRow(...row));
      count += visitor.events.length;
      if (events.length >= CHUNK) await flush();
    }
    await flush();
    await client.query("BEGIN");
    for (const { id, key } of rollups.arms.values()) {
      await client.query(
        "INSERT INTO arms (arm_id, site_key, survey_id, survey_type, touchpoint, variant, holdout) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        [id, ...key],
      );
    }
    const days = rollups.book.drain().map((row) => dayRow(row, 0));
    const types = ["int", "text", "smallint", ...DAY_COUNTERS.map(() => "bigint"), "text"];
    await client.query(
      `INSERT INTO arm_days (${DAY_COLUMNS.join(", ")}) SELECT * FROM unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(", ")})`,
      columns(days, DAY_COLUMNS.length),
    );
    await client.query("SELECT setval(pg_get_serial_sequence('arms', 'arm_id'), $1)", [
      rollups.arms.size + 1,
    ]);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    // Building an index over millions of rows outlasts the pool's per-statement limit.
    await client.query("SET statement_timeout = 0");
    await client.query("SET maintenance_work_mem = '512MB'");
    // pg_get_indexdef names a partitioned table's index `ON ONLY events`, which would build it on
    // the parent alone (left invalid, no partition indexed): build it on every partition.
    // The pool's client-side read timeout applies too, and a zero falls back to it: a day instead.
    // (`query_timeout` is a pg query option its types leave out.)
    const unbounded = (text: string) => {
      const query = { text, query_timeout: DAY_MS };
      return client.query(query);
    };
    for (const { sql } of indexes) await unbounded(sql.replace(" ON ONLY ", " ON "));
    await unbounded("ANALYZE");
    client.release();
  }
  return count;
}

/**
 * Loads generated events into an empty store at bulk speed (big transactions; on PostgreSQL
 * multi-row statements without waiting for each commit to reach the disk), computing the same
 * roll-ups as ingest from each visitor's events. For benchmarks and data sets, not for ingest:
 * it assumes the store is empty and each visitor's events arrive together. Resolves to the
 * number of events loaded.
 */
export async function bulkLoad(
  store: EventStore,
  visitors: Iterable<VisitorEvents>,
  months: readonly string[] = [],
): Promise<number> {
  await store.ready;
  if ((await store.sites()).length > 0) throw new Error("bulkLoad: the store is not empty");
  if (store.engine === "postgres") return loadPostgres(store as PostgresStore, visitors, months);
  return loadSqlite(store as SqliteStore, visitors);
}
