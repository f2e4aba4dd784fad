/** Work done by `glob`, read by the test that bounds it (one step per loop turn; tests only). */
export const globWork = { steps: 0 };

/**
 * Whether the whole of `text` matches `pattern`, where `*` stands for any characters. On a
 * mismatch it only resumes after the last `*` seen, one character further, and never retries an
 * earlier `*` (for `*`-only globs the last one is enough), so it takes at most
 * (text.length + 1) × (pattern.length + 1) steps, linear in the text whatever the pattern.
 *
 * @example glob("/help/returns", "/help/*") // true
 */
export function glob(text: string, pattern: string): boolean {
  let t = 0;
  let p = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    if (__TOUCHPOINT_TEST__) globWork.steps++;
    if (pattern[p] === "*") {
      star = ++p;
      resume = t;
    } else if (pattern[p] === text[t]) {
      p++;
      t++;
    } else if (star < 0) return false;
    else {
      p = star;
      t = ++resume;
    }
  }
  while (pattern[p] === "*") p++;
  return p === pattern.length;
}
