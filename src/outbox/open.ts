import type { CollectorConfig } from "../config/types";
import { StorageError } from "../errors";
import type { TouchpointEvent } from "../wire/event";
import { RETRY_BASE_MS, RETRY_MAX_MS } from "./backoff";
import { DAY_MS, MAX_AGE_DAYS, MAX_BYTES, MAX_EVENTS } from "./bounds";
import { describeError } from "./describe";
import { idbStore, versionedStore } from "./idb";
import { createLeadership, LEASE_MARGIN_MS } from "./lease";
import { createOutbox } from "./outbox";
import { resilientStore } from "./resilient";
import { createTransport, REQUEST_TIMEOUT_MS } from "./transport";

/** What the outbox takes from the browser, captured when Touchpoint loaded. */
export interface OutboxEnvironment {
  window: Window;
  fetch: typeof fetch;
  /** `JSON.stringify` as it was at load (the page may break it later). */
  stringify?: typeof JSON.stringify | undefined;
  indexedDB: IDBFactory | undefined;
  now: () => number;
  random: () => number;
  setTimeout: (callback: () => void, ms: number) => number;
  clearTimeout: (id: number) => void;
}

export interface OpenOutboxOptions {
  env: OutboxEnvironment;
  /** Where and how to send; every limit left out takes its default (see `CollectorConfig`). */
  collector: CollectorConfig;
  /** Names the site's database, lock and lease. */
  siteKey: string;
  /** Open IndexedDB now (consent given or not needed); else memory until {@link OpenedOutbox.durable}. */
  durable: boolean;
  /** False while consent is pending: nothing is sent. */
  mayDeliver: () => boolean;
  onSent: (events: TouchpointEvent[]) => void;
  /** The queue was found empty. */
  onDrained: () => void;
  /** Something the site should hear about (storage failing, events refused or dropped). */
  /** Storage failures come as a `StorageError`, delivery failures as a `DeliveryError`. */
  report: (error: string | Error) => void;
  /** Debug detail. */
  log: (message: string) => void;
}

const MEMORY_ONLY = "answers are kept in memory for this page only";

/**
 * The outbox's one front door: the site's store (IndexedDB, in memory while it cannot be used),
 * the transport to the collector, one flusher per site across tabs, and the queue's bounds, each
 * with its default. Resolves once IndexedDB is open (or found unusable, reported) when `durable`.
 */
export async function openOutbox(o: OpenOutboxOptions) {
  const { env, collector: c } = o;
  const nav = env.window.navigator;
  const store = resilientStore({ ...env, report: o.report, log: o.log });
  const timeoutMs = c.timeoutMs ?? REQUEST_TIMEOUT_MS;

  async function durable(): Promise<void> {
    if (store.kind === "indexeddb") return;
    if (!env.indexedDB)
      return o.report(new StorageError(`IndexedDB is not available; ${MEMORY_ONLY}`));
    let problem: unknown;
    try {
      problem = await store.attach(
        idbStore(versionedStore(env.indexedDB, `touchpoint:${o.siteKey}`)),
      );
    } catch (error) {
      problem = error;
    }
    if (problem)
      o.report(
        new StorageError(
          `IndexedDB could not be opened (${describeError(problem)}); ${MEMORY_ONLY}`,
          problem,
        ),
      );
  }

  const outbox = createOutbox({
    ...env,
    store: () => store,
    transport: createTransport({
      ...c,
      ...env,
      format: c.format ?? "json",
      headers: c.headers ?? {},
      timeoutMs,
      beacon: nav.sendBeacon ? (url, data) => nav.sendBeacon(url, data) : undefined,
      keepalive: typeof Request === "function" && "keepalive" in Request.prototype,
    }),
    lead: createLeadership({
      store: () => store,
      locks: nav.locks,
      name: `touchpoint:${o.siteKey}:flush`,
      me: String(env.random()),
      now: env.now,
      leaseMs: timeoutMs + LEASE_MARGIN_MS,
    }),
    limits: {
      maxEvents: c.maxEvents ?? MAX_EVENTS,
      maxBytes: c.maxBytes ?? MAX_BYTES,
      maxAgeMs: (c.maxAgeDays ?? MAX_AGE_DAYS) * DAY_MS,
      retryBaseMs: c.retryBaseMs ?? RETRY_BASE_MS,
      retryMaxMs: c.retryMaxMs ?? RETRY_MAX_MS,
    },
    mayDeliver: o.mayDeliver,
    onSent: o.onSent,
    onDrained: o.onDrained,
    onError: o.report,
  });
  if (o.durable) await durable();

  return {
    ...outbox,
    /** The site's store: queued events beside the visitor id, the ledger and the lease. */
    store,
    /** Moves to IndexedDB (consent given), with what memory holds. */
    durable,
    /** Keeps new writes in memory only (consent withdrawn); nothing stored is deleted. */
    detach: () => store.detach(),
  };
}

export type OpenedOutbox = Awaited<ReturnType<typeof openOutbox>>;
