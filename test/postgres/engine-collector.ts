// Collectors and commands on either engine, for the suites that run against both.
import {
  type Collector,
  type CollectorOptions,
  createCollector,
  createToken,
} from "../../src/server";
import { type EngineName, later, target } from "./helpers";

/**
 * A collector on `engine` (a temp SQLite file or a fresh PostgreSQL database, or `dbPath` when
 * given), listening on 127.0.0.1, closed after the test, with an admin token for every site:
 * `auth` is the header that carries it.
 */
export async function startTestCollector(
  engine: EngineName,
  options: Partial<CollectorOptions> = {},
): Promise<{
  collector: Collector;
  url: string;
  dbPath: string;
  token: string;
  auth: { authorization: string };
}> {
  const dbPath = options.dbPath ?? (await target(engine));
  const collector = createCollector({ rateLimit: false, ...options, dbPath });
  later(() => collector.close());
  const { url } = await collector.listen(0, "127.0.0.1");
  const { token } = await createToken(collector.store, { role: "admin", name: "test admin" });
  return { collector, url, dbPath, token, auth: { authorization: `Bearer ${token}` } };
}

/** Captures what a command writes; `env` stands in for the process environment. */
export function capture(env: NodeJS.ProcessEnv = {}) {
  const out = { stdout: "", stderr: "" };
  const io = {
    stdout: (text: string) => {
      out.stdout += text;
    },
    stderr: (text: string) => {
      out.stderr += text;
    },
    env,
  };
  return { out, io };
}
