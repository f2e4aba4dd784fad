// Summaries and formatting for the bench table.

/** Median, min and max of the numbers (the median of an even count is the mean of the middle two). */
export function summary(values) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (!sorted.length) return undefined;
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], n: sorted.length };
}

/** Nearest-rank percentile (p in 0-100). */
export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return Number.NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

/** Each unit: how a value is written, and its suffix (printed once per cell). */
const UNITS = {
  kb: [(v) => (v / 1000).toFixed(2), " KB"],
  ms: [(v) => (v < 10 ? v.toFixed(1) : `${Math.round(v)}`), " ms"],
  count: [(v) => (Number.isInteger(v) ? `${v}` : v.toFixed(1)), ""],
  heap: [(v) => (v / 1000).toFixed(0), " KB"],
};

/** "median unit (min–max)", or the reason the figure is missing. */
export function cell(s, unit) {
  if (typeof s === "string") return s;
  if (!s) return "n/a";
  const [f, suffix] = UNITS[unit];
  return `${f(s.median)}${suffix} (${f(s.min)}–${f(s.max)})`;
}

/** Touchpoint / peer, from the medians ("0.031 (1/32)" when far below 1). */
export function ratio(ours, theirs) {
  if (!ours || !theirs || typeof ours === "string" || typeof theirs === "string") return "";
  if (theirs.median === 0) return "";
  const r = ours.median / theirs.median;
  if (r === 0) return "0";
  // A difference (e.g. minus an empty script) can fall below zero in noise: no ratio then.
  if (r < 0) return "";
  if (r >= 0.5) return r.toFixed(2);
  return `${r < 0.1 ? r.toFixed(3) : r.toFixed(2)} (1/${Math.round(1 / r)})`;
}
