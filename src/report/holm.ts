/** One comparison's share of a family's error rate after Holm's step-down procedure. */
export interface HolmResult {
  /** Holm-adjusted p-value (at most 1): below alpha exactly when the comparison is rejected. */
  adjusted: number;
  /**
   * Level at which to draw this comparison's interval so that it excludes zero exactly when the
   * comparison is rejected: alpha / (m - rank + 1) for a rejected one, and the level at which the
   * procedure stopped for the others.
   */
  level: number;
}

/**
 * Holm-Bonferroni (Holm 1979, "A simple sequentially rejective multiple test procedure"): keeps
 * the chance of any false rejection in the family at or below `alpha`. A p-value that could not
 * be computed counts as 1, so the family's size never depends on the data.
 */
export function holm(pValues: readonly (number | null)[], alpha: number): HolmResult[] {
  const m = pValues.length;
  const order = pValues
    .map((p, index) => ({ p: p ?? 1, index }))
    .sort((a, b) => a.p - b.p || a.index - b.index);
  const results: HolmResult[] = new Array(m);
  let running = 0;
  let stopLevel: number | null = null;
  order.forEach(({ p, index }, rank) => {
    const factor = m - rank;
    running = Math.max(running, Math.min(1, factor * p));
    if (stopLevel === null && !(p < alpha / factor)) stopLevel = alpha / factor;
    results[index] = { adjusted: running, level: stopLevel ?? alpha / factor };
  });
  return results;
}
