import { describe, expect, it, vi } from "vitest";
import type { TouchpointEvent } from "../../src/outbox/event";
import {
  createOutbox,
  DEAD_PREFIX,
  MAX_BATCH_EVENTS,
  type OutboxOptions,
  QUEUE_PREFIX,
  toBatches,
} from "../../src/outbox/outbox";
import { memoryStore, type Store } from "../../src/outbox/store";
import type { SendResult } from "../../src/outbox/transport";

const NOW = Date.parse("2026-11-23T10:00:00Z");

function event(n: number, extra: Partial<TouchpointEvent> = {}): TouchpointEvent {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
    kind: "answer",
    siteKey: "test",
    surveyId: "nps",
    surveyType: "nps",
    touchpoint: "t",
    variant: "control",
    score: 9,
    createdAt: new Date(NOW + n).toISOString(),
    visitorId: "v",
    sessionId: "s",
    url: "https://shop.example/",
    locale: "en",
    sdkVersion: "0.1.0",
    ...extra,
  };
}

function setup(
  answers: Array<SendResult | ((events: TouchpointEvent[]) => SendResult)>,
  store: Store = memoryStore(),
) {
  const sent: TouchpointEvent[][] = [];
  const errors: string[] = [];
  const acknowledged: string[] = [];
  const timers: Array<{ cb: () => void; ms: number }> = [];
  let draws = 0;
  const options: OutboxOptions = {
    store: () => store,
    transport: async (events) => {
      sent.push(events);
      const next = answers.length > 1 ? answers.shift() : answers[0];
      return typeof next === "function" ? next(events) : (next ?? { ok: true });
    },
    now: () => NOW,
    random: () => (++draws % 100) / 100,
    setTimeout: (cb, ms) => timers.push({ cb, ms }),
    clearTimeout: () => undefined,
    exclusive: (task) => task(),
    mayDeliver: () => true,
    onSent: (events) => acknowledged.push(...events.map((e) => e.id)),
    onDrained: () => undefined,
    onError: (m) => errors.push(m),
  };
  return { outbox: createOutbox(options), store, sent, errors, acknowledged, timers };
}

describe("outbox", () => {
  it("keeps an event until the collector answered 2xx, then removes it", async () => {
    const { outbox, store, acknowledged } = setup([
      { ok: false, retry: true, reason: "collector answered 500" },
      { ok: true },
    ]);
    await outbox.enqueue(event(1));
    await outbox.flush();
    expect(await store.list(QUEUE_PREFIX)).toHaveLength(1);
    expect(acknowledged).toEqual([]);
    await outbox.flush();
    expect(await store.list(QUEUE_PREFIX)).toHaveLength(0);
    expect(acknowledged).toEqual([event(1).id]);
  });

  it("stores the same id once, however often it is enqueued", async () => {
    const { outbox, store } = setup([{ ok: true }]);
    await outbox.enqueue(event(1));
    await outbox.enqueue(event(1));
    expect(await store.list(QUEUE_PREFIX)).toHaveLength(1);
  });

  it("does not delete an event rewritten while its first version was in flight", async () => {
    const store = memoryStore();
    let outboxRef: ReturnType<typeof setup>["outbox"] | undefined;
    const { outbox } = setup(
      [
        (events) => {
          void outboxRef?.enqueue({ ...(events[0] as TouchpointEvent), comment: "added later" });
          return { ok: true };
        },
      ],
      store,
    );
    outboxRef = outbox;
    await outbox.enqueue(event(1));
    await outbox.flush();
    const left = await store.list<{ event: TouchpointEvent }>(QUEUE_PREFIX);
    expect(left.map((i) => i.event.comment)).toEqual(["added later"]);
  });

  it("backs off with full jitter after a retryable failure and honours Retry-After", async () => {
    const { outbox, timers } = setup([
      { ok: false, retry: true, reason: "429", retryAfterMs: 30_000 },
    ]);
    await outbox.enqueue(event(1));
    timers.length = 0;
    await outbox.flush();
    expect(timers.at(-1)?.ms).toBe(30_000);
    const second = setup([{ ok: false, retry: true, reason: "503" }]);
    await second.outbox.enqueue(event(1));
    const delays: number[] = [];
    for (let i = 0; i < 12; i++) {
      second.timers.length = 0;
      await second.outbox.flush();
      delays.push(second.timers.at(-1)?.ms ?? -1);
    }
    // Full jitter: a random share of a ceiling that doubles per failure, capped at 5 minutes.
    expect(delays.every((d) => d >= 0 && d <= 300_000)).toBe(true);
    expect(Math.max(...delays.slice(8))).toBeGreaterThan(Math.max(...delays.slice(0, 2)));
  });

  it("isolates an event the collector refuses: the others are delivered, it is set aside with the reason", async () => {
    const bad = event(2).id;
    const { outbox, store, errors, acknowledged } = setup([
      (events) =>
        events.some((e) => e.id === bad)
          ? { ok: false, retry: false, reason: "collector answered 400", status: 400 }
          : { ok: true },
    ]);
    for (const n of [1, 2, 3, 4]) await outbox.enqueue(event(n));
    await outbox.flush();
    expect(acknowledged.sort()).toEqual([event(1).id, event(3).id, event(4).id].sort());
    expect(await store.list(QUEUE_PREFIX)).toEqual([]);
    expect(await store.list(DEAD_PREFIX)).toEqual([
      { event: event(2), reason: "collector answered 400" },
    ]);
    expect(errors[0]).toContain(bad);
  });

  it("halves a batch the collector finds too large", async () => {
    const { outbox, sent, acknowledged } = setup([
      (events) =>
        events.length > 2
          ? { ok: false, retry: false, reason: "collector answered 413", status: 413 }
          : { ok: true },
    ]);
    for (const n of [1, 2, 3, 4, 5]) await outbox.enqueue(event(n));
    await outbox.flush();
    expect(acknowledged).toHaveLength(5);
    expect(sent.map((b) => b.length)).toEqual([5, 3, 2, 1, 2]);
  });

  it("sends oldest first in bounded batches", () => {
    const events = Array.from({ length: MAX_BATCH_EVENTS * 2 + 1 }, (_, i) => event(i));
    expect(toBatches(events).map((b) => b.length)).toEqual([MAX_BATCH_EVENTS, MAX_BATCH_EVENTS, 1]);
    const big = Array.from({ length: 10 }, (_, i) => event(i, { comment: "x".repeat(20_000) }));
    expect(toBatches(big).every((b) => JSON.stringify(b).length < 64 * 1024)).toBe(true);
  });

  it("drops events past their time-to-live and says so", async () => {
    const { outbox, store, errors, sent } = setup([{ ok: true }]);
    await outbox.enqueue(event(1, { createdAt: "2026-09-01T00:00:00Z" }));
    await outbox.flush();
    expect(sent).toEqual([]);
    expect(await store.list(QUEUE_PREFIX)).toEqual([]);
    expect(errors).toEqual(["1 queued event(s) were older than 30 days and were dropped"]);
  });

  it("sends nothing while delivery is held (consent pending)", async () => {
    const transport = vi.fn();
    const store = memoryStore();
    const outbox = createOutbox({
      ...setup([]).outbox,
      store: () => store,
      transport,
      now: () => NOW,
      random: Math.random,
      setTimeout: () => 0,
      clearTimeout: () => undefined,
      exclusive: (t) => t(),
      mayDeliver: () => false,
      onSent: () => undefined,
      onDrained: () => undefined,
      onError: () => undefined,
    });
    await outbox.enqueue(event(1));
    await outbox.flush();
    expect(transport).not.toHaveBeenCalled();
  });
});
