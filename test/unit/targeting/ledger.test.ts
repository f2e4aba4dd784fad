import { describe, expect, it } from "vitest";
import { memoryStore } from "../../../src/outbox/store";
import { loadLedger, MAX_SHOWN, stamp } from "../../../src/targeting/ledger";

describe("ledger", () => {
  it("keeps per-survey clocks and counters apart from the global impressions", async () => {
    const store = memoryStore();
    await stamp(store, "a", "shownAt", 1);
    await stamp(store, "a", "shownAt", 2);
    await stamp(store, "b", "shownAt", 3);
    await stamp(store, "a", "answeredAt", 4);
    const ledger = await loadLedger(store);
    expect(ledger.surveys).toEqual({
      a: { shownAt: 2, answeredAt: 4, answers: 1, ignored: 0 },
      b: { shownAt: 3, ignored: 1 },
    });
    expect(ledger.shown).toEqual([1, 2, 3]);
    expect(ledger.lastShownAt).toBe(3);
  });

  it("re-reads before writing, so two tabs sharing a store keep each other's entries", async () => {
    const store = memoryStore();
    const tab1 = stamp(store, "a", "shownAt", 1);
    await tab1;
    await stamp(store, "b", "dismissedAt", 2);
    expect(Object.keys((await loadLedger(store)).surveys)).toEqual(["a", "b"]);
  });

  it("keeps both entries when two tabs stamp at the same moment", async () => {
    const store = memoryStore();
    await Promise.all([stamp(store, "a", "shownAt", 1), stamp(store, "b", "dismissedAt", 2)]);
    const ledger = await loadLedger(store);
    expect(ledger.surveys).toEqual({
      a: { shownAt: 1, ignored: 1 },
      b: { dismissedAt: 2, ignored: 0 },
    });
    expect(ledger.shown).toEqual([1]);
  });

  it("bounds the global impression list", async () => {
    const store = memoryStore();
    for (let i = 0; i < MAX_SHOWN + 5; i++) await stamp(store, "a", "shownAt", i);
    expect((await loadLedger(store)).shown).toHaveLength(MAX_SHOWN);
  });
});
