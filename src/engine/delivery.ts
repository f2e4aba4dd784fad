import type { TouchpointEvents } from "../api";
import { StorageError } from "../errors";
import { RETRY_BASE_MS, RETRY_MAX_MS } from "../outbox/backoff";
import { DAY_MS, MAX_AGE_DAYS, MAX_BYTES, MAX_EVENTS } from "../outbox/bounds";
import { describeError } from "../outbox/describe";
import { idbStore, versionedStore } from "../outbox/idb";
import { createLeadership, LEASE_MARGIN_MS } from "../outbox/lease";
import { createOutbox } from "../outbox/outbox";
import { resilientStore } from "../outbox/resilient";
import { createTransport, REQUEST_TIMEOUT_MS } from "../outbox/transport";
import type { TouchpointEvent } from "../wire/event";
import type { ResolvedConfig } from "./config";
import type { Environment } from "./types";

export interface DeliveryDeps {
  env: Environment;
  config: ResolvedConfig;
  consented: boolean;
  /** localStorage key of the hint that events wait in the queue. */
  pendingKey: string;
  emit: <K extends keyof TouchpointEvents>(event: K, payload: TouchpointEvents[K]) => void;
  report: (error: unknown) => void;
  log: (message: string) => void;
}

const MEMORY_ONLY = "answers are kept in memory for this page only";

/**
 * Storage and delivery: keeps events in the site's IndexedDB (in memory until consent, or while
 * IndexedDB fails), and sends them on start, when queued, when back online and when the page
 * hides, from one tab per site at a time.
 */
export async function createDelivery(d: DeliveryDeps) {
  const { env, config } = d;
  const w = env.window;
  const c = config.collector;
  let consented = d.consented;
  let stopped = false;
  const cleanups: Array<() => void> = [];
  const store = resilientStore({ ...env, report: d.report, log: d.log });
  const timeoutMs = c.timeoutMs ?? REQUEST_TIMEOUT_MS;

  /** Tells the next page whether to load the engine early to send what waits. */
  const hint = (pending: boolean) => {
    try {
      if (pending) w.localStorage.setItem(d.pendingKey, "1");
      else w.localStorage.removeItem(d.pendingKey);
    } catch {
      // Storage blocked: the next page simply does not know to load the engine early.
    }
  };

  async function openDurable(): Promise<void> {
    if (store.kind === "indexeddb") return;
    if (!env.indexedDB)
      return d.report(new StorageError(`IndexedDB is not available; ${MEMORY_ONLY}`));
    let problem: unknown;
    try {
      problem = await store.attach(
        idbStore(versionedStore(env.indexedDB, `touchpoint:${config.siteKey}`)),
      );
    } catch (error) {
      problem = error;
    }
    if (problem)
      d.report(
        new StorageError(
          `IndexedDB could not be opened (${describeError(problem)}); ${MEMORY_ONLY}`,
          problem,
        ),
      );
  }

  const nav = w.navigator;
  const outbox = createOutbox({
    store: () => store,
    transport: createTransport({
      ...c,
      ...env,
      timeoutMs,
      beacon: nav.sendBeacon ? (url, data) => nav.sendBeacon(url, data) : undefined,
      keepalive: typeof Request === "function" && "keepalive" in Request.prototype,
    }),
    lead: createLeadership({
      store: () => store,
      locks: nav.locks,
      name: `touchpoint:${config.siteKey}:flush`,
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
    ...env,
    mayDeliver: () => consented,
    onSent: (events) => d.emit("sent", { count: events.length, ids: events.map((e) => e.id) }),
    onDrained: () => hint(false),
    onError: d.report,
  });

  function listen(target: EventTarget, type: string, handler: () => void): void {
    const safe = () => {
      if (!stopped) handler();
    };
    target.addEventListener(type, safe, { passive: true });
    cleanups.push(() => target.removeEventListener(type, safe));
  }
  // `online` only hurries a retry along: delivery never relies on navigator.onLine.
  listen(w, "online", () => void outbox.retryNow());
  listen(w, "pagehide", outbox.unload);
  listen(w, "pageshow", outbox.shown);
  listen(w.document, "visibilitychange", () => {
    if (w.document.visibilityState === "hidden") outbox.unload();
    else outbox.shown();
  });

  if (consented) await openDurable();

  return {
    store: () => store,
    /** Resolves once the event is durable (or in memory when storage fails): then thank the visitor. */
    async record(event: TouchpointEvent): Promise<void> {
      await outbox.enqueue(event);
      if (store.kind === "indexeddb") hint(true);
    },
    flush: () => outbox.retryNow(),
    async consent(granted: boolean): Promise<void> {
      consented = granted;
      if (!granted) return store.detach();
      await openDurable();
      hint(true);
      await outbox.flush();
    },
    stop(): void {
      stopped = true;
      for (const cleanup of cleanups.splice(0)) cleanup();
      outbox.stop();
    },
  };
}

export type Delivery = Awaited<ReturnType<typeof createDelivery>>;
