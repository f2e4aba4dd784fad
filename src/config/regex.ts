/**
 * Open-ended repeats (`*`, `+`, `{n,}`) and back-references a regex rule may hold, an unanchored
 * start counting as one: with at most two, matching MAX_TEXT characters takes about MAX_TEXT²
 * steps at worst on a backtracking engine (every browser's); with k, MAX_TEXT^k.
 */
export const MAX_REPEATS = 2;

/** The reasons `unsafeRegex` gives. */
export const REPEATED_GROUP = "a repeated group";
export const TOO_MANY = `over ${MAX_REPEATS} open-ended repeats or back-references`;

/**
 * Why a regular expression could hang the page on a backtracking engine, or `undefined` when it
 * cannot. Conservative, read from the source: repeating a group is what backtracks
 * exponentially (`(a+)+$`, `(a|ab)*c`), so no group may be repeated; more than MAX_REPEATS
 * open-ended repeats backtrack polynomially (`.*a.*b.*c`).
 *
 * @example unsafeRegex("(a+)+$") // "a repeated group"
 */
export function unsafeRegex(source: string): string | undefined {
  // A back-reference reads like a repeat; other escapes and [classes] match one character.
  const s = source.replace(/\\[1-9k]/g, "a*").replace(/\\[\s\S]|\[(?:\\[\s\S]|[^\]\\])*\]/g, "a");
  const repeats = (s.match(/[*+]|\{\d+,/g)?.length ?? 0) + (/^\^[^|]*$/.test(s) ? 0 : 1);
  return /\)[*+{]/.test(s) ? REPEATED_GROUP : repeats > MAX_REPEATS ? TOO_MANY : undefined;
}

/** Why a refused regular expression is slow and how to rewrite it (for `validate` and the CLI). */
export const REWRITE =
  "it can backtrack for minutes on a crafted URL: repeat single characters or [classes], not groups; start it with ^; or use a glob (always linear)";
