// Storage faults, on fake-indexeddb behind switches, through the real delivery wiring
// (src/engine/delivery.ts): each test checks that no accepted event is missing at the collector
// and that the collector stored each id once.
import { createStore, set } from "idb-keyval";
import { describe, expect, it } from "vitest";
import { StorageError } from "../../../src/errors";
import { RECOVER_INTERVAL_MS, STORAGE_TIMEOUT_MS } from "../../../src/outbox/resilient";
import { SCHEMA_VERSION } from "../../../src/outbox/schema";
import type { TouchpointEvent } from "../../../src/wire/event";
import { event, expectDeliveredOnce, fakeClock, fakeCollector, settle } from "./fixtures";
import { faultyIndexedDB, rawQueue } from "./idb-faults";
import { record, start } from "./start-delivery";

describe("storage faults", () => {
  it("12. IndexedDB missing: says so, keeps events in memory and still delivers them", async () => {
    const s = await start({ indexedDB: undefined });
    expect(s.errors).toEqual([
      "IndexedDB is not available; answers are kept in memory for this page only",
    ]);
    await record(s, [event(1), event(2)]);
    await s.clock.advance(1000);
    expectDeliveredOnce([event(1), event(2)], s.collector);
  });

  for (const name of ["SecurityError", "InvalidStateError"]) {
    it(`12. open() throwing ${name} (cross-site iframe, private mode): memory, delivered`, async () => {
      const idb = faultyIndexedDB();
      idb.faults.open = { throws: name };
      const s = await start({ indexedDB: idb.factory });
      expect(s.errors).toEqual([
        `IndexedDB could not be opened (${name}: refused); answers are kept in memory for this page only`,
      ]);
      // The error says what fell back to what, and carries what storage threw.
      expect(s.reported[0]).toBeInstanceOf(StorageError);
      expect(s.reported[0]).toMatchObject({
        name: "StorageError",
        fallback: "memory",
        cause: { name },
      });
      await record(s, [event(1)]);
      await s.clock.advance(1000);
      expectDeliveredOnce([event(1)], s.collector);
    });
  }

  it("13. open() never settling: gives up after the timeout, delivers from memory", async () => {
    const idb = faultyIndexedDB();
    idb.faults.open = "never";
    const s = await start({ indexedDB: idb.factory });
    expect(s.errors).toEqual([
      `IndexedDB could not be opened (Error: IndexedDB did not answer within ${STORAGE_TIMEOUT_MS} ms); answers are kept in memory for this page only`,
    ]);
    await record(s, [event(1)]);
    await s.clock.advance(1000);
    expectDeliveredOnce([event(1)], s.collector);
  });

  it("13. open() settling late: events kept in memory meanwhile move into IndexedDB", async () => {
    const idb = faultyIndexedDB();
    idb.faults.open = "held";
    const collector = fakeCollector();
    collector.behave([], { status: 503 });
    const s = await start({ indexedDB: idb.factory, collector });
    expect(s.delivery.store().kind).toBe("memory");
    await record(s, [event(1), event(2)]);
    idb.release();
    await settle();
    await s.clock.advance(RECOVER_INTERVAL_MS);
    await record(s, [event(3)]);
    await settle();
    expect(s.delivery.store().kind).toBe("indexeddb");
    const queued = (await rawQueue(idb.base, s.name)) as Array<{ event: TouchpointEvent }>;
    expect(queued.map((i) => i.event.id).sort()).toEqual([1, 2, 3].map((n) => event(n).id));
    collector.behave([], { status: 200 });
    await s.delivery.flush();
    await s.clock.advance(5000);
    expectDeliveredOnce([event(1), event(2), event(3)], collector);
    expect(await rawQueue(idb.base, s.name)).toEqual([]);
  });

  it("14. connection closed by the browser mid-session: reopens, nothing lost, no fallback", async () => {
    const idb = faultyIndexedDB();
    const collector = fakeCollector();
    collector.behave([], { status: 503 });
    const s = await start({ indexedDB: idb.factory, collector });
    await record(s, [event(1)]);
    const { forceCloseDatabase } = await import("fake-indexeddb");
    for (const db of idb.connections) forceCloseDatabase(db as never);
    await record(s, [event(2)]);
    // A plain close() leaves no event behind: the next transaction meets "connection is closing".
    for (const db of idb.connections) db.close();
    await record(s, [event(3)]);
    expect(s.errors).toEqual([]);
    expect(s.delivery.store().kind).toBe("indexeddb");
    expect(await rawQueue(idb.base, s.name)).toHaveLength(3);
    collector.behave([], { status: 200 });
    await s.delivery.flush();
    await s.clock.advance(5000);
    expectDeliveredOnce([event(1), event(2), event(3)], collector);
  });

  it("14. connection closed and cannot reopen: memory, said once, delivered", async () => {
    const idb = faultyIndexedDB();
    const s = await start({ indexedDB: idb.factory });
    for (const db of idb.connections) db.close();
    idb.faults.open = { throws: "UnknownError" };
    await record(s, [event(1), event(2)]);
    await s.clock.advance(1000);
    expect(s.errors).toEqual([
      "storage failed (UnknownError: refused); keeping events in memory until IndexedDB works again",
    ]);
    expectDeliveredOnce([event(1), event(2)], s.collector);
  });

  it("15. quota exceeded: memory, said once, back into IndexedDB when there is room again", async () => {
    const idb = faultyIndexedDB();
    const collector = fakeCollector();
    collector.behave([], { status: 503 });
    const s = await start({ indexedDB: idb.factory, collector });
    idb.faults.quotaFull = true;
    await record(s, [event(1), event(2)]);
    expect(s.errors).toEqual([
      "storage failed (QuotaExceededError: The quota has been exceeded.); keeping events in memory until IndexedDB works again",
    ]);
    expect(await rawQueue(idb.base, s.name)).toEqual([]);
    idb.faults.quotaFull = false;
    await s.clock.advance(RECOVER_INTERVAL_MS);
    await record(s, [event(3)]);
    await settle();
    expect(await rawQueue(idb.base, s.name)).toHaveLength(3);
    collector.behave([], { status: 200 });
    await s.delivery.flush();
    await s.clock.advance(5000);
    expectDeliveredOnce([event(1), event(2), event(3)], collector);
  });

  it("18. site data cleared mid-session: lets the database go, starts a new one, delivers new events", async () => {
    const idb = faultyIndexedDB();
    const s = await start({ indexedDB: idb.factory });
    await record(s, [event(1)]);
    await s.clock.advance(1000);
    await new Promise((resolve, reject) => {
      const r = idb.base.deleteDatabase(s.name);
      r.onsuccess = resolve;
      r.onerror = reject;
      r.onblocked = () => reject(new Error("blocked: Touchpoint held on to the database"));
    });
    await record(s, [event(2)]);
    await s.clock.advance(1000);
    expect(s.errors).toEqual([]);
    expectDeliveredOnce([event(1), event(2)], s.collector);
  });

  it("18. site data cleared between visits: the next visit starts clean and delivers", async () => {
    const idb = faultyIndexedDB();
    const collector = fakeCollector();
    const first = await start({ indexedDB: idb.factory, collector, siteKey: "cleared" });
    await record(first, [event(1)]);
    await first.clock.advance(1000);
    first.delivery.stop();
    for (const db of idb.connections) db.close();
    await new Promise((resolve) => {
      idb.base.deleteDatabase(first.name).onsuccess = resolve;
    });
    const second = await start({ indexedDB: idb.factory, collector, siteKey: "cleared" });
    await record(second, [event(2)]);
    await second.clock.advance(1000);
    expect(second.errors).toEqual([]);
    expectDeliveredOnce([event(1), event(2)], collector);
  });

  it("19. upgrades a version 1 store with events queued: migrates them, deletes nothing", async () => {
    const idb = faultyIndexedDB();
    const name = "touchpoint:upgrade";
    // Version 1, as the first releases wrote it with idb-keyval's createStore.
    const v1 = createStore(name, "kv");
    const oldEvents = [event(1), event(2, { comment: "ünïcode" })];
    const original = globalThis.indexedDB;
    globalThis.indexedDB = idb.base;
    try {
      for (const [i, e] of oldEvents.entries())
        await set(`q:${e.id}`, { event: e, rev: i + 1 }, v1);
      await set("visitor", "old-visitor", v1);
      await v1("readonly", (s) => s.transaction.db.close());
    } finally {
      globalThis.indexedDB = original;
    }
    const collector = fakeCollector();
    collector.behave([], { status: 503 });
    const s = await start({ indexedDB: idb.factory, collector, siteKey: "upgrade" });
    expect(s.errors).toEqual([]);
    expect(idb.connections[0]?.version).toBe(SCHEMA_VERSION);
    const migrated = (await rawQueue(idb.base, name)) as Array<Record<string, unknown>>;
    expect(migrated).toEqual(
      oldEvents.map((e, i) => ({
        event: e,
        rev: i + 1,
        at: Date.parse(e.createdAt),
        size: new TextEncoder().encode(JSON.stringify(e)).length,
      })),
    );
    expect(await s.delivery.store().get("visitor")).toBe("old-visitor");
    collector.behave([], { status: 200 });
    await s.delivery.flush();
    await s.clock.advance(1000);
    expectDeliveredOnce(oldEvents, collector);
  });

  it("uses a store a newer version already upgraded, instead of failing", async () => {
    const idb = faultyIndexedDB();
    const name = "touchpoint:newer";
    await new Promise<void>((resolve) => {
      const r = idb.base.open(name, SCHEMA_VERSION + 1);
      r.onupgradeneeded = () => r.result.createObjectStore("kv");
      r.onsuccess = () => {
        r.result.close();
        resolve();
      };
    });
    const s = await start({ indexedDB: idb.factory, siteKey: "newer" });
    await record(s, [event(1)]);
    await s.clock.advance(1000);
    expect(s.errors).toEqual([]);
    expect(s.delivery.store().kind).toBe("indexeddb");
    expectDeliveredOnce([event(1)], s.collector);
  });

  it("holds storage and sending until consent, then moves what waited into IndexedDB", async () => {
    const idb = faultyIndexedDB();
    const clock = fakeClock();
    const collector = fakeCollector(clock.now);
    const s = await start({ indexedDB: idb.factory, clock, collector });
    await s.delivery.consent(false);
    await record(s, [event(1)]);
    await clock.advance(5000);
    expect(collector.requests).toEqual([]);
    expect(await rawQueue(idb.base, s.name)).toEqual([]);
    await s.delivery.consent(true);
    await clock.advance(1000);
    expectDeliveredOnce([event(1)], collector);
  });
});
