import type { Store } from "../outbox/store";

/** When a survey was last shown, dismissed and answered by this visitor (epoch ms). */
export interface SurveyClocks {
  shownAt?: number;
  dismissedAt?: number;
  answeredAt?: number;
}

/** Per-visitor history, kept per site in the store and shared by the site's tabs. */
export interface Ledger {
  surveys: Record<string, SurveyClocks>;
  /** Last time any prompt of the site was shown. */
  lastShownAt?: number;
}

const KEY = "ledger";

export async function loadLedger(store: Store): Promise<Ledger> {
  const value = await store.get<Ledger>(KEY);
  return value && typeof value === "object" && value.surveys ? value : { surveys: {} };
}

/** Records one clock; re-reads first so another tab's entries are kept. */
export async function stamp(
  store: Store,
  surveyId: string,
  clock: keyof SurveyClocks,
  at: number,
): Promise<Ledger> {
  const ledger = await loadLedger(store);
  const clocks = ledger.surveys[surveyId] ?? {};
  clocks[clock] = at;
  ledger.surveys[surveyId] = clocks;
  if (clock === "shownAt") ledger.lastShownAt = at;
  await store.set(KEY, ledger);
  return ledger;
}
