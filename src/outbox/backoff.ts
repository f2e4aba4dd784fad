/** Store key of the retry clock the site's tabs share, so they back off together. */
export const RETRY_KEY = "retry";
/** First backoff ceiling; it doubles with each failure in a row. */
export const RETRY_BASE_MS = 1000;
/** Longest wait between two attempts. */
export const RETRY_MAX_MS = 300_000;

/** Failures in a row, when the last one happened and how long to wait after it. */
export interface RetryState {
  failures: number;
  at: number;
  delay: number;
}

/**
 * The wait after the `failures`-th failure in a row: full jitter (a random share of a ceiling
 * that doubles per failure, capped), but never less than the collector's `Retry-After`.
 */
export function retryDelay(
  failures: number,
  limits: { retryBaseMs: number; retryMaxMs: number },
  random: () => number,
  retryAfterMs = 0,
): number {
  const ceiling = Math.min(limits.retryMaxMs, limits.retryBaseMs * 2 ** Math.min(failures - 1, 30));
  return Math.max(retryAfterMs, Math.floor(random() * ceiling));
}

/** How long to wait still; a clock set back ends the wait rather than stretching it. */
export function remainingWait(state: RetryState | undefined, now: number): number {
  if (!state) return 0;
  const elapsed = now - state.at;
  return elapsed < 0 ? 0 : Math.max(state.delay - elapsed, 0);
}
