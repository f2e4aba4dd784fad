// What the engine's start costs IndexedDB at idle, before any trigger: the transaction that
// opens the store also reads the visitor id, a first visit writes its id once (whatever the
// tabs), and a database just created opens no migration cursor.
import { IDBDatabase, IDBFactory, IDBObjectStore } from "fake-indexeddb";
import { afterEach, describe, expect, it, vi } from "vitest";
import { loadIdentity } from "../../../src/engine/identity";
import { idbStore, versionedStore } from "../../../src/outbox/idb";
import { openStore } from "../../../src/outbox/index";
import { fakeClock } from "./fixtures";

afterEach(() => {
  vi.restoreAllMocks();
});

let sites = 0;

/** Transactions on the store (fake-indexeddb also counts the upgrade's own here). */
const onStore = (spy: { mock: { calls: unknown[][] } }) =>
  spy.mock.calls.filter(([names]) => names === "kv").length;

/** The engine's start on a site: open the store, then who is asking. */
async function engineStart(factory: IDBFactory, siteKey: string) {
  const clock = fakeClock();
  const env = {
    indexedDB: factory,
    now: clock.now,
    setTimeout: clock.setTimeout,
    clearTimeout: clock.clearTimeout,
  };
  const reports: unknown[] = [];
  const opened = await openStore({
    env,
    siteKey,
    durable: true,
    report: (e) => reports.push(e),
    log: () => undefined,
  });
  let n = 0;
  const visitor = await loadIdentity(
    opened.store,
    opened.visitor,
    window,
    siteKey,
    () => `${siteKey}-id-${++n}`,
  );
  expect(reports).toEqual([]);
  return { ...opened, visitor };
}

describe("the engine's start, at idle", () => {
  it("a returning visitor costs one transaction: the one that opens the store reads the visitor id", async () => {
    const factory = new IDBFactory();
    const siteKey = `idle${++sites}`;
    await idbStore(versionedStore(factory, `touchpoint:${siteKey}`)).set("visitor", "returning");
    const transactions = vi.spyOn(IDBDatabase.prototype, "transaction");
    const { visitor } = await engineStart(factory, siteKey);
    expect(visitor.visitorId).toBe("returning");
    expect(onStore(transactions)).toBe(1);
  });

  it("a first visit writes its new id in one more transaction, and the next page reads it back", async () => {
    const factory = new IDBFactory();
    const siteKey = `idle${++sites}`;
    const transactions = vi.spyOn(IDBDatabase.prototype, "transaction");
    const first = await engineStart(factory, siteKey);
    expect(onStore(transactions)).toBe(2);
    const next = await engineStart(factory, siteKey);
    expect(next.visitor.visitorId).toBe(first.visitor.visitorId);
  });

  it("two tabs opening at once on a first visit agree on one visitor id", async () => {
    const factory = new IDBFactory();
    const siteKey = `idle${++sites}`;
    const [a, b] = await Promise.all([
      engineStart(factory, siteKey),
      engineStart(factory, siteKey),
    ]);
    expect(a.visitor.visitorId).toBe(b.visitor.visitorId);
    expect(await a.store.get("visitor")).toBe(a.visitor.visitorId);
  });

  it("a database just created opens no migration cursor", async () => {
    const cursors = vi.spyOn(IDBObjectStore.prototype, "openCursor");
    await engineStart(new IDBFactory(), `idle${++sites}`);
    expect(cursors).not.toHaveBeenCalled();
  });
});
