import pg, { type PoolClient } from "pg";
import { reportFromCounts } from "../../report/aggregate";
import type { EventRow } from "../export";
import type { EventFilter } from "../filter";
import { MAX_SITES } from "../queries";
import type { ValidEvent } from "../validate";
import { commentsStatement, exportStatement } from "./event-sql";
import { checkout, currentMonths, ensurePartitions, migratePostgres } from "./postgres-schema";
import {
  type ArmKey,
  applyEvent,
  armKeyOf,
  DAY_COUNTERS,
  DeltaBook,
  emptyVisitor,
  type VisitorState,
} from "./rollup";
import {
  armTotalsStatement,
  countsFromTotals,
  dayTotalsStatement,
  type Statement,
  summaryFromTotals,
  type TotalsRow,
  timeseriesFromTotals,
} from "./rollup-read";
import { type EventStore, StoreUnavailableError } from "./types";

/** Connections per collector process. */
export const DEFAULT_POOL_SIZE = 10;
/** How long a request waits for a free connection before it gets 503. */
export const DEFAULT_POOL_WAIT_MS = 5000;
/** Longest a statement may run; nothing the collector does should come near it. */
const STATEMENT_TIMEOUT_MS = 30_000;
/** Day rows per arm and day: concurrent transactions pick one at random, reads add them up. */
const SHARDS = 8;
/** Attempts of a write that lost a deadlock or serialization race. */
const WRITE_ATTEMPTS = 3;
const DAY_MS = 86_400_000;

/** Options of {@link PostgresStore}. */
export interface PostgresOptions {
  /** `postgres://user@host:5432/dbname` */
  url: string;
  /** @default 10 */
  poolSize?: number;
  /** @default 5000 */
  poolWaitMs?: number;
  /** Receives background failures (lost idle connections, partition upkeep). */
  log?: (line: string) => void;
  now?: () => number;
}

const DOLLAR = (index: number) => `$${index}`;
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "57P01",
  "57P02",
  "57P03",
  "53300",
]);
const UNAVAILABLE_MESSAGES =
  /timeout exceeded when trying to connect|Connection terminated|connection error|Client was closed|not queryable/i;

/** True when an error means "the database is not reachable now", not "this request is wrong". */
export function isUnavailable(error: unknown): boolean {
  const code = String((error as { code?: unknown } | null)?.code ?? "");
  if (UNAVAILABLE_CODES.has(code) || code.startsWith("08")) return true;
  return error instanceof Error && UNAVAILABLE_MESSAGES.test(error.message);
}

const RETRYABLE_CODES = new Set(["40001", "40P01"]);

// bigint and numeric sums as plain numbers: counts stay far below 2^53.
const TYPES = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === 20 || oid === 1700
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

interface VisitorRow {
  arm_id: number;
  visitor_id: string;
  shown_day: string | null;
  answered: number;
  dismissed: number;
  latest_at: string | null;
  latest_score: number | null;
}

const EVENT_COLUMNS = [
  ["id", "text"],
  ["site_key", "text"],
  ["kind", "text"],
  ["survey_id", "text"],
  ["survey_type", "text"],
  ["touchpoint", "text"],
  ["variant", "text"],
  ["forced", "smallint"],
  ["holdout", "smallint"],
  ["score", "float8"],
  ["comment", "text"],
  ["created_at", "text"],
  ["received_at", "text"],
  ["visitor_id", "text"],
  ["user_id", "text"],
  ["session_id", "text"],
  ["url", "text"],
  ["locale", "text"],
  ["sdk_version", "text"],
] as const;

/** The columns of one event, in {@link EVENT_COLUMNS} order. */
export function eventValues(event: ValidEvent, receivedAt: string): unknown[] {
  return [
    event.id,
    event.siteKey,
    event.kind,
    event.surveyId,
    event.surveyType,
    event.touchpoint,
    event.variant,
    event.forced ? 1 : 0,
    event.holdout ? 1 : 0,
    event.score ?? null,
    event.comment ?? null,
    event.createdAt,
    receivedAt,
    event.visitorId,
    event.userId ?? null,
    event.sessionId,
    event.url,
    event.locale,
    event.sdkVersion,
  ];
}

/** Columns of many rows as one array per column, for `unnest`. */
function columnsOf(rows: readonly unknown[][], width: number): unknown[][] {
  return Array.from({ length: width }, (_, column) => rows.map((row) => row[column]));
}

/**
 * Claims each id in `event_ids` (in id order, the order concurrent writers lock them in) and
 * stores, in request order, the events whose id was not there yet.
 */
const INSERT_NEW_EVENTS = `WITH batch AS (
    SELECT * FROM unnest(${EVENT_COLUMNS.map(([, type], i) => `$${i + 1}::${type}[]`).join(", ")})
      WITH ORDINALITY AS u(${EVENT_COLUMNS.map(([name]) => name).join(", ")}, ord)
  ), fresh AS (
    INSERT INTO event_ids (id) SELECT id FROM batch ORDER BY id ON CONFLICT DO NOTHING RETURNING id
  )
  INSERT INTO events (${EVENT_COLUMNS.map(([name]) => name).join(", ")})
  SELECT ${EVENT_COLUMNS.map(([name]) => `batch.${name}`).join(", ")}
    FROM batch JOIN fresh USING (id) ORDER BY batch.ord RETURNING id`;
const DAY_COLUMNS = ["arm_id", "day", "shard", ...DAY_COUNTERS, "last_received"];
const DAY_TYPES = ["int", "text", "smallint", ...DAY_COUNTERS.map(() => "bigint"), "text"];
const UPSERT_DAYS = `INSERT INTO arm_days (${DAY_COLUMNS.join(", ")})
  SELECT * FROM unnest(${DAY_TYPES.map((type, i) => `$${i + 1}::${type}[]`).join(", ")})
  ON CONFLICT (arm_id, day, shard) DO UPDATE SET
    ${DAY_COUNTERS.map((c) => `${c} = arm_days.${c} + excluded.${c}`).join(", ")},
    last_received = GREATEST(arm_days.last_received, excluded.last_received)`;

/**
 * The PostgreSQL store. Stateless apart from a cache of arm ids (rows that never change), so any
 * number of collectors can share one database: de-duplication, late comments and the roll-ups
 * are decided inside each request's transaction, under row locks taken in a fixed order.
 */
export class PostgresStore implements EventStore {
  readonly engine = "postgres" as const;
  readonly ready: Promise<void>;
  readonly pool: pg.Pool;
  private readonly arms = new Map<string, number>();
  private readonly log: (line: string) => void;
  private upkeep: NodeJS.Timeout | undefined;

  constructor(options: PostgresOptions) {
    this.log = options.log ?? (() => undefined);
    const now = options.now ?? Date.now;
    this.pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? DEFAULT_POOL_SIZE,
      connectionTimeoutMillis: options.poolWaitMs ?? DEFAULT_POOL_WAIT_MS,
      statement_timeout: STATEMENT_TIMEOUT_MS,
      query_timeout: STATEMENT_TIMEOUT_MS + 5000,
      keepAlive: true,
      types: TYPES,
    });
    // An idle connection dropped by a restarting server: the pool replaces it on next use.
    this.pool.on("error", (error) => this.log(`postgres: idle connection lost: ${error.message}`));
    this.ready = (async () => {
      await this.guard(() => migratePostgres(this.pool));
      await this.keepPartitions(now);
      this.upkeep = setInterval(() => {
        this.keepPartitions(now).catch((error: unknown) =>
          this.log(`postgres: partition upkeep failed: ${String(error)}`),
        );
      }, DAY_MS);
      this.upkeep.unref();
    })();
    this.ready.catch(() => undefined);
  }

  private async keepPartitions(now: () => number) {
    const skipped = await ensurePartitions(this.pool, currentMonths(now()));
    if (skipped.length) {
      this.log(`postgres: months ${skipped.join(", ")} stay in the default partition`);
    }
  }

  /** Runs `work`, turning "database unreachable" into {@link StoreUnavailableError}. */
  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUnavailable(error)) {
        throw new StoreUnavailableError(
          `database unavailable: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      throw error;
    }
  }

  private async all<T>({ sql, params }: Statement): Promise<T[]> {
    await this.ready;
    return this.guard(async () => (await this.pool.query(sql, params)).rows as T[]);
  }

  private async armIds(client: PoolClient, keys: readonly ArmKey[]): Promise<number[]> {
    const missing = [...new Map(keys.map((key) => [JSON.stringify(key), key])).values()].filter(
      (key) => !this.arms.has(JSON.stringify(key)),
    );
    if (missing.length) {
      const columns = columnsOf(missing as unknown as unknown[][], 6);
      const unnest =
        "unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::smallint[])";
      await client.query(
        `INSERT INTO arms (site_key, survey_id, survey_type, touchpoint, variant, holdout)
          SELECT * FROM ${unnest} ON CONFLICT DO NOTHING`,
        columns,
      );
      const { rows } = await client.query<Record<string, unknown>>(
        `SELECT a.* FROM arms a JOIN ${unnest} AS u(s, i, t, p, v, h)
          ON a.site_key = u.s AND a.survey_id = u.i AND a.survey_type = u.t
          AND a.touchpoint = u.p AND a.variant = u.v AND a.holdout = u.h`,
        columns,
      );
      for (const row of rows) {
        const key: ArmKey = [
          String(row.site_key),
          String(row.survey_id),
          String(row.survey_type),
          String(row.touchpoint),
          String(row.variant),
          Number(row.holdout) === 1 ? 1 : 0,
        ];
        this.arms.set(JSON.stringify(key), Number(row.arm_id));
      }
    }
    return keys.map((key) => this.arms.get(JSON.stringify(key)) as number);
  }

  write: EventStore["write"] = async (events, receivedAt) => {
    await this.ready;
    return this.guard(async () => {
      const client = await checkout(this.pool);
      let broken = false;
      try {
        const armIds = await this.armIds(client, events.map(armKeyOf));
        for (let attempt = 1; ; attempt++) {
          try {
            return await this.writeOnce(client, events, armIds, receivedAt);
          } catch (error) {
            const code = String((error as { code?: unknown }).code ?? "");
            if (attempt >= WRITE_ATTEMPTS || !RETRYABLE_CODES.has(code)) throw error;
          }
        }
      } catch (error) {
        broken = isUnavailable(error);
        throw error;
      } finally {
        client.release(broken);
      }
    });
  };

  private async writeOnce(
    client: PoolClient,
    events: readonly ValidEvent[],
    armIds: readonly number[],
    receivedAt: string,
  ): Promise<number> {
    await client.query("BEGIN");
    try {
      // The first occurrence of each id.
      const firsts = new Map<string, number>();
      for (const [index, event] of events.entries()) {
        if (!firsts.has(event.id)) firsts.set(event.id, index);
      }
      const rows = [...firsts.values()].map((index) =>
        eventValues(events[index] as ValidEvent, receivedAt),
      );
      const inserted = await client.query<{ id: string }>(
        INSERT_NEW_EVENTS,
        columnsOf(rows, EVENT_COLUMNS.length),
      );
      const fresh = new Set(inserted.rows.map((row) => row.id));
      const newEvents: { event: ValidEvent; armId: number }[] = [];
      const comments: [string, string][] = [];
      for (const [index, event] of events.entries()) {
        if (firsts.get(event.id) === index && fresh.has(event.id)) {
          newEvents.push({ event, armId: armIds[index] as number });
        } else if (event.kind === "answer" && event.comment) {
          comments.push([event.id, event.comment]);
        }
      }
      if (comments.length) {
        await client.query(
          `UPDATE events SET comment = u.comment
            FROM unnest($1::text[], $2::text[]) AS u(id, comment)
            WHERE events.id = u.id AND events.kind = 'answer' AND events.comment IS NULL`,
          columnsOf(comments, 2),
        );
      }
      await this.rollUp(client, newEvents, receivedAt);
      await client.query("COMMIT");
      return fresh.size;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    }
  }

  private async rollUp(
    client: PoolClient,
    events: readonly { event: ValidEvent; armId: number }[],
    receivedAt: string,
  ): Promise<void> {
    if (events.length === 0) return;
    const keyOf = (armId: number, visitor: string) => `${armId}\u0000${visitor}`;
    const keys = new Map<string, [number, string]>();
    for (const { event, armId } of events) {
      if (!event.forced) keys.set(keyOf(armId, event.visitorId), [armId, event.visitorId]);
    }
    const sorted = [...keys.values()].sort((a, b) =>
      a[0] !== b[0] ? a[0] - b[0] : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0,
    );
    const states = new Map<string, VisitorState>();
    if (sorted.length) {
      const keyColumns = columnsOf(sorted, 2);
      // Creates the missing rows and locks every one, returning its current state: a no-op
      // update is what makes ON CONFLICT lock and return an existing row.
      const { rows } = await client.query<VisitorRow>(
        `INSERT INTO arm_visitors AS v (arm_id, visitor_id)
          SELECT * FROM unnest($1::int[], $2::text[]) ORDER BY 1, 2
          ON CONFLICT (arm_id, visitor_id) DO UPDATE SET arm_id = v.arm_id RETURNING v.*`,
        keyColumns,
      );
      for (const row of rows) {
        states.set(keyOf(row.arm_id, row.visitor_id), {
          shownDay: row.shown_day,
          answered: row.answered === 1,
          dismissed: row.dismissed === 1,
          latestAt: row.latest_at,
          latestScore: row.latest_score,
        });
      }
    }
    const book = new DeltaBook();
    const changed = new Set<string>();
    for (const { event, armId } of events) {
      const key = keyOf(armId, event.visitorId);
      const before = event.forced ? emptyVisitor() : (states.get(key) ?? emptyVisitor());
      const after = applyEvent(book, armId, event, before, receivedAt);
      if (after !== before) {
        states.set(key, after);
        changed.add(key);
      }
    }
    if (changed.size) {
      const updates = [...changed].map((key) => {
        const [armId, visitor] = keys.get(key) as [number, string];
        const state = states.get(key) as VisitorState;
        return [
          armId,
          visitor,
          state.shownDay,
          state.answered ? 1 : 0,
          state.dismissed ? 1 : 0,
          state.latestAt,
          state.latestScore,
        ];
      });
      await client.query(
        `UPDATE arm_visitors v SET shown_day = u.shown_day, answered = u.answered,
            dismissed = u.dismissed, latest_at = u.latest_at, latest_score = u.latest_score
          FROM unnest($1::int[], $2::text[], $3::text[], $4::smallint[], $5::smallint[],
            $6::text[], $7::float8[]) AS u(arm_id, visitor_id, shown_day, answered, dismissed,
            latest_at, latest_score)
          WHERE v.arm_id = u.arm_id AND v.visitor_id = u.visitor_id`,
        columnsOf(updates, 7),
      );
    }
    const shard = Math.floor(Math.random() * SHARDS);
    const days = book
      .drain()
      .map((row) => [
        row.armId,
        row.day,
        shard,
        ...DAY_COUNTERS.map((c) => row.counts[c]),
        row.lastReceived,
      ]);
    await client.query(UPSERT_DAYS, columnsOf(days, DAY_COLUMNS.length));
  }

  summary: EventStore["summary"] = async (filter) =>
    summaryFromTotals(await this.all<TotalsRow>(armTotalsStatement(filter, DOLLAR)));

  timeseries: EventStore["timeseries"] = async (filter, bucket) =>
    timeseriesFromTotals(await this.all<TotalsRow>(dayTotalsStatement(filter, DOLLAR)), bucket);

  sites: EventStore["sites"] = async () =>
    (
      await this.all<{ site_key: string }>({
        sql: `SELECT DISTINCT site_key FROM arms ORDER BY site_key LIMIT ${MAX_SITES}`,
        params: [],
      })
    ).map((row) => row.site_key);

  lastReceived: EventStore["lastReceived"] = async (filter: EventFilter) => {
    let last: string | null = null;
    for (const row of await this.all<TotalsRow>(armTotalsStatement(filter, DOLLAR))) {
      const at = row.last_received as string | null;
      if (at && (last === null || at > last)) last = at;
    }
    return last;
  };

  comments: EventStore["comments"] = (filter, segment, limit) =>
    this.all(commentsStatement(filter, segment, limit, DOLLAR));

  report: EventStore["report"] = async (filter, options) =>
    reportFromCounts(
      countsFromTotals(await this.all<TotalsRow>(armTotalsStatement(filter, DOLLAR))),
      options,
    );

  exportPage: EventStore["exportPage"] = async (filter, after, limit) =>
    (await this.all<EventRow>(exportStatement(filter, after, limit, "seq", DOLLAR))).map((row) => ({
      ...row,
      position: Number(row.position),
    }));

  ping: EventStore["ping"] = async () => {
    await this.all({ sql: "SELECT 1", params: [] });
  };

  close: EventStore["close"] = async () => {
    clearInterval(this.upkeep);
    await this.ready.catch(() => undefined);
    await this.pool.end();
  };
}
