// Fault injection at the outbox level: a scripted collector behind a fake fetch, a fake clock,
// the real outbox and transport. Each test checks that every accepted event reached the collector
// and that its de-duplicating store holds each id exactly once.
import { describe, expect, it } from "vitest";
import { DeliveryError } from "../../../src/errors";
import { retryDelay } from "../../../src/outbox/backoff";
import { DEAD_PREFIX } from "../../../src/outbox/outbox";
import { QUEUE_PREFIX, type QueuedItem } from "../../../src/outbox/queued-item";
import type { Store } from "../../../src/outbox/store";
import {
  event,
  expectDeliveredOnce,
  fakeClock,
  fakeCollector,
  impression,
  LIMITS,
  NOW,
  settle,
  sharedStore,
  tab,
} from "./fixtures";

/** Ids still queued, oldest first. */
async function queued(t: { store: Store }): Promise<string[]> {
  const items = await t.store.list<QueuedItem>(QUEUE_PREFIX);
  return items.sort((a, b) => (a.at ?? 0) - (b.at ?? 0)).map((i) => i.event.id);
}

function setup(options: Partial<Parameters<typeof tab>[0]> = {}) {
  const clock = fakeClock();
  const collector = fakeCollector(clock.now);
  return { clock, collector, ...tab({ clock, collector, ...options }) };
}

describe("delivery through collector faults", () => {
  it("1. retries after 500 three times, then delivers once", async () => {
    const t = setup();
    t.collector.behave([{ status: 500 }, { status: 500 }, { status: 500 }]);
    const accepted = [event(1), event(2)];
    for (const e of accepted) await t.outbox.enqueue(e);
    await t.clock.advance(60_000);
    expect(t.collector.requests).toHaveLength(4);
    expectDeliveredOnce(accepted, t.collector);
    expect(await t.store.list(QUEUE_PREFIX)).toEqual([]);
    expect(t.sent.sort()).toEqual(accepted.map((e) => e.id));
  });

  it("2. waits as long as a 429's Retry-After says, in seconds or as an HTTP date", async () => {
    const t = setup();
    const date = new Date(NOW + 300 + 45_000).toUTCString();
    t.collector.behave([
      { status: 429, headers: { "Retry-After": "20" } },
      { status: 429, headers: { "Retry-After": date } },
    ]);
    await t.outbox.enqueue(event(1));
    await t.clock.advance(300);
    expect(t.collector.requests).toHaveLength(1);
    await t.clock.advance(19_900);
    expect(t.collector.requests).toHaveLength(1);
    await t.clock.advance(100);
    expect(t.collector.requests).toHaveLength(2);
    const second = t.collector.requests[1]?.at ?? 0;
    await t.clock.advance(NOW + 300 + 44_000 - second);
    expect(t.collector.requests).toHaveLength(2);
    await t.clock.advance(2000);
    expect(t.collector.requests).toHaveLength(3);
    expectDeliveredOnce([event(1)], t.collector);
  });

  it("clamps an absurd Retry-After to an hour", async () => {
    const t = setup();
    t.collector.behave([{ status: 503, headers: { "Retry-After": "99999999" } }]);
    await t.outbox.enqueue(event(1));
    await t.clock.advance(3_600_300);
    expectDeliveredOnce([event(1)], t.collector);
  });

  it("3. sets aside the one event the collector refuses with 400; the others are delivered", async () => {
    const bad = event(3);
    const t = setup();
    t.collector.behave([], (events) => ({
      status: events.some((e) => e.id === bad.id) ? 400 : 200,
    }));
    const all = [1, 2, 3, 4, 5].map((n) => event(n));
    for (const e of all) await t.outbox.enqueue(e);
    await t.clock.advance(1000);
    expectDeliveredOnce(
      all.filter((e) => e.id !== bad.id),
      t.collector,
    );
    expect(await t.store.list(QUEUE_PREFIX)).toEqual([]);
    expect(await t.store.list(DEAD_PREFIX)).toEqual([
      { event: bad, reason: "collector answered 400", at: expect.any(Number) },
    ]);
    expect(t.errors).toEqual([
      `event ${bad.id} was refused (collector answered 400); set aside, not retried`,
    ]);
    // The error says which event and what the collector answered, for a program to act on.
    expect(t.reported[0]).toBeInstanceOf(DeliveryError);
    expect(t.reported[0]).toMatchObject({ name: "DeliveryError", status: 400, eventIds: [bad.id] });
  });

  it("4. splits a batch the collector finds too large (413)", async () => {
    const t = setup();
    t.collector.behave([], (events) => ({ status: events.length > 2 ? 413 : 200 }));
    const all = [1, 2, 3, 4, 5].map((n) => event(n));
    for (const e of all) await t.outbox.enqueue(e);
    await t.clock.advance(1000);
    expect(t.collector.requests.map((r) => r.events.length)).toEqual([5, 3, 2, 1, 2]);
    expectDeliveredOnce(all, t.collector);
    expect(t.errors).toEqual([]);
  });

  it("5. retries after a network error (connection refused)", async () => {
    const t = setup();
    t.collector.behave(["refuse", "refuse"]);
    await t.outbox.enqueue(event(1));
    await t.clock.advance(10_000);
    expect(t.collector.requests.length).toBe(3);
    expectDeliveredOnce([event(1)], t.collector);
  });

  it("6. gives up on a collector that hangs past the timeout, and retries", async () => {
    const t = setup({ transport: { timeoutMs: 2000 } });
    t.collector.behave(["hang"]);
    await t.outbox.enqueue(event(1));
    await t.clock.advance(2200);
    expect(t.collector.requests).toHaveLength(1);
    expect(t.collector.stored.size).toBe(0);
    await t.clock.advance(5000);
    expect(t.collector.requests).toHaveLength(2);
    expectDeliveredOnce([event(1)], t.collector);
  });

  it("7. resends, same id, when the connection drops after the collector stored the events", async () => {
    const t = setup();
    t.collector.behave(["store-then-drop"]);
    await t.outbox.enqueue(event(1));
    await t.clock.advance(5000);
    expect(t.collector.received.map((e) => e.id)).toEqual([event(1).id, event(1).id]);
    expectDeliveredOnce([event(1)], t.collector);
  });

  it("sends oldest first, in batches of at most 100 events and 60 kB", async () => {
    const t = setup();
    const all = Array.from({ length: 250 }, (_, i) => event(i, { comment: "x".repeat(100) }));
    for (const e of all) await t.outbox.enqueue(e);
    await t.clock.advance(1000);
    const sizes = t.collector.requests.map((r) => String(r.init.body).length);
    expect(t.collector.requests.map((r) => r.events.length)).toEqual([100, 100, 50]);
    expect(Math.max(...sizes)).toBeLessThan(64 * 1024);
    expect(t.collector.received.map((e) => e.id)).toEqual(all.map((e) => e.id));
  });

  it("25. queues a double submit once and sends it once", async () => {
    const t = setup();
    await Promise.all([t.outbox.enqueue(event(1)), t.outbox.enqueue(event(1))]);
    await t.outbox.enqueue(event(1));
    expect(await t.store.list(QUEUE_PREFIX)).toHaveLength(1);
    await t.clock.advance(1000);
    expect(t.collector.received).toHaveLength(1);
  });

  it("keeps an event rewritten (comment added) while its first version was in flight", async () => {
    const t = setup();
    t.collector.behave([
      (events) => {
        void t.outbox.enqueue({ ...(events[0] ?? event(1)), comment: "added later" });
        return { status: 200 };
      },
    ]);
    await t.outbox.enqueue(event(1));
    await t.clock.advance(2000);
    expect(t.collector.stored.get(event(1).id)?.comment).toBe("added later");
    expect(await t.store.list(QUEUE_PREFIX)).toEqual([]);
  });

  it("sends nothing while delivery is held (consent pending), and keeps the events", async () => {
    let consent = false;
    const t = setup({ mayDeliver: () => consent });
    await t.outbox.enqueue(event(1));
    await t.clock.advance(10_000);
    expect(t.collector.requests).toEqual([]);
    consent = true;
    await t.outbox.flush();
    await t.clock.advance(10);
    expectDeliveredOnce([event(1)], t.collector);
  });

  it("uses the transform hook's body, and sets aside an event it throws on", async () => {
    const t = setup({
      transport: {
        transform: (batch) => {
          if (batch.events.some((e) => e.score === 0)) throw new Error("no zero");
          return { schema: 1, events: batch.events, source: "transformed" };
        },
      },
    });
    await t.outbox.enqueue(event(1));
    await t.outbox.enqueue(event(2, { score: 0 }));
    await t.clock.advance(1000);
    expect(String(t.collector.requests.at(-1)?.init.body)).toContain('"source":"transformed"');
    expectDeliveredOnce([event(1)], t.collector);
    expect(t.errors[0]).toContain("transform threw: Error: no zero");
    expect(await t.store.list(DEAD_PREFIX)).toHaveLength(1);
  });

  it("sends NDJSON when asked", async () => {
    const t = setup({ transport: { format: "ndjson" } });
    await t.outbox.enqueue(event(1));
    await t.outbox.enqueue(event(2));
    await t.clock.advance(1000);
    expect(String(t.collector.requests[0]?.init.body).split("\n")).toHaveLength(2);
    expectDeliveredOnce([event(1), event(2)], t.collector);
  });
});

describe("backoff", () => {
  it("waits a random share (full jitter) of a ceiling that doubles per failure, capped", async () => {
    const t = setup({ random: () => 0.5 });
    t.collector.behave([], { status: 503 });
    await t.outbox.enqueue(event(1));
    await t.clock.advance(3_000_000);
    const at = t.collector.requests.map((r) => r.at);
    const gaps = at.slice(1, 12).map((a, i) => a - (at[i] ?? 0));
    expect(gaps).toEqual([
      500, 1000, 2000, 4000, 8000, 16_000, 32_000, 64_000, 128_000, 150_000, 150_000,
    ]);
    const draws = [0, 0.25, 0.999].map((r) =>
      retryDelay(4, { retryBaseMs: 1000, retryMaxMs: 300_000 }, () => r),
    );
    expect(draws).toEqual([0, 2000, 7992]);
    expect(retryDelay(30, LIMITS, () => 0.999)).toBe(299_700);
    expect(retryDelay(1, LIMITS, () => 0, 5000)).toBe(5000);
  });

  it("20. tabs of one site share the backoff: one request per interval, not one per tab", async () => {
    const clock = fakeClock();
    const collector = fakeCollector(clock.now);
    collector.behave([], { status: 503, headers: { "Retry-After": "10" } });
    const store = sharedStore();
    // Jitter stays under the Retry-After, so every wait is exactly 10 s.
    const limits = { retryMaxMs: 5000 };
    const tabs = [1, 2, 3].map((n) => tab({ clock, collector, store, limits, name: `tab${n}` }));
    await tabs[0]?.outbox.enqueue(event(1));
    for (const t of tabs) void t.outbox.flush();
    await clock.advance(95_000);
    const at = collector.requests.map((r) => r.at);
    expect(at.length).toBeGreaterThanOrEqual(9);
    expect(at.length).toBeLessThanOrEqual(10);
    expect(at.slice(1).every((a, i) => a - (at[i] ?? 0) >= 10_000)).toBe(true);
  });

  it("21. online/offline flapping: one flush at a time, one request per real attempt", async () => {
    const t = setup();
    let inFlight = 0;
    let most = 0;
    t.collector.behave([], (events) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      queueMicrotask(() => {
        inFlight -= 1;
      });
      return { status: events.length ? 503 : 200 };
    });
    await t.outbox.enqueue(event(1));
    await t.clock.advance(300);
    for (let i = 0; i < 20; i++) void t.outbox.retryNow();
    await t.clock.advance(100);
    for (let i = 0; i < 20; i++) void t.outbox.retryNow();
    await t.clock.advance(100);
    expect(most).toBe(1);
    // Flapping cannot beat the base interval: at most one request per second.
    expect(t.collector.requests.length).toBeLessThanOrEqual(2);
    t.collector.behave([], { status: 200 });
    await t.clock.advance(5000);
    expectDeliveredOnce([event(1)], t.collector);
  });

  it("24. clock jumps backwards and forwards: no stall, nothing expired, each id stored once", async () => {
    const t = setup();
    t.collector.behave([{ status: 503 }, { status: 503 }, { status: 503 }]);
    const accepted = [event(1), event(2)];
    for (const e of accepted) await t.outbox.enqueue(e);
    await t.clock.advance(400);
    t.clock.jump(-3 * 24 * 3600 * 1000);
    await t.clock.advance(5000);
    t.clock.jump(+10 * 24 * 3600 * 1000);
    await t.clock.advance(5000);
    t.clock.jump(-24 * 3600 * 1000);
    await t.clock.advance(20_000);
    expectDeliveredOnce(accepted, t.collector);
    expect(t.errors).toEqual([]);
  });
});

describe("bounds", () => {
  it("16. over the count bound, drops impressions before answers and says so", async () => {
    const t = setup({ limits: { maxEvents: 3 }, mayDeliver: () => false });
    await t.outbox.enqueue(event(1));
    await t.outbox.enqueue(impression(2));
    await t.outbox.enqueue(event(3));
    await t.outbox.enqueue(impression(4));
    await t.outbox.enqueue(event(5));
    await t.clock.advance(1000);
    expect(await queued(t)).toEqual([1, 3, 5].map((n) => event(n).id));
    expect(t.errors).toEqual([
      "dropped 2 queued event(s) (2 impression): over the limit of 3 queued events",
    ]);
  });

  it("drops the oldest answers when only answers are over the bound", async () => {
    const t = setup({ limits: { maxEvents: 2 }, mayDeliver: () => false });
    for (const n of [1, 2, 3]) {
      await t.outbox.enqueue(event(n));
      await t.clock.advance(10);
    }
    await t.clock.advance(1000);
    expect(await queued(t)).toEqual([2, 3].map((n) => event(n).id));
  });

  it("drops what is over the byte bound", async () => {
    const t = setup({ limits: { maxBytes: 3000 }, mayDeliver: () => false });
    for (const n of [1, 2, 3]) await t.outbox.enqueue(event(n, { comment: "x".repeat(1000) }));
    await t.clock.advance(1000);
    expect(await queued(t)).toHaveLength(2);
    expect(t.errors).toEqual([
      "dropped 1 queued event(s) (1 answer): over the limit of 3000 queued bytes",
    ]);
  });

  it("17. drops events past their time-to-live, and says so", async () => {
    const t = setup({ mayDeliver: () => false });
    await t.outbox.enqueue(event(1));
    await t.clock.advance(10 * 24 * 3600 * 1000);
    await t.outbox.enqueue(event(2));
    await t.clock.advance(25 * 24 * 3600 * 1000);
    await t.outbox.flush();
    expect(await queued(t)).toEqual([event(2).id]);
    expect(t.errors).toEqual(["dropped 1 queued event(s) (1 answer): older than 30 days"]);
  });

  it("keeps at most 100 dead letters, and says what it dropped", async () => {
    const t = setup();
    t.collector.behave([], { status: 400 });
    for (let n = 0; n < 102; n++) await t.outbox.enqueue(event(n));
    await t.clock.advance(5000);
    expect(await t.store.list(DEAD_PREFIX)).toHaveLength(100);
    expect(t.errors.filter((m) => m.startsWith("dropped"))).toEqual([
      "dropped 1 dead letter(s): over the limit of 100",
      "dropped 1 dead letter(s): over the limit of 100",
    ]);
  });
});

describe("unload", () => {
  it("22. sends what fits in the 64 KiB keepalive budget, once per hidden period; the rest waits", async () => {
    const t = setup();
    t.collector.behave([], "hang");
    const all = Array.from({ length: 60 }, (_, i) => event(i, { comment: "y".repeat(1900) }));
    for (const e of all) await t.outbox.enqueue(e);
    t.outbox.unload();
    t.outbox.unload();
    const unloadRequests = t.collector.requests.filter((r) => r.init.keepalive);
    const bytes = unloadRequests.reduce((s, r) => s + String(r.init.body).length, 0);
    expect(bytes).toBeLessThanOrEqual(65_536);
    expect(bytes).toBeGreaterThan(50_000);
    const sentIds = unloadRequests.flatMap((r) => r.events.map((e) => e.id));
    expect(new Set(sentIds).size).toBe(sentIds.length);
    expect(sentIds.length).toBeLessThan(all.length);
    expect(unloadRequests.every((r) => r.init.credentials === "omit")).toBe(true);
    expect(await t.store.list(QUEUE_PREFIX)).toHaveLength(60);
  });

  it("removes what a keepalive request got acknowledged while the page lived on", async () => {
    const t = setup();
    await t.outbox.enqueue(event(1));
    t.outbox.unload();
    await settle();
    expect(await t.store.list(QUEUE_PREFIX)).toEqual([]);
    expectDeliveredOnce([event(1)], t.collector);
  });

  it("falls back to sendBeacon when keepalive fetch is refused", async () => {
    const beacons: string[] = [];
    const t = setup({
      transport: {
        fetch: async () => {
          throw new TypeError("keepalive budget exceeded");
        },
        beacon: (url) => beacons.push(url) > 0,
      },
    });
    await t.outbox.enqueue(event(1));
    t.outbox.unload();
    await settle();
    expect(beacons).toEqual(["https://collector.test/v1/events"]);
    expect(await t.store.list(QUEUE_PREFIX)).toHaveLength(1);
  });
});
