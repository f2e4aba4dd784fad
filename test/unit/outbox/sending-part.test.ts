// Keeping without sending: the engine keeps every answer durably whether or not its sending part
// (a chunk of its own, `import("../outbox/send")`) has loaded, and sends once it has.
import { describe, expect, it } from "vitest";
import type { LoadSending } from "../../../src/engine/delivery";
import { event, expectDeliveredOnce, fakeCollector, settle } from "./fixtures";
import { faultyIndexedDB, rawQueue } from "./idb-faults";
import { record, start } from "./start-delivery";

const sendingPart = () => import("../../../src/outbox/send");
const OFFLINE = new TypeError("Failed to fetch dynamically imported module");

/** A loader that fails its first `failures` calls, then loads the real sending part. */
function flakyLoader(failures: number) {
  let calls = 0;
  const load: LoadSending = () => {
    calls += 1;
    return calls <= failures ? Promise.reject(OFFLINE) : sendingPart();
  };
  return { load, calls: () => calls };
}

/** A loader held until `release()`: the sending part is still on its way. */
function heldLoader() {
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const load: LoadSending = () => held.then(sendingPart);
  return { load, release: () => release() };
}

const FAILED =
  "could not load the sending part (TypeError: Failed to fetch dynamically imported module); answers stay queued and are sent once it loads";

/** The real sending part, counting how often it is fetched and started. */
function countingLoader() {
  const counts = { fetched: 0, started: 0 };
  const load: LoadSending = async () => {
    counts.fetched += 1;
    const m = await sendingPart();
    return {
      ...m,
      startSending: (o: Parameters<typeof m.startSending>[0]) => {
        counts.started += 1;
        return m.startSending(o);
      },
    };
  };
  return { load, counts };
}

describe("the sending part, loaded apart from the engine", () => {
  it("is fetched as the engine starts, and started (listeners, lease, timers) only once an event is recorded", async () => {
    const loader = countingLoader();
    const s = await start({ loadSending: loader.load });
    await s.clock.advance(5000);
    // Fetched ahead, so an answer given offline is sent once back online; nothing runs yet.
    expect(loader.counts).toEqual({ fetched: 1, started: 0 });
    expect(s.collector.requests).toEqual([]);
    await record(s, [event(1)]);
    await s.clock.advance(1000);
    expect(loader.counts.started).toBe(1);
    expectDeliveredOnce([event(1)], s.collector);
  });

  it("starts for a flush (what earlier pages left) with nothing recorded here", async () => {
    const loader = countingLoader();
    const s = await start({ loadSending: loader.load });
    await s.delivery.flush();
    expect(loader.counts.started).toBe(1);
  });

  it("an answer is durable in IndexedDB while the sending part fails to load; said once; a later flush sends it", async () => {
    const idb = faultyIndexedDB();
    // Fails as the engine starts, as the answer asks for it to start, and at the next flush.
    const loader = flakyLoader(3);
    const s = await start({ indexedDB: idb.factory, loadSending: loader.load });
    await record(s, [event(1)]);
    const kept = (await rawQueue(idb.base, s.name)) as Array<{ event: { id: string } }>;
    expect(kept.map((i) => i.event.id)).toEqual([event(1).id]);
    await s.clock.advance(5000);
    expect(s.collector.requests).toEqual([]);
    expect(s.errors).toEqual([FAILED]);
    expect(loader.calls()).toBe(2);
    // The next flush tries the import again; failing again is only logged.
    await s.delivery.flush();
    expect(loader.calls()).toBe(3);
    expect(s.errors).toEqual([FAILED]);
    expect(s.logged).toContain(FAILED);
    await s.delivery.flush();
    await s.clock.advance(1000);
    expectDeliveredOnce([event(1)], s.collector);
    expect(s.sent).toEqual([event(1).id]);
    expect(await rawQueue(idb.base, s.name)).toEqual([]);
  });

  it("coming back online retries the import and sends what waited", async () => {
    // Fails as the engine starts, and as each answer asks for it to start.
    const loader = flakyLoader(3);
    const s = await start({ loadSending: loader.load });
    await record(s, [event(1), event(2)]);
    await s.clock.advance(1000);
    expect(s.collector.requests).toEqual([]);
    window.dispatchEvent(new Event("online"));
    await settle();
    await s.clock.advance(1000);
    expect(loader.calls()).toBe(4);
    expectDeliveredOnce([event(1), event(2)], s.collector);
  });

  it("a page whose sending part never loaded leaves its answer to the next page, which sends it", async () => {
    const idb = faultyIndexedDB();
    const collector = fakeCollector();
    const siteKey = "never-sent";
    const first = await start({
      indexedDB: idb.factory,
      collector,
      siteKey,
      loadSending: () => Promise.reject(OFFLINE),
    });
    await record(first, [event(1)]);
    // The hint that makes the next page start the engine early, to send what waits.
    expect(window.localStorage.getItem(`touchpoint:${siteKey}:pending`)).toBe("1");
    first.delivery.stop();
    for (const db of idb.connections) db.close();
    const next = await start({ indexedDB: idb.factory, collector, siteKey });
    await next.delivery.flush();
    await next.clock.advance(1000);
    expectDeliveredOnce([event(1)], collector);
    expect(window.localStorage.getItem(`touchpoint:${siteKey}:pending`)).toBeNull();
  });

  it("flush and consent wait for the sending part while it loads, then send", async () => {
    const loader = heldLoader();
    const s = await start({ loadSending: loader.load });
    await s.delivery.consent(false);
    await record(s, [event(1)]);
    let flushed = false;
    void s.delivery.flush().then(() => {
      flushed = true;
    });
    let consented = false;
    void s.delivery.consent(true).then(() => {
      consented = true;
    });
    await s.clock.advance(1000);
    expect([flushed, consented]).toEqual([false, false]);
    expect(s.collector.requests).toEqual([]);
    loader.release();
    await s.clock.advance(1000);
    expect([flushed, consented]).toEqual([true, true]);
    expectDeliveredOnce([event(1)], s.collector);
  });

  it("stopped before the sending part arrives: it never starts, nothing is sent", async () => {
    const loader = heldLoader();
    const s = await start({ loadSending: loader.load });
    await record(s, [event(1)]);
    s.delivery.stop();
    loader.release();
    await s.clock.advance(5000);
    expect(s.collector.requests).toEqual([]);
    expect(s.errors).toEqual([]);
  });
});
