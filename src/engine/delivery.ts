import type { ResolvedConfig } from "../core/config";
import type { Environment } from "../core/env";
import type { TouchpointEvent } from "../outbox/event";
import { createOutbox, QUEUE_PREFIX, type QueuedItem } from "../outbox/outbox";
import { memoryStore, openStore, type Store } from "../outbox/store";
import { createTransport } from "../outbox/transport";
import type { TouchpointEvents } from "../touchpoint";

export interface DeliveryDeps {
  env: Environment;
  config: ResolvedConfig;
  consented: boolean;
  /** localStorage key of the hint that events wait in the queue. */
  pendingKey: string;
  emit: <K extends keyof TouchpointEvents>(event: K, payload: TouchpointEvents[K]) => void;
  report: (message: string) => void;
}

/**
 * Storage and delivery: opens the site's store (memory until consent, or when IndexedDB fails),
 * writes events durably, and sends them on start, when back online and when the page hides.
 */
export async function createDelivery(d: DeliveryDeps) {
  const { env, config } = d;
  const w = env.window;
  let consented = d.consented;
  let store: Store = memoryStore();
  let stopped = false;
  const cleanups: Array<() => void> = [];

  async function openDurable(): Promise<void> {
    if (store.kind === "indexeddb") return;
    const opened = await openStore(config.siteKey, env.indexedDB, env.setTimeout);
    if (opened.problem)
      d.report(`${opened.problem}; answers are kept in memory for this page only`);
    const held = await store.list<QueuedItem>(QUEUE_PREFIX);
    store = opened.store;
    for (const item of held) await store.set(QUEUE_PREFIX + item.event.id, item);
  }

  /** Tells the next page whether to load the engine early to send what waits. */
  const hint = (pending: boolean) => {
    try {
      if (pending) w.localStorage.setItem(d.pendingKey, "1");
      else w.localStorage.removeItem(d.pendingKey);
    } catch {
      // Storage blocked: the next page simply does not know to load the engine early.
    }
  };

  const outbox = createOutbox({
    store: () => store,
    transport: createTransport({ ...config.collector, ...env }),
    now: env.now,
    random: env.random,
    setTimeout: env.setTimeout,
    clearTimeout: env.clearTimeout,
    exclusive: (task) => {
      const locks = w.navigator.locks;
      if (!locks || store.kind === "memory") return task();
      return locks
        .request(`touchpoint:${config.siteKey}:flush`, { ifAvailable: true }, async (lock) => {
          if (lock) await task();
        })
        .then(() => undefined);
    },
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
  listen(w, "online", () => void outbox.flush());
  listen(w, "pagehide", () => void outbox.flush({ keepalive: true }));
  listen(w.document, "visibilitychange", () => {
    if (w.document.visibilityState === "hidden") void outbox.flush({ keepalive: true });
  });

  if (consented) await openDurable();

  return {
    store: () => store,
    /** Durable write; on a storage failure the event moves to memory and the visitor is not failed. */
    async record(event: TouchpointEvent): Promise<void> {
      try {
        await outbox.enqueue(event);
      } catch (error) {
        if (store.kind === "memory") throw error;
        d.report(
          `storage failed (${error instanceof Error ? error.message : String(error)}); keeping events in memory for this page`,
        );
        store = memoryStore();
        await outbox.enqueue(event);
      }
      if (store.kind === "indexeddb") hint(true);
    },
    flush: () => outbox.flush(),
    async consent(granted: boolean): Promise<void> {
      consented = granted;
      if (!granted) return;
      await openDurable();
      if ((await store.list(QUEUE_PREFIX)).length) hint(true);
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
