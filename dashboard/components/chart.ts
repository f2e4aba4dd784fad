/** A linear map from a domain to a range, e.g. scores to pixels. */
export function linear(domain: readonly [number, number], range: readonly [number, number]) {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  return (value: number) => r0 + ((value - d0) / (d1 - d0 || 1)) * (r1 - r0);
}

/**
 * A readable axis extent: the data's range widened to multiples of `step`, at least `minSpan`
 * wide, and never beyond `limits`.
 */
export function extent(
  values: readonly number[],
  step: number,
  minSpan: number,
  limits: readonly [number, number],
): [number, number] {
  if (values.length === 0) return [limits[0], limits[1]];
  let low = Math.floor(Math.min(...values) / step) * step;
  let high = Math.ceil(Math.max(...values) / step) * step;
  // Widen one side at a time, alternating, so the data stays near the middle.
  let lowSide = true;
  while (high - low < minSpan && (low > limits[0] || high < limits[1])) {
    if ((lowSide && low > limits[0]) || high >= limits[1]) low -= step;
    else high += step;
    lowSide = !lowSide;
  }
  return [Math.max(limits[0], low), Math.min(limits[1], high)];
}

/** About `count` round tick values across an extent. */
export function ticks([low, high]: readonly [number, number], count = 5): number[] {
  const raw = (high - low) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw || 1));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  const values: number[] = [];
  for (let v = Math.ceil(low / step) * step; v <= high + 1e-9; v += step) {
    values.push(Math.round(v * 1e6) / 1e6);
  }
  return values;
}

/** Every `k`-th index so that at most `max` labels are drawn, always including the last. */
export function labelledIndexes(length: number, max: number): Set<number> {
  const every = Math.max(1, Math.ceil(length / max));
  const indexes = new Set<number>();
  for (let i = length - 1; i >= 0; i -= every) indexes.add(i);
  return indexes;
}
