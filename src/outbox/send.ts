import type { TouchpointEvents } from "../api";
import type { CollectorConfig } from "../config/types";
import { RETRY_BASE_MS, RETRY_MAX_MS } from "./backoff";
import { DAY_MS, MAX_AGE_DAYS, MAX_BYTES, MAX_EVENTS } from "./bounds";
import { createLeadership, LEASE_MARGIN_MS } from "./lease";
import { createOutbox } from "./outbox";
import type { Known } from "./queued-item";
import type { Store } from "./store";
import { createTransport, REQUEST_TIMEOUT_MS } from "./transport";

/** What sending takes from the browser, captured when Touchpoint loaded. */
export interface SendEnvironment {
  window: Window;
  fetch: typeof fetch;
  /** `JSON.stringify` as it was at load (the page may break it later). */
  stringify?: typeof JSON.stringify | undefined;
  now: () => number;
  random: () => number;
  setTimeout: (callback: () => void, ms: number) => number;
  clearTimeout: (id: number) => void;
}

export interface SendingOptions {
  env: SendEnvironment;
  /** Where and how to send; every limit left out takes its default (see `CollectorConfig`). */
  collector: CollectorConfig;
  /** Names the site's lock and lease. */
  siteKey: string;
  /** The site's store, where the engine keeps the queued events (see `enqueue`). */
  store: () => Store;
  /** What this tab knows is queued, shared with the engine's `enqueue`. */
  known: Known;
  /** False while consent is pending: nothing is sent. */
  mayDeliver: () => boolean;
  /** The collector acknowledged these events. */
  onSent: (sent: TouchpointEvents["sent"]) => void;
  /** The queue was found empty. */
  onDrained: () => void;
  /** Events refused, dropped or not sendable: a `DeliveryError` or a message. */
  report: (error: string | Error) => void;
}

/**
 * Sending, the lazily loaded part of the engine: batches the queued events to the collector,
 * backs off and retries, from one tab per site at a time, and sends what it can with keepalive
 * when the page hides. Starts with what the engine queued before this part loaded.
 *
 * A lazily loaded chunk imports no module the engine chunk holds (it would tie the two files
 * together): only types and constants cross, so errors are described here with `String(error)`
 * ("TypeError: Failed to fetch") and request bodies measured with `Blob`.
 */
export function startSending(o: SendingOptions) {
  const { env, collector: c } = o;
  const w = env.window;
  const nav = w.navigator;
  const timeoutMs = c.timeoutMs ?? REQUEST_TIMEOUT_MS;
  const outbox = createOutbox({
    ...env,
    store: o.store,
    known: o.known,
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
      store: o.store,
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
    onSent: (events) => o.onSent({ count: events.length, ids: events.map((e) => e.id) }),
    onDrained: o.onDrained,
    onError: o.report,
  });

  const cleanups: Array<() => void> = [];
  function listen(target: EventTarget, type: string, handler: () => void): void {
    target.addEventListener(type, handler, { passive: true });
    cleanups.push(() => target.removeEventListener(type, handler));
  }
  listen(w, "pagehide", outbox.unload);
  listen(w, "pageshow", outbox.shown);
  listen(w.document, "visibilitychange", () => {
    if (w.document.visibilityState === "hidden") outbox.unload();
    else outbox.shown();
  });
  // Events the engine kept while this part was loading go out like any just queued.
  if (o.known.size) outbox.queued();

  return {
    flush: outbox.flush,
    /** Ends the wait after failures (back online, or the site asked), then flushes. */
    retryNow: outbox.retryNow,
    queued: outbox.queued,
    stop(): void {
      for (const cleanup of cleanups.splice(0)) cleanup();
      outbox.stop();
    },
  };
}

export type Sending = ReturnType<typeof startSending>;
