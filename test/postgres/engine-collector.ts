// Collectors and commands on either engine, for the suites that run against both.
import type { CollectorOptions } from "../../src/server";
import { capture, startCollector } from "../unit/server/helpers";
import { type EngineName, target } from "./helpers";

export { capture };

/**
 * A collector on `engine` (a temp SQLite file or a fresh PostgreSQL database, or `dbPath` when
 * given), listening on 127.0.0.1, closed after the test, with an admin token for every site:
 * `auth` is the header that carries it.
 */
export async function startTestCollector(
  engine: EngineName,
  options: Partial<CollectorOptions> = {},
): ReturnType<typeof startCollector> {
  return startCollector({ ...options, dbPath: options.dbPath ?? (await target(engine)) });
}
