import type { TouchpointEvents } from "../api";
import { openOutbox } from "../outbox/index";
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

/**
 * Storage and delivery: keeps events in the site's IndexedDB (in memory until consent, or while
 * IndexedDB fails), and sends them on start, when queued, when back online and when the page
 * hides, from one tab per site at a time.
 */
export async function createDelivery(d: DeliveryDeps) {
  const { env, config } = d;
  const w = env.window;
  let consented = d.consented;
  let stopped = false;
  const cleanups: Array<() => void> = [];

  /** Tells the next page whether to load the engine early to send what waits. */
  const hint = (pending: boolean) => {
    try {
      if (pending) w.localStorage.setItem(d.pendingKey, "1");
      else w.localStorage.removeItem(d.pendingKey);
    } catch {
      // Storage blocked: the next page simply does not know to load the engine early.
    }
  };

  const outbox = await openOutbox({
    env,
    collector: config.collector,
    siteKey: config.siteKey,
    durable: consented,
    mayDeliver: () => consented,
    onSent: (events) => d.emit("sent", { count: events.length, ids: events.map((e) => e.id) }),
    onDrained: () => hint(false),
    report: d.report,
    log: d.log,
  });
  const { store } = outbox;

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
      if (!granted) return outbox.detach();
      await outbox.durable();
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
