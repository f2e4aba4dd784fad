import type { Pool, PoolClient, types } from "pg";
import { reportFromCounts } from "../../report/aggregate";
import type { EventFilter } from "../filter";
import { MAX_SITES } from "../queries";
import { commentsStatement, exportStatement } from "./event-sql";
import { checkout, currentMonths, ensurePartitions, migratePostgres } from "./postgres-schema";
import { columnsOf, type PostgresAnswerHook, writeEvents } from "./postgres-write";
import { type ArmKey, armKeyOf } from "./rollup";
import {
  armTotalsStatement,
  countsFromTotals,
  dayTotalsStatement,
  type Statement,
  shownByDayStatement,
  summaryFromTotals,
  type TotalsRow,
  timeseriesFromTotals,
} from "./rollup-read";
import { type EventStore, type ExportRow, StoreUnavailableError } from "./types";

/** Connections per collector process. */
export const DEFAULT_POOL_SIZE = 10;
/** How long a request waits for a free connection before it gets 503. */
export const DEFAULT_POOL_WAIT_MS = 5000;
/** Longest a statement may run; nothing the collector does should come near it. */
const STATEMENT_TIMEOUT_MS = 30_000;
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

/**
 * The pg module, imported on first use: an embedder storing in SQLite never loads it, nor needs
 * it installed (it is an optional peer dependency).
 */
async function loadPg(): Promise<typeof import("pg").default> {
  try {
    return (await import("pg")).default;
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code !== "ERR_MODULE_NOT_FOUND" && code !== "MODULE_NOT_FOUND") throw error;
    throw new Error("storing in PostgreSQL needs the pg package: npm i pg");
  }
}

/** bigint and numeric sums as plain numbers: counts stay far below 2^53. */
function typeParsers(pgTypes: typeof types) {
  return {
    getTypeParser: ((oid: number, format?: "text" | "binary") =>
      oid === 20 || oid === 1700
        ? (value: string) => Number(value)
        : pgTypes.getTypeParser(oid, format)) as typeof types.getTypeParser,
  };
}

/**
 * The PostgreSQL store. Stateless apart from a cache of arm ids (rows that never change), so any
 * number of collectors can share one database: de-duplication, late comments and the roll-ups
 * are decided inside each request's transaction, under row locks taken in a fixed order.
 */
export class PostgresStore implements EventStore {
  readonly engine = "postgres" as const;
  readonly ready: Promise<void>;
  private connections: Pool | undefined;
  /** Told about the answers each write stored or filled in, inside its transaction (alerts). */
  answerHook: PostgresAnswerHook | undefined;
  private readonly arms = new Map<string, number>();
  private readonly log: (line: string) => void;
  private upkeep: NodeJS.Timeout | undefined;

  constructor(options: PostgresOptions) {
    this.log = options.log ?? (() => undefined);
    const now = options.now ?? Date.now;
    this.ready = (async () => {
      const pg = await loadPg();
      this.connections = new pg.Pool({
        connectionString: options.url,
        max: options.poolSize ?? DEFAULT_POOL_SIZE,
        connectionTimeoutMillis: options.poolWaitMs ?? DEFAULT_POOL_WAIT_MS,
        statement_timeout: STATEMENT_TIMEOUT_MS,
        query_timeout: STATEMENT_TIMEOUT_MS + 5000,
        keepAlive: true,
        types: typeParsers(pg.types),
      });
      // An idle connection dropped by a restarting server: the pool replaces it on next use.
      this.connections.on("error", (error) =>
        this.log(`postgres: idle connection lost: ${error.message}`),
      );
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

  /** The connection pool; there once `ready` has resolved (pg is imported then). */
  get pool(): Pool {
    if (!this.connections) throw new Error("the PostgreSQL store is not open yet: await ready");
    return this.connections;
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

  /**
   * One statement on the pool once the schema is current; "database unreachable" becomes
   * {@link StoreUnavailableError} (503). For the stores that share this database (alerts,
   * follow-ups).
   */
  query = async (
    sql: string,
    params: readonly unknown[] = [],
  ): Promise<{ rows: Record<string, unknown>[]; rowCount: number | null }> => {
    await this.ready;
    return this.guard(() => this.pool.query(sql, params as unknown[]));
  };

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
            return await writeEvents(client, events, armIds, receivedAt, this.answerHook);
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

  report: EventStore["report"] = async (filter, options) => {
    const [totals, days] = await Promise.all([
      this.all<TotalsRow>(armTotalsStatement(filter, DOLLAR)),
      this.all<TotalsRow>(shownByDayStatement(filter, DOLLAR)),
    ]);
    const counts = countsFromTotals(totals, days);
    return reportFromCounts(counts.touchpoints, counts.totals, options);
  };

  exportPage: EventStore["exportPage"] = async (filter, after, limit) =>
    (await this.all<ExportRow>(exportStatement(filter, after, limit, "seq", DOLLAR))).map(
      (row) => ({
        ...row,
        position: Number(row.position),
      }),
    );

  ping: EventStore["ping"] = async () => {
    await this.all({ sql: "SELECT 1", params: [] });
  };

  close: EventStore["close"] = async () => {
    clearInterval(this.upkeep);
    await this.ready.catch(() => undefined);
    await this.connections?.end();
  };
}
