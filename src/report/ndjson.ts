import type { TouchpointEvent } from "../wire/event";
import { problemOf, validateEvent } from "../wire/validate";

/** A line that could not be read, with its 1-based line number. */
export interface ParseError {
  line: number;
  message: string;
}

/** The events read and the lines that were not. */
export interface ParseResult {
  events: TouchpointEvent[];
  errors: ParseError[];
}

/**
 * An export from a database or another tool may write an absent optional field as null, as a
 * stored row holds it as NULL: null counts as absent, and the rest is checked as the collector
 * checks what it receives.
 */
function withoutNulls(value: unknown): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== null));
}

function add(result: ParseResult, line: number, value: unknown): void {
  const checked = validateEvent(withoutNulls(value));
  if (checked.ok) result.events.push(checked.event);
  else result.errors.push({ line, message: problemOf(checked) });
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Reads newline-delimited JSON, one event per line. Blank lines are skipped; every other line
 * that is not valid JSON or not a valid event is reported with its line number and the fields
 * at fault, and the remaining lines are still read.
 */
export function parseNdjson(text: string): ParseResult {
  const result: ParseResult = { events: [], errors: [] };
  for (const [index, raw] of text.split("\n").entries()) {
    const source = raw.trim();
    if (source === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(source);
    } catch (error) {
      result.errors.push({ line: index + 1, message: `not valid JSON (${errorText(error)})` });
      continue;
    }
    add(result, index + 1, value);
  }
  return result;
}

/**
 * Reads a JSON document holding an array of events or an `{ events: [...] }` batch; errors carry
 * the 1-based position in the array as `line`. Returns null when the text is not such a document.
 */
export function parseEventArray(text: string): ParseResult | null {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return null;
  }
  const list = Array.isArray(document)
    ? document
    : (document as { events?: unknown } | null)?.events;
  if (!Array.isArray(list)) return null;
  const result: ParseResult = { events: [], errors: [] };
  for (const [index, value] of list.entries()) add(result, index + 1, value);
  return result;
}
