import type { TouchpointEvent } from "../wire/event";
import type { Access } from "./access";
import type { AlertsConfig } from "./alerts/types";
import { normalizeHost } from "./host";

/** Which browser origins may send events for one site key. */
export interface SitePolicy {
  /**
   * Origins allowed to POST events for this site key, e.g. `"https://shop.example"`.
   * `"*"` allows any origin.
   */
  allowedOrigins: string[];
}

/** Token-bucket limit on ingest requests, applied per site key. */
export interface RateLimitOptions {
  /**
   * Tokens added per second; one request takes one token.
   * @default 50
   */
  requestsPerSecond: number;
  /**
   * Bucket size: how many requests may arrive at once after a quiet period.
   * @default 100
   */
  burst: number;
}

/** Options of {@link createCollector}. */
export interface CollectorOptions {
  /**
   * SQLite database file, created when missing (`":memory:"` keeps nothing), or a PostgreSQL
   * URL, `postgres://user@host:5432/dbname`, for any number of collectors sharing one database.
   */
  dbPath: string;
  /**
   * PostgreSQL only: connections this collector keeps open.
   * @default 10
   */
  poolSize?: number;
  /**
   * PostgreSQL only: milliseconds a request waits for a free connection before it is answered
   * 503 with `Retry-After`.
   * @default 5000
   */
  poolWaitMs?: number;
  /**
   * Known site keys and their allowed origins. When given, events for any other site key are
   * refused with 403. When omitted, any site key is accepted and `allowOrigins` applies.
   */
  sites?: Record<string, SitePolicy>;
  /**
   * Allowed origins when `sites` is omitted; `"*"` allows any origin. Requests without an
   * `Origin` header (servers, curl) and same-origin requests are always allowed.
   * @default []
   */
  allowOrigins?: string[];
  /**
   * Largest request body accepted; larger bodies get 413 without being buffered.
   * @default 1048576
   */
  bodyLimitBytes?: number;
  /**
   * Per-site-key request limit, or `false` for none.
   * @default { requestsPerSecond: 50, burst: 100 }
   */
  rateLimit?: RateLimitOptions | false;
  /**
   * Most events accepted in one request; larger batches get 413.
   * @default 1000
   */
  maxEventsPerBatch?: number;
  /** Receives one line per refused or failed request and per server error. */
  log?: (line: string) => void;
  /** Called after each accepted batch is committed, e.g. to print what arrived. */
  onIngest?: (events: readonly TouchpointEvent[], stored: number) => void;
  /** Directory whose files are served under `/dashboard/`; nothing is served when omitted. */
  dashboardDir?: string;
  /**
   * Touchpoint names in the order a visitor meets them, so the dashboard lays its stages out as
   * the journey (touchpoints not named follow, alphabetically). Served at `GET /v1/meta`.
   * @default []
   * @example ["cart", "order_confirmation", "help_article"]
   */
  journey?: string[];
  /**
   * Who may read results, publish configs and manage follow-ups. Ingest stays public.
   * @default tokens and dashboard sessions stored in the collector's database (`touchpoint token`)
   */
  access?: Access;
  /**
   * Lets anyone who can reach the collector read every site's results, comments and exports
   * without a token. Writes (config, follow-ups) still need one.
   * @default false
   */
  publicRead?: boolean;
  /**
   * The URL people and pages use to reach the collector, e.g. `"https://feedback.example.com"`.
   * Its host is answered (see `publicHosts`), and an `https` URL marks the session cookie `Secure`.
   */
  publicUrl?: string;
  /**
   * Host names (with an optional port) the collector answers besides loopback; a request with
   * any other `Host` header gets 421, which defeats DNS rebinding.
   * @default []
   * @example ["feedback.example.com"]
   */
  publicHosts?: string[];
  /**
   * The collector sits behind a reverse proxy on this machine: the client address used to limit
   * failed sign-ins is the last `X-Forwarded-For` entry of requests from loopback, instead of the
   * proxy's own address (which would make one limit for everyone).
   * @default false
   */
  trustProxy?: boolean;
  /**
   * Milliseconds a client has to send its request headers before the connection is cut.
   * @default 10000
   */
  headersTimeoutMs?: number;
  /**
   * Largest config accepted by a publish (`PUT /v1/config/<site>`); larger bodies get 413.
   * @default 262144
   */
  configLimitBytes?: number;
  /**
   * Alert rules: which answers are sent where (signed webhooks, Slack), as in the file of
   * `touchpoint collect --alerts alerts.json`. Checked at start; a bad one throws an
   * `AlertsConfigError` listing every problem with its path.
   */
  alerts?: AlertsConfig;
  /** Called after each alert delivery attempt (benchmarks, tests, logs). */
  onAlertAttempt?: (
    alert: { id: string; eventId: string; destination: string; attempts: number },
    outcome: "delivered" | "retry" | "dead",
    reason?: string,
  ) => void;
  /**
   * Milliseconds since the epoch; used for `received_at` and rate limiting.
   * @default Date.now
   */
  now?: () => number;
}

/** Default largest request body: 1 MiB holds about 1,000 events with long comments. */
export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;
/** Default largest published config: the biggest valid config (50 surveys) fits many times. */
export const DEFAULT_CONFIG_LIMIT_BYTES = 256 * 1024;
/** Default largest batch; the SDK sends far smaller ones. */
export const DEFAULT_MAX_EVENTS_PER_BATCH = 1000;
/** Default per-site-key request limit. */
export const DEFAULT_RATE_LIMIT: RateLimitOptions = { requestsPerSecond: 50, burst: 100 };
/** Most stages in `journey`. */
export const MAX_JOURNEY_STAGES = 100;
/** Wildcard origin entry: any origin is allowed. */
export const ANY_ORIGIN = "*";

/** Options with every default filled in and every origin normalized. */
export interface ResolvedOptions {
  dbPath: string;
  poolSize: number | undefined;
  poolWaitMs: number | undefined;
  sites: Map<string, ReadonlySet<string>> | undefined;
  allowOrigins: ReadonlySet<string>;
  bodyLimitBytes: number;
  rateLimit: RateLimitOptions | false;
  maxEventsPerBatch: number;
  log: (line: string) => void;
  onIngest: (events: readonly TouchpointEvent[], stored: number) => void;
  dashboardDir: string | undefined;
  journey: readonly string[];
  publicRead: boolean;
  trustProxy: boolean;
  publicHosts: ReadonlySet<string>;
  /** The session cookie is marked `Secure` (the public URL is https). */
  secureCookies: boolean;
  headersTimeoutMs: number;
  configLimitBytes: number;
  now: () => number;
}

/** Default time a client has to send its headers. */
export const DEFAULT_HEADERS_TIMEOUT_MS = 10_000;

/**
 * Turns `"https://Shop.example/"` into `"https://shop.example"`; throws on anything that is not
 * an http(s) origin or `"*"`, so a typo in a config fails at start rather than refusing traffic.
 */
export function normalizeOrigin(origin: string): string {
  if (origin === ANY_ORIGIN) return origin;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    throw new TypeError(`expected an origin like "https://shop.example" or "*", got "${origin}"`);
  }
  const bare = url.pathname === "/" && !url.search && !url.hash && !url.username;
  if ((url.protocol !== "http:" && url.protocol !== "https:") || !bare) {
    throw new TypeError(`expected an origin like "https://shop.example" or "*", got "${origin}"`);
  }
  return url.origin;
}

function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new TypeError(`${name}: expected a positive integer, got ${String(value)}`);
  }
  return value;
}

function resolveRateLimit(value: RateLimitOptions | false | undefined): RateLimitOptions | false {
  if (value === false) return false;
  if (value === undefined) return DEFAULT_RATE_LIMIT;
  if (!(value.requestsPerSecond > 0) || !(value.burst >= 1)) {
    throw new TypeError(
      `rateLimit: expected requestsPerSecond > 0 and burst >= 1, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

function resolveJourney(journey: readonly string[] | undefined): readonly string[] {
  if (journey === undefined) return [];
  const bad = journey.find((name) => typeof name !== "string" || !name || name.length > 128);
  if (bad !== undefined || journey.length > MAX_JOURNEY_STAGES) {
    throw new TypeError(
      `journey: expected at most ${MAX_JOURNEY_STAGES} touchpoint names of 1 to 128 characters, got ${JSON.stringify(bad ?? journey.length)}`,
    );
  }
  return [...new Set(journey)];
}

function resolvePublic(publicUrl: string | undefined, hosts: readonly string[]) {
  const publicHosts = new Set<string>();
  const add = (name: string, value: string) => {
    try {
      publicHosts.add(normalizeHost(value));
    } catch (error) {
      throw new TypeError(`${name}: ${(error as Error).message}`);
    }
  };
  let secureCookies = false;
  if (publicUrl !== undefined) {
    const protocol = /^([a-z]+):\/\//i.exec(publicUrl)?.[1]?.toLowerCase();
    if (protocol !== "http" && protocol !== "https") {
      throw new TypeError(`publicUrl: expected an http(s) URL, got "${publicUrl}"`);
    }
    add("publicUrl", publicUrl);
    secureCookies = protocol === "https";
  }
  for (const host of hosts) add("publicHosts", host);
  return { publicHosts, secureCookies };
}

/** Fills in defaults and checks the options; throws a `TypeError` naming the bad option. */
export function resolveOptions(options: CollectorOptions): ResolvedOptions {
  const sites = options.sites
    ? new Map(
        Object.entries(options.sites).map(([key, policy]) => [
          key,
          new Set(policy.allowedOrigins.map(normalizeOrigin)),
        ]),
      )
    : undefined;
  return {
    dbPath: options.dbPath,
    poolSize:
      options.poolSize === undefined ? undefined : positiveInteger("poolSize", options.poolSize, 1),
    poolWaitMs:
      options.poolWaitMs === undefined
        ? undefined
        : positiveInteger("poolWaitMs", options.poolWaitMs, 1),
    sites,
    allowOrigins: new Set((options.allowOrigins ?? []).map(normalizeOrigin)),
    bodyLimitBytes: positiveInteger(
      "bodyLimitBytes",
      options.bodyLimitBytes,
      DEFAULT_BODY_LIMIT_BYTES,
    ),
    rateLimit: resolveRateLimit(options.rateLimit),
    maxEventsPerBatch: positiveInteger(
      "maxEventsPerBatch",
      options.maxEventsPerBatch,
      DEFAULT_MAX_EVENTS_PER_BATCH,
    ),
    log: options.log ?? (() => undefined),
    onIngest: options.onIngest ?? (() => undefined),
    dashboardDir: options.dashboardDir,
    journey: resolveJourney(options.journey),
    publicRead: options.publicRead ?? false,
    trustProxy: options.trustProxy ?? false,
    ...resolvePublic(options.publicUrl, options.publicHosts ?? []),
    headersTimeoutMs: positiveInteger(
      "headersTimeoutMs",
      options.headersTimeoutMs,
      DEFAULT_HEADERS_TIMEOUT_MS,
    ),
    configLimitBytes: positiveInteger(
      "configLimitBytes",
      options.configLimitBytes,
      DEFAULT_CONFIG_LIMIT_BYTES,
    ),
    now: options.now ?? Date.now,
  };
}
