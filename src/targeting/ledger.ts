import type { Store } from "../outbox/store";

/** One survey's history with this visitor: its own clocks, apart from the global one. */
export interface SurveyClocks {
  /** Last impression, epoch ms. */
  shownAt?: number;
  dismissedAt?: number;
  answeredAt?: number;
  /** Answers given, ever. */
  answers?: number;
  /** Impressions in a row without an answer or a dismissal. */
  ignored?: number;
}

/** Per-visitor history, kept per site in the store and shared by the site's tabs. */
export interface Ledger {
  surveys: Record<string, SurveyClocks>;
  /** Last time any prompt of the site was shown (the global clock). */
  lastShownAt?: number;
  /** Recent impressions of any survey, epoch ms, oldest first (the global fatigue window). */
  shown?: number[];
  /**
   * One more with each write (a stamp, `reset()`), so a tab never lets a read that began before a
   * write replace what that write left; a ledger stored before revisions were kept counts as 0.
   */
  rev?: number;
}

const KEY = "ledger";
/** Impressions kept for the global window; more than any policy can count. */
export const MAX_SHOWN = 200;

/** A stored ledger, or an empty one in place of anything else found under its key. */
const valid = (value: Ledger | undefined): Ledger => (value?.surveys ? value : { surveys: {} });

/** The ledger's revision: 0 when absent (`| 0` turns anything found there into a whole number). */
export const revision = (l: Ledger | undefined): number => (l?.rev as number) | 0;

export const loadLedger = (store: Store): Promise<Ledger> => store.get<Ledger>(KEY).then(valid);

/**
 * Records one clock in a single read-write transaction, so stamps of two tabs at once keep each
 * other's entries, and a prompt's impression costs one IndexedDB transaction instead of two.
 */
export function stamp(
  store: Store,
  surveyId: string,
  clock: "shownAt" | "dismissedAt" | "answeredAt",
  at: number,
): Promise<Ledger> {
  return store.update<Ledger>(KEY, (old) => {
    const ledger = valid(old);
    const c = ledger.surveys[surveyId] ?? {};
    c[clock] = at;
    if (clock === "shownAt") {
      c.ignored = (c.ignored ?? 0) + 1;
      ledger.lastShownAt = at;
      ledger.shown = [...(ledger.shown ?? []), at].slice(-MAX_SHOWN);
    } else c.ignored = 0;
    if (clock === "answeredAt") c.answers = (c.answers ?? 0) + 1;
    ledger.surveys[surveyId] = c;
    ledger.rev = revision(ledger) + 1;
    return ledger;
  }) as Promise<Ledger>;
}

/** Forgets every clock (`reset()`): a write like a stamp, with the next revision. */
export const clearLedger = (store: Store): Promise<Ledger> =>
  store.update<Ledger>(KEY, (old) => ({ surveys: {}, rev: revision(old) + 1 })) as Promise<Ledger>;
