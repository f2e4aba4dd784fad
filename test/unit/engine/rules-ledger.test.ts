// The frequency ledger the rules keep in memory, against a store whose reads this test releases
// when it chooses: a read that began before a write must not bring back the ledger without it.
import { afterEach, describe, expect, it, vi } from "vitest";
import type { SurveyConfig } from "../../../src/config/types";
import type { ResolvedConfig } from "../../../src/engine/config";
import { createRules, type Rules } from "../../../src/engine/rules";
import type { Environment } from "../../../src/engine/types";
import { memoryStore, type Store } from "../../../src/outbox/store";
import { type Ledger, loadLedger } from "../../../src/targeting/ledger";
import { matches } from "../../../src/targeting/match";

const survey = {
  id: "nps",
  type: "nps",
  copy: { question: "How likely are you to recommend us?" },
  trigger: { on: "event", event: "order_completed" },
} as unknown as SurveyConfig;

/** A store shared by "tabs" whose reads can be held; each answers what was stored as it began. */
function heldStore() {
  const store = memoryStore();
  const waiting: Array<() => void> = [];
  let holding = false;
  const held: Store & { map: Map<string, unknown> } = {
    ...store,
    get<T>(key: string) {
      const value = store.get<T>(key);
      if (!holding) return value;
      return new Promise<T | undefined>((resolve) => waiting.push(() => resolve(value)));
    },
  };
  return {
    store: held,
    hold: () => {
      holding = true;
    },
    /** Lets every held read answer, with what was stored when it began. */
    release: () => {
      holding = false;
      for (const answer of waiting.splice(0)) answer();
    },
    held: () => waiting.length,
  };
}

let sites = 0;
const open: Rules[] = [];
afterEach(() => {
  for (const rules of open.splice(0)) rules.stop();
});

/** One tab's rules on `store`; tabs of one site hear each other on a BroadcastChannel. */
async function tab(store: Store, siteKey = `rules-ledger${++sites}`, report = vi.fn()) {
  const env = {
    window,
    now: () => Date.now(),
    setTimeout: (cb: () => void, ms: number) => setTimeout(cb, ms) as unknown as number,
    clearTimeout: (id: number) => clearTimeout(id),
  } as unknown as Environment;
  const rules = await createRules({
    env,
    config: {
      siteKey,
      collector: { url: "https://collector.test/v1/events", format: "json", headers: {} },
      policy: { maxPerSession: 100, minDaysBetween: 0 },
      surveys: [survey],
    } as ResolvedConfig,
    locale: "en",
    store: () => store,
    visitorId: () => "visitor",
    user: () => ({ traits: {} }),
    page: () => true,
    journeyKey: `touchpoint:${siteKey}:journey`,
    durable: () => false,
    match: matches,
    promptOpen: () => false,
    show: vi.fn(),
    report,
    say: vi.fn(),
    verdicts: async () => () => [],
  });
  open.push(rules);
  return { rules, siteKey, report };
}

describe("the ledger in memory", () => {
  it("keeps this tab's impression when a read begun before it answers after it", async () => {
    const s = heldStore();
    const { rules } = await tab(s.store);
    expect(rules.eligible(survey)).toBe(true);
    s.hold();
    // explain() re-reads the ledger: that read begins before the impression is stored.
    const explained = rules.explain([survey]);
    expect(s.held()).toBe(1);
    rules.stamp(survey.id, "shownAt");
    await vi.waitFor(() => expect(rules.eligible(survey)).toBe(false));
    s.release();
    const [verdict] = await explained;
    // The read came back with the ledger as it was before the impression: it is dropped.
    expect(verdict?.eligible).toBe(false);
    expect(rules.eligible(survey)).toBe(false);
  });

  it("keeps reset()'s empty ledger when a read begun before it answers after it", async () => {
    const s = heldStore();
    const { rules } = await tab(s.store);
    rules.stamp(survey.id, "shownAt");
    await vi.waitFor(() => expect(rules.eligible(survey)).toBe(false));
    s.hold();
    const explained = rules.explain([survey]);
    await rules.reset();
    expect(rules.eligible(survey)).toBe(true);
    s.release();
    await explained;
    expect(rules.eligible(survey)).toBe(true);
    // A reset is a write like a stamp: the next revision, not a ledger without one.
    expect(await loadLedger(s.store)).toEqual({ surveys: {}, rev: 2 });
  });

  it("keeps a newer ledger read from storage over an older write of this tab", async () => {
    const s = heldStore();
    const { rules } = await tab(s.store);
    const newer: Ledger = { surveys: { nps: { shownAt: Date.now(), ignored: 1 } }, rev: 7 };
    s.store.map.set("ledger", newer);
    await rules.explain([survey]);
    expect(rules.eligible(survey)).toBe(false);
    // This tab's write can only be older than what it read if another store wrote in between:
    // a stored ledger whose revision is behind the one in memory (a test-only rewind).
    s.store.map.set("ledger", { surveys: {}, rev: 3 });
    await rules.reset();
    expect(rules.eligible(survey)).toBe(false);
  });

  it("another tab hears a reset and a stamp; a ledger without revisions counts", async () => {
    const s = heldStore();
    s.store.map.set("ledger", { surveys: { nps: { shownAt: Date.now(), ignored: 1 } } });
    const first = await tab(s.store);
    const second = await tab(s.store, first.siteKey);
    expect([first.rules.eligible(survey), second.rules.eligible(survey)]).toEqual([false, false]);
    await first.rules.reset();
    expect(first.rules.eligible(survey)).toBe(true);
    await vi.waitFor(() => expect(second.rules.eligible(survey)).toBe(true));
    first.rules.stamp(survey.id, "shownAt");
    await vi.waitFor(() => expect(second.rules.eligible(survey)).toBe(false));
    expect((await loadLedger(s.store)).rev).toBe(2);
    expect(first.report).not.toHaveBeenCalled();
  });
});
