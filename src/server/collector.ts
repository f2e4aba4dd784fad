import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type Access, createAccess } from "./access";
import { DEFAULT_FOLLOW_UP_TARGET_HOURS, resolveAlerts } from "./alerts/config";
import { type AlertDelivery, startAlertDelivery } from "./alerts/deliver";
import { answerClientError } from "./client-error";
import { handleConfig } from "./config-api";
import { answerPreflight, OriginPolicy } from "./cors";
import type { CollectorDatabase } from "./db";
import { FOLLOW_UP_PREFIXES, type FollowUpContext, handleFollowUps } from "./followups/api";
import { openFollowUps } from "./followups/open";
import { HostPolicy } from "./host";
import { HttpError, sendError } from "./http";
import { handleIngest, type IngestContext } from "./ingest";
import { type CollectorOptions, resolveOptions } from "./options";
import { RateLimiter } from "./rate-limit";
import { READ_ROUTES, type ReadContext } from "./read-api";
import { handleSession } from "./session";
import { serveStatic } from "./static";
import { openStore } from "./storage/open";
import { SqliteStore } from "./storage/sqlite";
import { storesOf } from "./storage/stores";
import { type EventStore, StoreUnavailableError } from "./storage/types";

/** Paths that accept events: the documented one and a short alias. */
const INGEST_PATHS = new Set(["/v1/events", "/collect"]);
const SESSION_PATH = "/v1/session";
const DASHBOARD_PREFIX = "/dashboard/";
/** Read routes anyone may call: they hold no feedback. */
const PUBLIC_READS = new Set(["/healthz"]);
/** Time allowed for a client to send its whole request. */
const REQUEST_TIMEOUT_MS = 30_000;
/** How often Node checks for expired header and request timeouts (its default is 30 s). */
const TIMEOUT_CHECK_MS = 1000;
/** Time in-flight requests get to finish on `close()` before their connections are cut. */
const CLOSE_GRACE_MS = 5000;

/** A running (or ready to run) reference collector. */
export interface Collector {
  /** The underlying Node server, e.g. to attach it to an existing listener. */
  server: Server;
  /** Starts listening; `port` 0 picks a free port. Resolves to the base URL. */
  listen(port: number, host?: string): Promise<{ url: string }>;
  /** Stops accepting requests, lets in-flight ones finish, then closes the database. */
  close(): Promise<void>;
  /** Where events are stored and read from (SQLite or PostgreSQL). */
  store: EventStore;
  /**
   * The SQLite database (read it, but write events only through the collector). Throws when
   * the collector stores in PostgreSQL.
   */
  readonly db: CollectorDatabase;
  /** Access control: every route that reads results or changes state calls `authorize`. */
  access: Access;
}

function hasUnreadBody(req: IncomingMessage): boolean {
  const declared = Number(req.headers["content-length"] ?? 0);
  return !req.complete && (declared > 0 || req.headers["transfer-encoding"] !== undefined);
}

function methodNotAllowed(allow: string): HttpError {
  return new HttpError(405, `method not allowed; use ${allow}`, { Allow: allow });
}

function unavailable(error: StoreUnavailableError): HttpError {
  return new HttpError(503, "the database is unavailable; retry later", {
    "Retry-After": String(error.retryAfter),
  });
}

/**
 * Creates the collector and opens (and migrates) its database: a SQLite file, or PostgreSQL when
 * `dbPath` is a `postgres://` URL (connected and migrated in the background; `listen` waits).
 */
export function createCollector(collectorOptions: CollectorOptions): Collector {
  const options = resolveOptions(collectorOptions);
  const alerts =
    collectorOptions.alerts === undefined
      ? undefined
      : resolveAlerts(collectorOptions.alerts, "alerts");
  const store = openStore(options.dbPath, {
    log: options.log,
    now: options.now,
    ...(options.poolSize === undefined ? {} : { poolSize: options.poolSize }),
    ...(options.poolWaitMs === undefined ? {} : { poolWaitMs: options.poolWaitMs }),
  });
  const db = store instanceof SqliteStore ? store.db : undefined;
  const policy = new OriginPolicy(options.sites, options.allowOrigins);
  const hosts = new HostPolicy(options.publicHosts);
  const stores = storesOf(store);
  const tokens = createAccess({
    store: stores.access,
    publicRead: options.publicRead,
    trustProxy: options.trustProxy,
    now: options.now,
  });
  // A custom access control (tests, single sign-on) replaces the token check on every route;
  // dashboard sessions are always token sessions.
  const access: Access = collectorOptions.access ?? tokens;
  // Alerts are queued in the answer's transaction, on either engine.
  const { outbox, followUps: followUpStore } = openFollowUps(store, alerts?.rules, options.now);
  let delivery: AlertDelivery | undefined;
  let baseUrl = "http://127.0.0.1";
  const writeEvents = (events: Parameters<EventStore["write"]>[0], receivedAt: string) =>
    store.write(events, receivedAt);
  const ingest: IngestContext = {
    options,
    policy,
    limiter: options.rateLimit ? new RateLimiter(options.rateLimit, options.now) : undefined,
    write: async (events, receivedAt) => {
      const stored = await writeEvents(events, receivedAt);
      delivery?.wake();
      return stored;
    },
  };
  const followUps: FollowUpContext = {
    access,
    followUps: followUpStore,
    outbox,
    targetHours: alerts?.followUpTargetHours ?? DEFAULT_FOLLOW_UP_TARGET_HOURS,
    now: options.now,
    wake: () => delivery?.wake(),
  };
  const configs = { options, policy, access, store: stores.configs };
  const read: ReadContext = {
    store,
    journey: options.journey,
    now: options.now,
  };

  async function route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    hosts.check(req);
    const path = url.pathname;
    const method = req.method ?? "GET";
    if (path === SESSION_PATH) {
      if (!["GET", "POST", "DELETE"].includes(method)) throw methodNotAllowed("GET, POST, DELETE");
      await handleSession(req, res, tokens, options.secureCookies);
      return;
    }
    if (options.dashboardDir !== undefined && `${path}/`.startsWith(DASHBOARD_PREFIX)) {
      if (method !== "GET" && method !== "HEAD") throw methodNotAllowed("GET, HEAD");
      if (path.length < DASHBOARD_PREFIX.length) {
        res.writeHead(301, { Location: DASHBOARD_PREFIX }).end();
        return;
      }
      await serveStatic(req, res, options.dashboardDir, path.slice(DASHBOARD_PREFIX.length));
      return;
    }
    if (await handleConfig(req, res, url, configs)) return;
    if (FOLLOW_UP_PREFIXES.some((prefix) => path.startsWith(prefix))) {
      if (await handleFollowUps(req, res, url, followUps)) return;
    }
    const reader = READ_ROUTES[path];
    const allow = INGEST_PATHS.has(path) ? "POST" : reader ? "GET, HEAD" : undefined;
    if (allow === undefined) throw new HttpError(404, `no route for ${path}`);
    // Only ingest is open to other origins: no origin list ever grants reading.
    if (method === "OPTIONS" && !reader) return answerPreflight(req, res, policy, allow);
    if (!allow.split(", ").includes(method)) throw methodNotAllowed(allow);
    if (reader) {
      const scope = PUBLIC_READS.has(path) ? undefined : await readScope(req, url);
      await reader(url, res, read, scope);
      return;
    }
    await handleIngest(req, res, ingest);
  }

  /** Checks the `read` right on the requested site; narrows a site-bound token to its site. */
  async function readScope(req: IncomingMessage, url: URL): Promise<string | undefined> {
    const site = url.searchParams.get("siteKey") || undefined;
    const principal = await access.authorize(req, site, "read");
    if (principal.site !== undefined) url.searchParams.set("siteKey", principal.site);
    return principal.site;
  }

  function fail(req: IncomingMessage, res: ServerResponse, thrown: unknown): void {
    const error = thrown instanceof StoreUnavailableError ? unavailable(thrown) : thrown;
    const refusal = error instanceof HttpError ? error : new HttpError(500, "internal error");
    const detail =
      error instanceof HttpError
        ? `${error.message}${thrown === error ? "" : ` (${(thrown as Error).message})`}`
        : error instanceof Error
          ? error.stack
          : String(error);
    options.log(`${req.method ?? "?"} ${req.url ?? "?"} ${refusal.status} ${detail}`);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    // Answering before the body was read: close rather than read a body nobody wants.
    if (hasUnreadBody(req)) res.setHeader("Connection", "close");
    sendError(res, refusal);
  }

  const server = createServer(
    {
      headersTimeout: options.headersTimeoutMs,
      requestTimeout: Math.max(REQUEST_TIMEOUT_MS, options.headersTimeoutMs + 1000),
      connectionsCheckingInterval: Math.min(TIMEOUT_CHECK_MS, options.headersTimeoutMs / 4),
      // Node's own refusal of a request without Host has an empty body; HostPolicy's is JSON.
      requireHostHeader: false,
    },
    (req, res) => {
      res.setHeader("X-Content-Type-Options", "nosniff");
      const url = new URL(req.url ?? "/", "http://collector.invalid");
      route(req, res, url).catch((error: unknown) => fail(req, res, error));
    },
  );
  server.on("clientError", (error: NodeJS.ErrnoException, socket) =>
    answerClientError(error, socket, options),
  );

  let closing: Promise<void> | undefined;
  const close = () => {
    const stopped = delivery?.stop() ?? Promise.resolve();
    closing ??= new Promise<void>((resolve, reject) => {
      const cut = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
      const finish = (error?: Error) => {
        clearTimeout(cut);
        store.close().then(() => {
          if (error && (error as NodeJS.ErrnoException).code !== "ERR_SERVER_NOT_RUNNING") {
            reject(error);
            return;
          }
          resolve();
        }, reject);
      };
      server.close((error) => void stopped.then(() => finish(error)));
      server.closeIdleConnections();
    });
    return closing;
  };

  const listen = async (port: number, host = "127.0.0.1") => {
    await store.ready;
    return new Promise<{ url: string }>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => {
        server.off("error", reject);
        const address = server.address() as AddressInfo;
        const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
        // Listening on one concrete address (not 0.0.0.0 or ::) answers requests naming it.
        if (!["0.0.0.0", "::"].includes(address.address)) hosts.add(shownHost);
        baseUrl = `http://${shownHost}:${address.port}`;
        if (alerts && !delivery) {
          delivery = startAlertDelivery({
            outbox,
            alerts,
            dashboardUrl: () => alerts.dashboardUrl ?? `${baseUrl}${DASHBOARD_PREFIX}`,
            now: options.now,
            log: options.log,
            ...(collectorOptions.onAlertAttempt
              ? { onAttempt: collectorOptions.onAlertAttempt }
              : {}),
          });
        }
        resolve({ url: baseUrl });
      });
    });
  };

  return {
    server,
    listen,
    close,
    store,
    get db(): CollectorDatabase {
      if (db) return db;
      throw new Error("this collector stores events in PostgreSQL; it has no SQLite database");
    },
    access,
  };
}
