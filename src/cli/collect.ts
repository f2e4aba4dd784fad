import { readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { type CollectorOptions, createCollector, isPostgresUrl, type SitePolicy } from "../server";
import { AlertsConfigError, parseAlerts } from "../server/alerts/config";
import type { AlertsConfig } from "../server/alerts/types";
import { normalizeHost } from "../server/host";
import { normalizeOrigin } from "../server/options";
import type { CliCommand, CliIo } from "./io";
import { shownTarget } from "./shown-target";

const DEFAULT_PORT = 8787;
const DEFAULT_HOST = "127.0.0.1";
const MAX_PORT = 65_535;
/** Burst allowed per second of `--rate-limit`: two seconds' worth at once. */
const BURST_SECONDS = 2;
const LOOPBACK_HOSTS = new Set(["127.0.0.1", "::1", "localhost"]);
const STOP_SIGNALS = ["SIGINT", "SIGTERM"] as const;

const usage = `Usage: touchpoint collect --db feedback.db [options]
       touchpoint collect --db postgres://user@host:5432/dbname [options]

Options:
  --db FILE|URL              SQLite database (created when missing), or a PostgreSQL URL
                             shared by any number of collectors             default: $DATABASE_URL
  --pool N                   PostgreSQL connections per collector            default 10
  --pool-wait MS             wait for a free connection, then answer 503     default 5000
  --port N                   port to listen on; 0 picks a free one          default ${DEFAULT_PORT}
  --host HOST                address to listen on                           default ${DEFAULT_HOST}
  --allow-origin URL         browser origin allowed to send events (repeat; "*" for any)
  --site KEY=ORIGIN,ORIGIN   accept only these site keys, each from these origins (repeat)
  --body-limit BYTES         largest request body                           default 1048576
  --rate-limit N|off         requests per second per site key, burst 2N     default 50
  --dashboard DIR            serve DIR at /dashboard/                       default: the built dashboard
  --journey A,B,C            touchpoints in journey order, for the dashboard default: alphabetical
  --alerts FILE              alert rules (JSON, schema: dist/alerts.schema.json): which answers
                             go to which signed webhook or Slack channel; checked at start
  --public-url URL           URL people and pages use, e.g. https://feedback.example.com: its host
                             is answered, and https marks the session cookie Secure
  --public-host HOST         another Host header to answer (repeat); other than loopback and
                             these, requests get 421 (DNS rebinding)
  --trust-proxy              behind a reverse proxy on this machine: count failed sign-ins per
                             X-Forwarded-For address, not per proxy
  --public-read              anyone who can reach the collector may read every site's results,
                             comments, user ids and exports without a token (see README, Security)

Reading results needs a token with the read right: touchpoint token create --help.
`;

class UsageError extends Error {}

function integer(flag: string, raw: string, min: number, max: number): number {
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(value >= min && value <= max)) {
    throw new UsageError(`--${flag}: expected an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function origin(flag: string, raw: string): string {
  try {
    return normalizeOrigin(raw.trim());
  } catch (error) {
    throw new UsageError(`--${flag}: ${(error as Error).message}`);
  }
}

function parseSites(specs: readonly string[]): Record<string, SitePolicy> {
  // A Map, so that a site key like "__proto__" is a key, not the object's prototype.
  const sites = new Map<string, SitePolicy>();
  for (const spec of specs) {
    const equals = spec.indexOf("=");
    const key = spec.slice(0, equals);
    if (equals <= 0 || !/^[^\s=,]+$/.test(key)) {
      throw new UsageError(`--site: expected KEY=ORIGIN,ORIGIN, got "${spec}"`);
    }
    const origins = spec
      .slice(equals + 1)
      .split(",")
      .filter((o) => o.trim())
      .map((o) => origin("site", o));
    sites.set(key, { allowedOrigins: [...(sites.get(key)?.allowedOrigins ?? []), ...origins] });
  }
  return Object.fromEntries(sites);
}

function builtDashboard(): string | undefined {
  const dir = fileURLToPath(new URL("./dashboard/", import.meta.url));
  try {
    return statSync(dir).isDirectory() ? dir : undefined;
  } catch {
    return undefined;
  }
}

/** Reads and checks an alerts file; throws {@link AlertsConfigError} naming every problem. */
function readAlerts(file: string): AlertsConfig {
  let source: string;
  try {
    source = readFileSync(resolve(file), "utf8");
  } catch (error) {
    throw new AlertsConfigError(file, [`cannot read the file (${(error as Error).message})`]);
  }
  parseAlerts(source, file);
  return JSON.parse(source) as AlertsConfig;
}

/** Command-line flags turned into collector options, port and host; throws {@link UsageError}. */
function parseFlags(argv: string[], env: NodeJS.ProcessEnv) {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      db: { type: "string" },
      port: { type: "string" },
      host: { type: "string" },
      "allow-origin": { type: "string", multiple: true },
      site: { type: "string", multiple: true },
      "body-limit": { type: "string" },
      "rate-limit": { type: "string" },
      dashboard: { type: "string" },
      journey: { type: "string" },
      pool: { type: "string" },
      "pool-wait": { type: "string" },
      "public-url": { type: "string" },
      "public-host": { type: "string", multiple: true },
      "public-read": { type: "boolean" },
      "trust-proxy": { type: "boolean" },
      alerts: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return { help: true as const };
  const db = values.db ?? env.DATABASE_URL;
  if (!db) throw new UsageError("--db: required, e.g. --db feedback.db (or set DATABASE_URL)");
  const options: CollectorOptions = {
    dbPath: db === ":memory:" || isPostgresUrl(db) ? db : resolve(db),
  };
  if (values.pool !== undefined) options.poolSize = integer("pool", values.pool, 1, 1000);
  if (values["pool-wait"] !== undefined) {
    options.poolWaitMs = integer("pool-wait", values["pool-wait"], 1, 600_000);
  }
  const allowOrigins = values["allow-origin"] ?? [];
  if (values.site) {
    if (allowOrigins.length > 0) {
      throw new UsageError("--allow-origin applies only without --site; list origins in --site");
    }
    options.sites = parseSites(values.site);
  } else {
    options.allowOrigins = allowOrigins.map((o) => origin("allow-origin", o));
  }
  if (values["body-limit"] !== undefined) {
    options.bodyLimitBytes = integer("body-limit", values["body-limit"], 1, 2 ** 31);
  }
  const rate = values["rate-limit"];
  if (rate === "off") options.rateLimit = false;
  else if (rate !== undefined) {
    const perSecond = integer("rate-limit", rate, 1, 1_000_000);
    options.rateLimit = { requestsPerSecond: perSecond, burst: perSecond * BURST_SECONDS };
  }
  const dashboard = values.dashboard === undefined ? builtDashboard() : resolve(values.dashboard);
  if (dashboard !== undefined) options.dashboardDir = dashboard;
  if (values.journey !== undefined)
    options.journey = values.journey.split(",").map((s) => s.trim());
  if (values["public-url"] !== undefined) {
    if (!/^https?:\/\/[^/?#\s]+\/?$/i.test(values["public-url"])) {
      throw new UsageError(
        `--public-url: expected the collector's base URL like https://feedback.example.com, got "${values["public-url"]}"`,
      );
    }
    options.publicUrl = values["public-url"];
  }
  if (values["public-host"] !== undefined) {
    options.publicHosts = values["public-host"].map((host) => {
      try {
        return normalizeHost(host);
      } catch (error) {
        throw new UsageError(`--public-host: ${(error as Error).message}`);
      }
    });
  }
  if (values["public-read"]) options.publicRead = true;
  if (values["trust-proxy"]) options.trustProxy = true;
  if (values.alerts !== undefined) options.alerts = readAlerts(values.alerts);
  const port = values.port === undefined ? DEFAULT_PORT : integer("port", values.port, 0, MAX_PORT);
  return { help: false as const, options, port, host: values.host ?? DEFAULT_HOST };
}

/** Resolves with the name of the first stop signal, then stops listening for them. */
function untilSignal(): Promise<string> {
  return new Promise((resolveSignal) => {
    const handlers = STOP_SIGNALS.map((signal) => {
      const handler = () => {
        for (const [name, h] of handlers) process.off(name, h);
        resolveSignal(signal);
      };
      process.on(signal, handler);
      return [signal, handler] as const;
    });
  });
}

/**
 * `touchpoint collect`, with the stop condition passed in so tests can end it without
 * sending the test runner a signal. Resolves to the exit code.
 */
export async function runCollect(
  argv: string[],
  io: CliIo,
  stop: () => Promise<string>,
): Promise<number> {
  let flags: ReturnType<typeof parseFlags>;
  try {
    flags = parseFlags(argv, io.env ?? process.env);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof AlertsConfigError) {
      io.stderr(`touchpoint collect: --alerts ${message}\n`);
      return 1;
    }
    io.stderr(`touchpoint collect: ${message}\n\n${usage}`);
    return 2;
  }
  if (flags.help) {
    io.stdout(usage);
    return 0;
  }
  const log = (line: string) => io.stderr(`${line}\n`);
  let collector: ReturnType<typeof createCollector>;
  let url: string;
  try {
    collector = createCollector({ ...flags.options, log });
    ({ url } = await collector.listen(flags.port, flags.host).catch(async (error: unknown) => {
      await collector.close();
      throw error;
    }));
  } catch (error) {
    io.stderr(`touchpoint collect: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  const { options } = flags;
  io.stdout(
    [
      `Touchpoint collector listening on ${url}`,
      `  events:    POST ${url}/v1/events`,
      `  summary:   GET  ${url}/v1/summary`,
      `  export:    GET  ${url}/v1/events.csv  ${url}/v1/events.ndjson`,
      ...(options.dashboardDir ? [`  dashboard: ${url}/dashboard/`] : []),
      options.publicRead
        ? "  reading:   public (--public-read): no token needed"
        : `  reading:   needs a token: touchpoint token create --db ${options.dbPath} --role admin`,
      ...(options.alerts
        ? [
            `  alerts:    ${options.alerts.rules.length} rule(s) to ${Object.keys(options.alerts.destinations).join(", ")}`,
          ]
        : []),
      `  database:  ${shownTarget(options.dbPath)}`,
      "Press Ctrl+C to stop.",
      "",
    ].join("\n"),
  );
  if (options.publicRead) {
    io.stderr(
      "warning: --public-read: anyone who can reach this collector can read every comment, user id and export\n",
    );
  }
  if (!LOOPBACK_HOSTS.has(flags.host) && !options.publicUrl && !options.publicHosts) {
    io.stderr(
      `warning: requests are answered only for loopback and ${flags.host}; set --public-url or --public-host to the name people use\n`,
    );
  }
  const signal = await stop();
  io.stdout(`${signal}: closing…\n`);
  try {
    await collector.close();
  } catch (error) {
    io.stderr(`touchpoint collect: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  io.stdout("collector closed\n");
  return 0;
}

/** `touchpoint collect`: runs the reference collector until SIGINT or SIGTERM. */
export const run: CliCommand = (argv, io) => runCollect(argv, io, untilSignal);
