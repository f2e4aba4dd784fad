/**
 * Open-ended repeats (`*`, `+`, `{n,}`) and back-references a regex rule may hold, an unanchored
 * start counting as one: with at most two, matching MAX_TEXT characters takes about MAX_TEXT²
 * steps at worst on a backtracking engine (every browser's); with k, MAX_TEXT^k.
 */
export const MAX_REPEATS = 2;

/** What the config check expects of a regex rule that compiles but could hang the page. */
export const REFUSED = "a regular expression that cannot hang the page";

/** What makes a regex unsafe: a repeated group, or over MAX_REPEATS open-ended repeats. */
export type RegexHazard = "group" | "repeats";

/**
 * What could make a regular expression hang the page on a backtracking engine, or `undefined`
 * when nothing can. Conservative, read from the source: repeating a group is what backtracks
 * exponentially (`(a+)+$`, `(a|ab)*c`), so no group may be repeated; more than MAX_REPEATS
 * open-ended repeats backtrack polynomially (`.*a.*b.*c`). `validate` words the hazard
 * (`regexProblems`); the core, on every page, only refuses.
 *
 * @example unsafeRegex("(a+)+$") // "group"
 */
export function unsafeRegex(source: string): RegexHazard | undefined {
  // A back-reference reads like a repeat; other escapes and [classes] match one character.
  const s = source.replace(/\\[1-9k]/g, "a*").replace(/\\[\s\S]|\[(?:\\[\s\S]|[^\]\\])*\]/g, "a");
  const repeats = (s.match(/[*+]|\{\d+,/g)?.length ?? 0) + (/^\^[^|]*$/.test(s) ? 0 : 1);
  return /\)[*+{]/.test(s) ? "group" : repeats > MAX_REPEATS ? "repeats" : undefined;
}
