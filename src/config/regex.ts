/**
 * Open-ended repeats (`*`, `+`, `{n,}`) and back-references a regex rule may hold, an unanchored
 * start counting as one: with at most two, matching MAX_TEXT characters takes about MAX_TEXT²
 * steps at worst on a backtracking engine (every browser's); with k, MAX_TEXT^k.
 */
export const MAX_REPEATS = 2;

/** The reasons `unsafeRegex` gives. */
export const NESTED = "a repeated group holding a repeat or |";
export const TOO_MANY = `over ${MAX_REPEATS} open-ended repeats or back-references`;

/**
 * Why a regular expression could hang the page on a backtracking engine, or `undefined` when it
 * cannot. Conservative, read from the source: a repeated group that holds a repeat or
 * alternatives (`(a+)+`, `(a|ab)*`) backtracks exponentially; more than MAX_REPEATS open-ended
 * repeats (`.*a.*b`, an unanchored start counting as one) polynomially.
 *
 * @example unsafeRegex("(a+)+$") // "a repeated group holding a repeat or |"
 */
export function unsafeRegex(source: string): string | undefined {
  // A back-reference reads like a repeat; other escapes and [classes] match one character; group
  // prefixes like (?: change nothing here.
  let s = source
    .replace(/\\[1-9k]/g, "*")
    .replace(/\\[\s\S]|\[(?:\\[\s\S]|[^\]\\])*\]/g, "a")
    .replace(/\(\?[:=!<]/g, "(");
  let repeats = s.match(/[*+]|\{\d+,/g)?.length ?? 0;
  let nested = false;
  // Innermost groups first: a group holding a repeat or `|` becomes "~"; repeating it is nested.
  for (let before = ""; before !== s; ) {
    before = s;
    s = s.replace(/\(([^()]*)\)([*+]|\{\d+,?\d*\})?/g, (_, body: string, repeat?: string) => {
      const complex = /[*+?{|~]/.test(body);
      nested ||= complex && !!repeat;
      return complex ? "~" : "a";
    });
  }
  if (!/^\^[^|]*$/.test(s)) repeats++;
  return nested ? NESTED : repeats > MAX_REPEATS ? TOO_MANY : undefined;
}

/** How to rewrite a refused regular expression, by reason (for `validate` and the CLI). */
export const REWRITE: Record<string, string> = {
  [NESTED]:
    "it can backtrack exponentially, as (a+)+$ or (a|ab)*c do: repeat one character class instead ([ab]*), drop the inner repeat, or use a glob",
  [TOO_MANY]:
    "it can backtrack polynomially, as .*a.*b.*c does: start it with ^, use fewer repeats, or use a glob (always linear)",
};
