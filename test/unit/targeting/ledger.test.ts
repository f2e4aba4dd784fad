import { describe, expect, it } from "vitest";
import { memoryStore } from "../../../src/outbox/store";
import { clearLedger, loadLedger, MAX_SHOWN, revision, stamp } from "../../../src/targeting/ledger";

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

  it("counts every write in its revision, reset included; none stored counts as 0", async () => {
    const store = memoryStore(new Map<string, unknown>([["ledger", { surveys: {} }]]));
    expect(revision(await loadLedger(store))).toBe(0);
    expect((await stamp(store, "a", "shownAt", 1)).rev).toBe(1);
    expect(await clearLedger(store)).toEqual({ surveys: {}, rev: 2 });
    expect((await stamp(store, "a", "dismissedAt", 2)).rev).toBe(3);
    expect(await clearLedger(memoryStore())).toEqual({ surveys: {}, rev: 1 });
  });

  it("turns whatever is found as a revision into a whole number", () => {
    const found = [
      ["7", 7],
      [null, 0],
      [Number.NaN, 0],
      [{}, 0],
      [1.5, 1],
      [-2, -2],
    ] as const;
    for (const [rev, read] of found) expect(revision({ surveys: {}, rev } as never)).toBe(read);
  });
});
