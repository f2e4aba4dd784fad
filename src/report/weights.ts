/**
 * Warnings, naming each key, when the variant keys in the events and in the weights differ: a key
 * only in the events (a typo such as `contrl`, or a variant missing from the config) and a key
 * only in the weights (a variant that never showed, or a typo in `--weights`).
 */
export function weightWarnings(
  seen: readonly string[],
  weights: Readonly<Record<string, number>> | undefined,
): string[] {
  if (!weights) return [];
  const named = Object.keys(weights);
  const list = (keys: readonly string[]) => keys.map((key) => `"${key}"`).join(", ");
  const warnings: string[] = [];
  for (const key of seen) {
    if (!named.includes(key)) {
      warnings.push(
        `variant "${key}" is in the events but not in the weights (${list(named)}): check for a typo; it is left out of the sample ratio check`,
      );
    }
  }
  for (const key of named) {
    if (!seen.includes(key)) {
      warnings.push(
        `the weights name variant "${key}", which no event here has (variants seen: ${list(seen)})`,
      );
    }
  }
  return warnings;
}
