/** Deepest nesting of arrays and objects accepted in a body; an event needs 3. */
export const MAX_JSON_DEPTH = 32;

/**
 * Finds where `text` first nests arrays or objects deeper than `limit`, in one pass that skips
 * strings, before `JSON.parse` and the validator (both recursive) ever see it. Returns the
 * 1-based line and column of the bracket that went too deep, or undefined.
 */
export function findTooDeep(
  text: string,
  limit = MAX_JSON_DEPTH,
): { line: number; column: number } | undefined {
  let depth = 0;
  let inString = false;
  let line = 1;
  let lineStart = 0;
  for (let at = 0; at < text.length; at++) {
    const char = text.charCodeAt(at);
    if (inString) {
      if (char === 0x5c) at++;
      else if (char === 0x22) inString = false;
      continue;
    }
    if (char === 0x22) inString = true;
    else if (char === 0x7b || char === 0x5b) {
      depth++;
      if (depth > limit) return { line, column: at - lineStart + 1 };
    } else if (char === 0x7d || char === 0x5d) depth = Math.max(0, depth - 1);
    else if (char === 0x0a) {
      line++;
      lineStart = at + 1;
    }
  }
  return undefined;
}
