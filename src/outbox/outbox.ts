import type { TouchpointEvent } from "../wire/event";
import { RETRY_KEY, type RetryState, remainingWait, retryDelay } from "./backoff";
import { MAX_BATCH_BYTES, toBatches } from "./batches";
import { applyLimits, describeDropped, type Limits, queuedAt } from "./bounds";
import { DeliveryError } from "./delivery-error";
import type { Lead } from "./lease";
import { type Known, QUEUE_PREFIX, type QueuedItem } from "./queued-item";
import type { Store } from "./store";
import { SERIALIZE_ERROR, type SendResult, type Transport } from "./transport";

/** An event the collector refused for good, kept for inspection instead of being retried. */
export interface DeadLetter {
  event: TouchpointEvent;
  reason: string;
  at: number;
}

export interface OutboxLimits extends Limits {
  retryBaseMs: number;
  retryMaxMs: number;
}

export interface OutboxOptions {
  store: () => Store;
  /** What this tab knows is queued (`enqueue` adds to it; the outbox forgets what was delivered). */
  known: Known;
  transport: Transport;
  /** Runs a flush as the site's one flusher (see lease.ts). */
  lead: Lead;
  limits: OutboxLimits;
  now: () => number;
  random: () => number;
  setTimeout: (cb: () => void, ms: number) => number;
  clearTimeout: (id: number) => void;
  /** False while consent is pending: nothing is sent. */
  mayDeliver: () => boolean;
  onSent: (events: TouchpointEvent[]) => void;
  /** The queue was found empty. */
  onDrained: () => void;
  /** A `DeliveryError` when the collector refused events or they could not be sent. */
  onError: (error: string | Error) => void;
}

export const DEAD_PREFIX = "dead:";
export const MAX_DEAD_LETTERS = 100;
/** Delay between an event being queued and the flush that sends it, so bursts share a request. */
export const FLUSH_DELAY_MS = 300;
/** Rounds of one flush: events queued while it sends go out in the same flush, within reason. */
const MAX_ROUNDS = 10;
/** In-flight bytes the browser allows keepalive requests of one page, all together. */
export const KEEPALIVE_BUDGET = 65_536;

type Retry = Extract<SendResult, { retry: true }>;
const itemKey = (id: string) => QUEUE_PREFIX + id;

/**
 * The outbox: events written to the store (see `enqueue`) leave it only when the collector
 * answered 2xx for them. Delivery is at-least-once; event ids let the
 * collector store each one once.
 */
export function createOutbox(o: OutboxOptions) {
  let running: Promise<void> | undefined;
  let again = false;
  let timer: { id: number; at: number } | undefined;
  let stopped = false;
  const { known } = o;
  /** Revisions the collector acknowledged, in case removing them from the store failed. */
  const delivered = new Map<string, number>();
  /** Events handed to keepalive requests since the page was last visible. */
  const sentHidden = new Set<string>();
  let inFlightKeepalive = 0;
  const flushFailed = (error: unknown) => o.onError(`flush failed: ${String(error)}`);

  function schedule(ms: number): void {
    const at = o.now() + ms;
    if (stopped || (timer && timer.at <= at && timer.at >= o.now())) return;
    if (timer) o.clearTimeout(timer.id);
    timer = {
      at,
      id: o.setTimeout(() => {
        timer = undefined;
        void flush();
      }, ms),
    };
  }

  const revs = (batch: TouchpointEvent[], byId: Map<string, QueuedItem>) =>
    batch.map((e) => ({ key: itemKey(e.id), rev: byId.get(e.id)?.rev ?? -1 }));

  async function acknowledge(batch: TouchpointEvent[], byId: Map<string, QueuedItem>) {
    for (const { id } of batch) {
      const rev = byId.get(id)?.rev;
      if (rev !== undefined) delivered.set(id, rev);
      if (known.get(id)?.rev === rev) known.delete(id);
    }
    await o.store().removeUnchanged(revs(batch, byId));
    o.onSent(batch);
  }

  async function bury(
    event: TouchpointEvent,
    reason: string,
    status: number,
    byId: Map<string, QueuedItem>,
  ) {
    const letter: DeadLetter = { event, reason, at: o.now() };
    await o.store().set(DEAD_PREFIX + event.id, letter);
    await o.store().removeUnchanged(revs([event], byId));
    known.delete(event.id);
    o.onError(
      new DeliveryError(
        `event ${event.id} was refused (${reason}); set aside, not retried`,
        status,
        [event.id],
      ),
    );
    const dead = await o.store().list<DeadLetter>(DEAD_PREFIX);
    if (dead.length > MAX_DEAD_LETTERS) {
      const oldest = dead.sort((a, b) => a.at - b.at).slice(0, dead.length - MAX_DEAD_LETTERS);
      await o
        .store()
        .removeUnchanged(oldest.map((d) => ({ key: DEAD_PREFIX + d.event.id, rev: undefined })));
      o.onError(`dropped ${oldest.length} dead letter(s): over the limit of ${MAX_DEAD_LETTERS}`);
    }
  }

  /** Sends one batch; a refused batch is halved until the refused events are found. */
  async function deliver(
    batch: TouchpointEvent[],
    byId: Map<string, QueuedItem>,
  ): Promise<Retry | undefined> {
    let result: SendResult;
    try {
      result = await o.transport.send(o.transport.encode(batch));
    } catch (error) {
      // Unserializable (the page broke JSON) is the page's fault, not the events': keep them.
      result =
        error instanceof Error && error.name === SERIALIZE_ERROR
          ? { ok: false, retry: true, reason: error.message, fault: true }
          : {
              ok: false,
              retry: false,
              reason: `transform threw: ${String(error)}`,
              status: 0,
            };
    }
    if (!result.ok && result.retry && result.fault)
      o.onError(
        new DeliveryError(
          `could not send: ${result.reason}; the events stay queued`,
          undefined,
          batch.map((e) => e.id),
        ),
      );
    if (result.ok) {
      await acknowledge(batch, byId);
      return undefined;
    }
    if (result.retry) return result;
    const [first] = batch;
    if (batch.length === 1 && first) {
      await bury(first, result.reason, result.status, byId);
      return undefined;
    }
    const half = Math.ceil(batch.length / 2);
    return (await deliver(batch.slice(0, half), byId)) ?? deliver(batch.slice(half), byId);
  }

  /** The queue, deduplicated and oldest first, after dropping what is over its bounds. */
  async function pending(): Promise<QueuedItem[]> {
    const unique = new Map<string, QueuedItem>();
    const stale: QueuedItem[] = [];
    const listed = await o.store().list<QueuedItem>(QUEUE_PREFIX);
    const ids = new Set(listed.map((i) => i.event.id));
    for (const id of delivered.keys()) if (!ids.has(id)) delivered.delete(id);
    for (const item of listed) {
      if (delivered.get(item.event.id) === item.rev) stale.push(item);
      else if (!unique.has(item.event.id)) unique.set(item.event.id, item);
    }
    if (stale.length)
      await o.store().removeUnchanged(stale.map((i) => ({ key: itemKey(i.event.id), rev: i.rev })));
    const sorted = [...unique.values()].sort((a, b) => queuedAt(a) - queuedAt(b));
    const { keep, dropped } = applyLimits(sorted, o.limits, o.now());
    if (dropped.length) {
      await o
        .store()
        .removeUnchanged(
          dropped.map(({ item }) => ({ key: itemKey(item.event.id), rev: item.rev })),
        );
      for (const line of describeDropped(dropped)) o.onError(line);
    }
    known.clear();
    for (const item of keep) known.set(item.event.id, item);
    return keep;
  }

  async function run(stillLeader: () => Promise<boolean>): Promise<void> {
    let retry = await o.store().get<RetryState>(RETRY_KEY);
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const items = await pending();
      if (!items.length) {
        if (retry) await o.store().update(RETRY_KEY, () => undefined);
        o.onDrained();
        return;
      }
      if (!o.mayDeliver()) return;
      const wait = remainingWait(retry, o.now());
      if (wait > 0) return schedule(wait);
      const byId = new Map(items.map((i) => [i.event.id, i]));
      for (const batch of toBatches(items)) {
        // Another tab took over (this one was frozen or paused): it sends from here on.
        if (!(await stillLeader())) return;
        const failed = await deliver(batch, byId);
        if (failed) {
          const failures = (retry?.failures ?? 0) + 1;
          const delay = retryDelay(failures, o.limits, o.random, failed.retryAfterMs);
          await o.store().set(RETRY_KEY, { failures, at: o.now(), delay } satisfies RetryState);
          return schedule(delay);
        }
      }
      if (retry) await o.store().update(RETRY_KEY, () => undefined);
      retry = undefined;
    }
    schedule(0);
  }

  async function attempt(): Promise<void> {
    const wait = await o.lead(run);
    if (wait > 0) schedule(wait);
  }

  /** Flushes once at a time in this tab; a flush asked for meanwhile runs right after. */
  function flush(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await attempt().catch(flushFailed);
      } while (again && !stopped);
    })().finally(() => {
      running = undefined;
    });
    return running;
  }

  return {
    /** An event was queued (see `enqueue`): it goes out shortly, with any that follow it. */
    queued(): void {
      schedule(FLUSH_DELAY_MS);
    },
    flush,
    /**
     * Ends the wait after failures (the network came back, or the site asked to flush now),
     * keeping a short pause after the last attempt, then flushes.
     */
    async retryNow(): Promise<void> {
      if (stopped) return;
      await o
        .store()
        .update<RetryState>(RETRY_KEY, (s) =>
          s ? { ...s, delay: Math.min(s.delay, o.limits.retryBaseMs) } : s,
        )
        .catch(flushFailed);
      return flush();
    },
    /**
     * The page is being hidden or unloaded: sends what it knows is queued with keepalive, as
     * much as fits in the browser's in-flight budget, once per hidden period. Nothing is removed
     * unless the collector's answer still arrives; the next page sends the rest, same ids.
     */
    unload(): void {
      if (stopped || !o.mayDeliver()) return;
      let budget = KEEPALIVE_BUDGET - inFlightKeepalive;
      const items = [...known.values()]
        .filter((i) => !sentHidden.has(i.event.id))
        .sort((a, b) => queuedAt(a) - queuedAt(b));
      const byId = new Map(items.map((i) => [i.event.id, i]));
      for (const batch of toBatches(items, Math.min(budget, MAX_BATCH_BYTES))) {
        let body: string;
        try {
          body = o.transport.encode(batch);
        } catch (error) {
          o.onError(`transform threw: ${String(error)}`);
          return;
        }
        const size = new Blob([body]).size;
        if (size > budget) return;
        budget -= size;
        inFlightKeepalive += size;
        for (const e of batch) sentHidden.add(e.id);
        void o.transport
          .send(body, true)
          .then(async (result) => {
            inFlightKeepalive -= size;
            if (result.ok) await acknowledge(batch, byId);
          })
          .catch(flushFailed);
      }
    },
    /** The page is visible again (or back from the back/forward cache). */
    shown(): void {
      sentHidden.clear();
      if (known.size) schedule(FLUSH_DELAY_MS);
    },
    stop(): void {
      stopped = true;
      if (timer) o.clearTimeout(timer.id);
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
