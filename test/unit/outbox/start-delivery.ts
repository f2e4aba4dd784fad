// The real delivery wiring (src/engine/delivery.ts) on fake-indexeddb behind switches, a fake
// clock and a fake collector, for the storage and sending-part tests.
import { expect } from "vitest";
import type { CollectorConfig } from "../../../src/config/types";
import { resolveConfig } from "../../../src/engine/config";
import { createDelivery, type LoadSending } from "../../../src/engine/delivery";
import type { Environment } from "../../../src/engine/types";
import { errorMessage } from "../../../src/errors";
// Loaded up front, so the engine's own `import()` of it resolves within the fake clock's settling
// rather than after a real module transform.
import "../../../src/outbox/send";
import type { TouchpointEvent } from "../../../src/wire/event";
import { type FakeClock, fakeClock, fakeCollector } from "./fixtures";
import { faultyIndexedDB } from "./idb-faults";

let sites = 0;

/** Starts delivery for a site (a new one unless `siteKey` is given), letting the clock run. */
export async function start(
  o: {
    indexedDB?: IDBFactory | undefined;
    clock?: FakeClock;
    collector?: ReturnType<typeof fakeCollector>;
    siteKey?: string;
    collectorConfig?: Partial<CollectorConfig>;
    loadSending?: LoadSending;
  } = {},
) {
  const clock = o.clock ?? fakeClock();
  const collector = o.collector ?? fakeCollector(clock.now);
  const siteKey = o.siteKey ?? `storage${++sites}`;
  const errors: string[] = [];
  const reported: unknown[] = [];
  const logged: string[] = [];
  const sent: string[] = [];
  const env: Environment = {
    window,
    fetch: collector.fetch,
    indexedDB: "indexedDB" in o ? o.indexedDB : faultyIndexedDB().factory,
    now: clock.now,
    random: Math.random,
    setTimeout: clock.setTimeout,
    clearTimeout: clock.clearTimeout,
    loadChunk: () => Promise.reject(new Error("no chunks in this test")),
    console: { info: () => undefined, error: () => undefined },
  };
  const config = resolveConfig(
    { siteKey, collector: { url: "https://collector.test/v1/events", ...o.collectorConfig } },
    "https://shop.example/",
  );
  const starting = createDelivery({
    env,
    config,
    consented: true,
    pendingKey: `touchpoint:${siteKey}:pending`,
    emit: (name, payload) => {
      if (name === "sent") sent.push(...(payload as { ids: string[] }).ids);
    },
    report: (e) => {
      reported.push(e);
      errors.push(errorMessage(e));
    },
    log: (line) => logged.push(line),
    ...(o.loadSending && { loadSending: o.loadSending }),
  });
  // Opening may wait on the storage timeout: let the fake clock run meanwhile.
  let delivery: Awaited<typeof starting> | undefined;
  void starting.then((d) => {
    delivery = d;
  });
  for (let i = 0; i < 50 && !delivery; i++) await clock.advance(100);
  if (!delivery) throw new Error("delivery did not start");
  return {
    delivery,
    clock,
    collector,
    errors,
    reported,
    logged,
    sent,
    siteKey,
    name: `touchpoint:${siteKey}`,
  };
}

/** Records events as the prompt would, letting the clock run until each is acknowledged. */
export async function record(
  s: Awaited<ReturnType<typeof start>>,
  events: TouchpointEvent[],
): Promise<void> {
  for (const e of events) {
    let done = false;
    void s.delivery.record(e).then(() => {
      done = true;
    });
    for (let i = 0; i < 50 && !done; i++) await s.clock.advance(100);
    expect(done).toBe(true);
  }
}
