// The outbox's two front doors: `openStore` + `enqueue` (keeping, in the engine) and
// `startSending` (the lazily loaded part), given only a collector URL, apply every default.
import { IDBFactory } from "fake-indexeddb";
import { describe, expect, it } from "vitest";
import type { CollectorConfig } from "../../../src/config/types";
import { RETRY_BASE_MS } from "../../../src/outbox/backoff";
import { enqueue, type Known, openStore } from "../../../src/outbox/index";
import { FLUSH_DELAY_MS } from "../../../src/outbox/outbox";
import { startSending } from "../../../src/outbox/send";
import { event, fakeClock, fakeCollector } from "./fixtures";

async function open(collector: CollectorConfig, durable = true) {
  const clock = fakeClock();
  const server = fakeCollector(clock.now);
  const reports: string[] = [];
  const sent: string[] = [];
  const env = {
    window,
    fetch: server.fetch,
    indexedDB: new IDBFactory(),
    now: clock.now,
    random: () => 0.5,
    setTimeout: clock.setTimeout,
    clearTimeout: clock.clearTimeout,
  };
  const report = (e: string | Error) => reports.push(typeof e === "string" ? e : e.message);
  const kept = await openStore({ env, siteKey: "front", durable, report, log: () => undefined });
  const known: Known = new Map();
  const sending = startSending({
    env,
    collector,
    siteKey: "front",
    store: () => kept.store,
    known,
    mayDeliver: () => true,
    onSent: (s) => sent.push(...s.ids),
    onDrained: () => undefined,
    report,
  });
  const record = async (e: ReturnType<typeof event>) => {
    await enqueue(kept.store, known, e, env);
    sending.queued();
  };
  return { ...kept, record, clock, server, reports, sent };
}

describe("keeping and sending", () => {
  it("from a collector URL alone: IndexedDB, a JSON batch as text/plain without cookies, sent once", async () => {
    const { store, record, clock, server, reports, sent } = await open({
      url: "https://c.test/v1/events",
    });
    expect(store.kind).toBe("indexeddb");
    await record(event(1));
    await clock.advance(FLUSH_DELAY_MS);
    expect(server.requests).toHaveLength(1);
    const init = server.requests[0]?.init ?? {};
    expect(init.headers).toEqual({ "Content-Type": "text/plain;charset=UTF-8" });
    expect(init.credentials).toBe("omit");
    expect(String(init.body)).toMatch(/^\{"schema":1,"sentAt":/);
    expect(sent).toEqual([event(1).id]);
    expect(await store.list("q:")).toEqual([]);
    expect(reports).toEqual([]);
  });

  it("retries a 503 after the default backoff, and keeps the site's own settings", async () => {
    const { record, clock, server } = await open({
      url: "https://c.test/v1/events",
      format: "ndjson",
      headers: { "X-Site": "front" },
    });
    server.behave([{ status: 503 }]);
    await record(event(1));
    await clock.advance(FLUSH_DELAY_MS);
    expect(server.requests).toHaveLength(1);
    // Full jitter with random() = 0.5: half the first ceiling.
    await clock.advance(RETRY_BASE_MS / 2);
    expect(server.requests).toHaveLength(2);
    expect(server.stored.has(event(1).id)).toBe(true);
    expect(server.requests[1]?.init.headers).toMatchObject({ "X-Site": "front" });
    expect(String(server.requests[1]?.init.body).startsWith('{"schema"')).toBe(false);
  });

  it("stays in memory until asked to be durable, then moves what it holds into IndexedDB", async () => {
    const { store, durable, record, clock, server } = await open(
      { url: "https://c.test/v1/events" },
      false,
    );
    expect(store.kind).toBe("memory");
    server.behave([], "refuse");
    await record(event(1));
    await durable();
    expect(store.kind).toBe("indexeddb");
    await clock.advance(FLUSH_DELAY_MS);
    expect((await store.list("q:")).length).toBe(1);
  });
});
