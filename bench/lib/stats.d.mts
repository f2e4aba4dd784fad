export interface Summary {
  median: number;
  min: number;
  max: number;
  n: number;
}
export function summary(values: number[]): Summary | undefined;
export function percentile(values: number[], p: number): number;
export function cell(s: Summary | string | undefined, unit: "kb" | "ms" | "count" | "heap"): string;
export function ratio(
  ours: Summary | string | undefined,
  theirs: Summary | string | undefined,
): string;
