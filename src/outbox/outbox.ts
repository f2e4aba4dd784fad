import type { TouchpointEvent } from "./event";
import type { Store } from "./store";
import type { SendResult, Transport } from "./transport";

/** An event waiting in the store; `rev` changes whenever the event is rewritten. */
export interface QueuedItem {
  event: TouchpointEvent;
  rev: number;
}

/** An event the collector refused for good, kept for inspection instead of being retried. */
export interface DeadLetter {
  event: TouchpointEvent;
  reason: string;
}

export interface OutboxOptions {
  store: () => Store;
  transport: Transport;
  now: () => number;
  random: () => number;
  setTimeout: (cb: () => void, ms: number) => number;
  clearTimeout: (id: number) => void;
  /** Runs `task` only in the one tab holding the site's flush lock, or not at all. */
  exclusive: (task: () => Promise<void>) => Promise<void>;
  /** False while consent is pending: nothing is sent. */
  mayDeliver: () => boolean;
  onSent: (events: TouchpointEvent[]) => void;
  /** The queue was found empty after a complete flush. */
  onDrained: () => void;
  onError: (message: string) => void;
}

export const QUEUE_PREFIX = "q:";
export const DEAD_PREFIX = "dead:";
export const MAX_BATCH_EVENTS = 100;
/** Keepalive requests share a 64 KiB in-flight budget; a batch stays under it. */
export const MAX_BATCH_BYTES = 60_000;
export const FLUSH_DELAY_MS = 300;
export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_CAP_MS = 300_000;
export const TTL_MS = 30 * 24 * 3600 * 1000;

/** Splits events into batches under the count and byte limits, oldest first. */
export function toBatches(events: TouchpointEvent[]): TouchpointEvent[][] {
  const batches: TouchpointEvent[][] = [];
  let current: TouchpointEvent[] = [];
  let bytes = 0;
  for (const event of events) {
    const size = JSON.stringify(event).length + 1;
    if (current.length && (current.length >= MAX_BATCH_EVENTS || bytes + size > MAX_BATCH_BYTES)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(event);
    bytes += size;
  }
  if (current.length) batches.push(current);
  return batches;
}

/**
 * The outbox: events are written to the store before anyone is told they exist, and leave it
 * only when the collector answered 2xx for them. Delivery is at-least-once; event ids let the
 * collector store each one once.
 */
export function createOutbox(o: OutboxOptions) {
  let running: Promise<void> | undefined;
  let again = false;
  let timer: number | undefined;
  let failures = 0;
  let stopped = false;

  function schedule(ms: number): void {
    if (stopped) return;
    if (timer !== undefined) o.clearTimeout(timer);
    timer = o.setTimeout(() => {
      timer = undefined;
      void flush();
    }, ms);
  }

  function backoff(result: Extract<SendResult, { retry: true }>): void {
    failures += 1;
    const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(failures, 20));
    schedule(Math.max(result.retryAfterMs ?? 0, Math.round(o.random() * ceiling)));
  }

  async function acknowledge(
    batch: TouchpointEvent[],
    byId: Map<string, QueuedItem>,
  ): Promise<void> {
    await o
      .store()
      .removeUnchanged(
        batch.map((e) => ({ key: QUEUE_PREFIX + e.id, rev: byId.get(e.id)?.rev ?? -1 })),
      );
    o.onSent(batch);
  }

  async function bury(event: TouchpointEvent, reason: string, byId: Map<string, QueuedItem>) {
    const dead: DeadLetter = { event, reason };
    await o.store().set(DEAD_PREFIX + event.id, dead);
    await o
      .store()
      .removeUnchanged([{ key: QUEUE_PREFIX + event.id, rev: byId.get(event.id)?.rev ?? -1 }]);
    o.onError(
      `event ${event.id} was refused by the collector (${reason}); kept aside, not retried`,
    );
  }

  /** Sends one batch; a refused batch is halved until the refused events are found. */
  async function deliver(
    batch: TouchpointEvent[],
    byId: Map<string, QueuedItem>,
    keepalive: boolean,
  ): Promise<Extract<SendResult, { retry: true }> | undefined> {
    const result = await o.transport(batch, { keepalive });
    if (result.ok) {
      await acknowledge(batch, byId);
      return undefined;
    }
    if (result.retry) return result;
    const [first] = batch;
    if (batch.length === 1 && first) {
      await bury(first, result.reason, byId);
      return undefined;
    }
    const half = Math.ceil(batch.length / 2);
    return (
      (await deliver(batch.slice(0, half), byId, keepalive)) ??
      deliver(batch.slice(half), byId, keepalive)
    );
  }

  async function pending(): Promise<QueuedItem[]> {
    const items = await o.store().list<QueuedItem>(QUEUE_PREFIX);
    const cutoff = o.now() - TTL_MS;
    const expired = items.filter((i) => Date.parse(i.event.createdAt) < cutoff);
    if (expired.length) {
      await o
        .store()
        .removeUnchanged(expired.map((i) => ({ key: QUEUE_PREFIX + i.event.id, rev: i.rev })));
      o.onError(`${expired.length} queued event(s) were older than 30 days and were dropped`);
    }
    return items
      .filter((i) => !expired.includes(i))
      .sort((a, b) => a.event.createdAt.localeCompare(b.event.createdAt));
  }

  async function run(keepalive: boolean): Promise<void> {
    const items = await pending();
    const byId = new Map(items.map((i) => [i.event.id, i]));
    for (const batch of toBatches(items.map((i) => i.event))) {
      const failed = await deliver(batch, byId, keepalive);
      if (failed) {
        backoff(failed);
        return;
      }
    }
    failures = 0;
    if (!(await o.store().list(QUEUE_PREFIX)).length) o.onDrained();
  }

  function flush(options: { keepalive?: boolean } = {}): Promise<void> {
    if (stopped || !o.mayDeliver()) return Promise.resolve();
    if (options.keepalive) return run(true).catch((e) => o.onError(`flush failed: ${String(e)}`));
    if (running) {
      again = true;
      return running;
    }
    running = o
      .exclusive(() => run(false))
      .catch((e) => o.onError(`flush failed: ${String(e)}`))
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          schedule(0);
        }
      });
    return running;
  }

  return {
    /** Writes the event durably (or throws); the same id written twice stays one item. */
    async enqueue(event: TouchpointEvent): Promise<void> {
      const item: QueuedItem = { event, rev: Math.floor(o.random() * 2 ** 31) };
      await o.store().set(QUEUE_PREFIX + event.id, item);
      schedule(FLUSH_DELAY_MS);
    },
    flush,
    /** Events waiting for delivery, oldest first. */
    pending: async () => (await pending()).map((i) => i.event),
    stop(): void {
      stopped = true;
      if (timer !== undefined) o.clearTimeout(timer);
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
