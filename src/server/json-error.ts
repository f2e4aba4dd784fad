/** Where and why a text is not JSON. */
export interface JsonSyntaxError {
  /** 1-based line of the offending character. */
  line: number;
  /** 1-based column of the offending character. */
  column: number;
  reason: string;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /true|false|null/y;
const HEX4 = /[0-9a-fA-F]{4}/y;
const ESCAPABLE = new Set(['"', "\\", "/", "b", "f", "n", "r", "t"]);
const WHITESPACE = new Set([" ", "\t", "\n", "\r"]);

class SyntaxAt {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {}
}

function unexpected(text: string, offset: number, expected: string): SyntaxAt {
  const found = offset >= text.length ? "end of input" : JSON.stringify(text[offset]);
  return new SyntaxAt(offset, `expected ${expected}, found ${found}`);
}

function skipWhitespace(text: string, offset: number): number {
  let at = offset;
  while (at < text.length && WHITESPACE.has(text[at] as string)) at++;
  return at;
}

function matchAt(pattern: RegExp, text: string, offset: number): number {
  pattern.lastIndex = offset;
  return pattern.test(text) ? pattern.lastIndex : -1;
}

function endOfString(text: string, start: number): number {
  let at = start + 1;
  while (at < text.length) {
    const char = text[at] as string;
    if (char === '"') return at + 1;
    if (char.charCodeAt(0) < 0x20) throw new SyntaxAt(at, "control character inside a string");
    if (char === "\\") {
      const next = text[at + 1] ?? "";
      if (next === "u") {
        if (matchAt(HEX4, text, at + 2) < 0) throw new SyntaxAt(at, "bad \\u escape");
        at += 6;
        continue;
      }
      if (!ESCAPABLE.has(next)) throw new SyntaxAt(at, "bad escape in a string");
      at += 2;
      continue;
    }
    at++;
  }
  throw new SyntaxAt(text.length, "unterminated string");
}

function endOfScalar(text: string, offset: number): number {
  const char = text[offset];
  if (char === '"') return endOfString(text, offset);
  const end = matchAt(
    char === "-" || (char !== undefined && char >= "0" && char <= "9") ? NUMBER : LITERAL,
    text,
    offset,
  );
  if (end < 0) throw unexpected(text, offset, "a JSON value");
  return end;
}

/** Walks the grammar with an explicit stack, so deep nesting cannot overflow the call stack. */
function scan(text: string): void {
  const open: string[] = [];
  let at = skipWhitespace(text, 0);
  let wantValue = true;
  for (;;) {
    if (wantValue) {
      const char = text[at];
      if (char === "{" || char === "[") {
        open.push(char);
        at = skipWhitespace(text, at + 1);
        const close = char === "{" ? "}" : "]";
        if (text[at] === close) {
          open.pop();
          at++;
          wantValue = false;
        } else if (char === "{") {
          at = afterKey(text, at);
        }
        continue;
      }
      at = endOfScalar(text, at);
      wantValue = false;
      continue;
    }
    at = skipWhitespace(text, at);
    const container = open.at(-1);
    if (container === undefined) {
      if (at < text.length) throw unexpected(text, at, "nothing after the JSON value");
      return;
    }
    const close = container === "{" ? "}" : "]";
    if (text[at] === close) {
      open.pop();
      at++;
    } else if (text[at] === ",") {
      at = skipWhitespace(text, at + 1);
      if (container === "{") at = afterKey(text, at);
      wantValue = true;
    } else {
      throw unexpected(text, at, `"," or "${close}"`);
    }
  }
}

/** Reads `"key" :` and returns where the value starts. */
function afterKey(text: string, offset: number): number {
  if (text[offset] !== '"') throw unexpected(text, offset, "a double-quoted property name");
  const colon = skipWhitespace(text, endOfString(text, offset));
  if (text[colon] !== ":") throw unexpected(text, colon, '":"');
  return skipWhitespace(text, colon + 1);
}

/**
 * Finds the first syntax error in `text`, for messages that say where a body went wrong; V8's
 * own messages sometimes give no position and sometimes quote the whole input.
 */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  try {
    scan(text);
    return undefined;
  } catch (error) {
    if (!(error instanceof SyntaxAt)) throw error;
    const before = text.slice(0, error.offset);
    const lineStart = before.lastIndexOf("\n") + 1;
    return {
      line: before.split("\n").length,
      column: error.offset - lineStart + 1,
      reason: error.reason,
    };
  }
}
