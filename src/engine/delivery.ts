import type { TouchpointEvents } from "../api";
import { describeError } from "../outbox/describe";
import { enqueue, type Known, openStore } from "../outbox/index";
import type { TouchpointEvent } from "../wire/event";
import type { ResolvedConfig } from "./config";
import type { Environment } from "./types";

/** Fetches the sending part of the engine (its own chunk). */
export type LoadSending = () => Promise<typeof import("../outbox/send")>;

export interface DeliveryDeps {
  env: Environment;
  config: ResolvedConfig;
  consented: boolean;
  /** localStorage key of the hint that events wait in the queue. */
  pendingKey: string;
  emit: <K extends keyof TouchpointEvents>(event: K, payload: TouchpointEvents[K]) => void;
  report: (error: unknown) => void;
  log: (message: string) => void;
  /** Fetches the sending part; tests pass one that fails. */
  loadSending?: LoadSending;
}

const importSending: LoadSending = () => import("../outbox/send");

/**
 * Keeping and sending: events are kept in the site's IndexedDB (in memory until consent, or
 * while IndexedDB fails) by the engine itself, so an answer is durable before the visitor is
 * thanked; sending them (batches, retries, one tab per site) is a part of its own, fetched as
 * the engine starts and started only once there is something to send (an event recorded here,
 * `flush` for what earlier pages left, consent). Until it has loaded, `flush` and `consent` wait
 * for it; if it cannot load, the events stay queued, and the next `flush`, `online` or page tries
 * again.
 */
export async function createDelivery(d: DeliveryDeps) {
  const { env, config } = d;
  const w = env.window;
  const loadSending = d.loadSending ?? importSending;
  let consented = d.consented;
  let stopped = false;
  const known: Known = new Map();

  /** Tells the next page whether to load the engine early to send what waits. */
  const hint = (pending: boolean) => {
    try {
      if (pending) w.localStorage.setItem(d.pendingKey, "1");
      else w.localStorage.removeItem(d.pendingKey);
    } catch {
      // Storage blocked: the next page simply does not know to load the engine early.
    }
  };

  const { store, durable, visitor } = await openStore({
    env,
    siteKey: config.siteKey,
    durable: consented,
    report: d.report,
    log: d.log,
  });

  let sending: import("../outbox/send").Sending | undefined;
  let loading: Promise<typeof sending> | undefined;
  let loadFailed = false;
  /** The sending part, once loaded (fetched once; again after a failure). */
  function sender(): Promise<typeof sending> {
    loading ??= loadSending().then(
      (m) => {
        if (stopped) return undefined;
        sending ??= m.startSending({
          env,
          collector: config.collector,
          siteKey: config.siteKey,
          store: () => store,
          known,
          mayDeliver: () => consented,
          onSent: (sent) => d.emit("sent", sent),
          onDrained: () => hint(false),
          report: d.report,
        });
        return sending;
      },
      (error: unknown) => {
        loading = undefined;
        const problem = `could not load the sending part (${describeError(error)}); answers stay queued and are sent once it loads`;
        // Said once; each retry that fails again is debug detail.
        if (loadFailed) d.log(problem);
        else d.report(problem);
        loadFailed = true;
        return undefined;
      },
    );
    return loading;
  }
  // Fetched now, off the prompt's path, so a prompt answered offline is sent once back online;
  // started (its listeners, lease and retry clock) only when there is something to send. A failed
  // fetch is said when something waits for it.
  void loadSending().catch(() => undefined);

  const flush = async () => {
    await (await sender())?.retryNow();
  };
  // `online` only hurries a retry (and a failed fetch of the sending part) along: delivery never
  // relies on navigator.onLine.
  const online = () => {
    if (!stopped) void flush();
  };
  w.addEventListener("online", online, { passive: true });

  return {
    store: () => store,
    /** The visitor id found as the store opened (see `openStore`). */
    visitor,
    /** Resolves once the event is durable (or in memory when storage fails): then thank the visitor. */
    async record(event: TouchpointEvent): Promise<void> {
      await enqueue(store, known, event, env);
      if (store.kind === "indexeddb") hint(true);
      if (sending) sending.queued();
      else void sender();
    },
    flush,
    async consent(granted: boolean): Promise<void> {
      consented = granted;
      if (!granted) return store.detach();
      await durable();
      hint(true);
      await (await sender())?.flush();
    },
    stop(): void {
      stopped = true;
      w.removeEventListener("online", online);
      sending?.stop();
    },
  };
}

export type Delivery = Awaited<ReturnType<typeof createDelivery>>;
