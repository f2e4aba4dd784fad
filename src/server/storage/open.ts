import { PostgresStore } from "./postgres";
import { SqliteStore } from "./sqlite";
import type { EventStore } from "./types";

/** True for a PostgreSQL connection URL (`postgres://` or `postgresql://`). */
export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

/** Options of {@link openStore} beyond the target. */
export interface OpenStoreOptions {
  /** PostgreSQL connections per process. */
  poolSize?: number;
  /** Milliseconds a request waits for a free PostgreSQL connection before 503. */
  poolWaitMs?: number;
  log?: (line: string) => void;
  now?: () => number;
}

/**
 * Opens the store a target names: a `postgres://` URL, else a SQLite file path (`":memory:"`
 * keeps nothing). Await `ready` before relying on it: PostgreSQL connects and migrates then.
 */
export function openStore(target: string, options: OpenStoreOptions = {}): EventStore {
  if (!isPostgresUrl(target)) return new SqliteStore(target);
  const settings: ConstructorParameters<typeof PostgresStore>[0] = { url: target };
  if (options.poolSize !== undefined) settings.poolSize = options.poolSize;
  if (options.poolWaitMs !== undefined) settings.poolWaitMs = options.poolWaitMs;
  if (options.log !== undefined) settings.log = options.log;
  if (options.now !== undefined) settings.now = options.now;
  return new PostgresStore(settings);
}
