// Several tabs of one site: one store (standing in for the site's IndexedDB), one LockManager,
// one collector. Only one tab may flush at a time, and a frozen leader must not hold delivery up.
import { describe, expect, it } from "vitest";
import { createLeadership, LEASE_KEY, RECHECK_MS } from "../../../src/outbox/lease";
import { QUEUE_PREFIX } from "../../../src/outbox/queued-item";
import {
  event,
  expectDeliveredOnce,
  fakeClock,
  fakeCollector,
  fakeLocks,
  sharedStore,
  tab,
} from "./fixtures";

const LEASE_MS = 17_000;

/** A leadership that must rely on the IndexedDB lease (no Web Locks), for this tab "me". */
const leaseOnly = (store: ReturnType<typeof sharedStore>, clock: ReturnType<typeof fakeClock>) =>
  createLeadership({
    store: () => store,
    locks: undefined,
    name: "x",
    me: "me",
    now: clock.now,
    leaseMs: LEASE_MS,
  });

describe("one flusher per site", () => {
  for (const locks of [fakeLocks, () => undefined]) {
    const how = locks === fakeLocks ? "Web Locks" : "the IndexedDB lease alone";
    it(`10. three tabs with 200 queued events send each once, one request at a time (${how})`, async () => {
      const clock = fakeClock();
      const collector = fakeCollector(clock.now);
      let inFlight = 0;
      let most = 0;
      const counting = {
        ...collector,
        fetch: (async (url: string, init: RequestInit) => {
          inFlight += 1;
          most = Math.max(most, inFlight);
          try {
            return await collector.fetch(url, init);
          } finally {
            inFlight -= 1;
          }
        }) as typeof fetch,
      };
      const store = sharedStore();
      const lockManager = locks();
      const tabs = [1, 2, 3].map((n) =>
        tab({ clock, collector: counting, store, locks: lockManager, name: `tab${n}` }),
      );
      const accepted = Array.from({ length: 200 }, (_, i) => event(i));
      for (const [i, e] of accepted.entries()) await tabs[i % 3]?.outbox.enqueue(e);
      await Promise.all(tabs.map((t) => t.outbox.flush()));
      await clock.advance(60_000);
      expectDeliveredOnce(accepted, collector);
      expect(collector.received).toHaveLength(200);
      expect(collector.requests).toHaveLength(2);
      expect(most).toBe(1);
      expect(await store.list(QUEUE_PREFIX)).toEqual([]);
      expect(await store.get(LEASE_KEY)).toBeUndefined();
    });
  }

  it("11. a leader frozen mid-flush: another tab takes over once its lease lapses; the old one stops", async () => {
    const clock = fakeClock();
    const collector = fakeCollector(clock.now);
    const store = sharedStore();
    const locks = fakeLocks();
    // The frozen tab reads the same wall clock, but its timers do not run while it is frozen.
    const frozenTimers = fakeClock();
    const frozenClock = { ...frozenTimers, now: clock.now };
    let thaw: ((r: Response) => void) | undefined;
    const frozenCollector = {
      ...collector,
      fetch: ((url: string, init: RequestInit) => {
        if (!thaw)
          return new Promise<Response>((resolve) => {
            thaw = resolve;
          });
        return collector.fetch(url, init);
      }) as typeof fetch,
    };
    const accepted = Array.from({ length: 150 }, (_, i) => event(i));
    const leader = tab({
      clock: frozenClock as typeof clock,
      collector: frozenCollector,
      store,
      locks,
      name: "leader",
    });
    for (const e of accepted) await leader.outbox.enqueue(e);
    void leader.outbox.flush();
    await clock.advance(10);
    expect(thaw).toBeDefined();

    const other = tab({ clock, collector, store, locks, name: "other" });
    void other.outbox.flush();
    await clock.advance(LEASE_MS - 1000);
    expect(collector.requests).toHaveLength(0);
    await clock.advance(5000);
    expectDeliveredOnce(accepted, collector);

    // The leader thaws: its first request is answered, it re-checks its lease and sends no more.
    const requestsBefore = collector.requests.length;
    thaw?.(new Response("{}", { status: 200 }));
    await clock.advance(1000);
    expect(collector.requests.length).toBe(requestsBefore);
    expect(await store.list(QUEUE_PREFIX)).toEqual([]);
  });

  it("treats a lease ending implausibly far ahead (clock set back) as lapsed", async () => {
    const clock = fakeClock();
    const store = sharedStore();
    await store.set(LEASE_KEY, { owner: "gone", until: clock.now() + 10 * LEASE_MS });
    const lead = leaseOnly(store, clock);
    let ran = false;
    expect(
      await lead(async () => {
        ran = true;
      }),
    ).toBe(0);
    expect(ran).toBe(true);
  });

  it("waits for a live leader instead of stealing its lease, looking again soon", async () => {
    const clock = fakeClock();
    const store = sharedStore();
    await store.set(LEASE_KEY, { owner: "alive", until: clock.now() + 500 });
    const lead = leaseOnly(store, clock);
    let ran = false;
    expect(
      await lead(async () => {
        ran = true;
      }),
    ).toBe(500);
    expect(ran).toBe(false);
    await store.set(LEASE_KEY, { owner: "alive", until: clock.now() + 5000 });
    expect(await lead(async () => undefined)).toBe(RECHECK_MS);
  });
});
