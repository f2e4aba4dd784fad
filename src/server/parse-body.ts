import { describeValue } from "../wire/validate";
import { HttpError } from "./http";
import { findTooDeep, MAX_JSON_DEPTH } from "./json-depth";
import { findJsonSyntaxError } from "./json-error";

/** Wire format version this collector reads. */
const BATCH_SCHEMA = 1;

/** One event as found in a body, before validation, with the label used in error messages. */
export interface RawEvent {
  value: unknown;
  /** `"events[3]"` in a batch, `"line 4"` in NDJSON. */
  label: string;
}

/** Names a field of a raw event in an error message. */
export function fieldPath(event: RawEvent, field: string): string {
  if (!field) return event.label;
  return event.label.startsWith("line ") ? `${event.label}, ${field}` : `${event.label}.${field}`;
}

function malformed(text: string, prefix: string, columnOnly: boolean): HttpError {
  const error = findJsonSyntaxError(text);
  if (!error) return new HttpError(400, `${prefix}malformed JSON`);
  const where = columnOnly
    ? `column ${error.column}`
    : `line ${error.line}, column ${error.column}`;
  return new HttpError(400, `${prefix}malformed JSON at ${where}: ${error.reason}`);
}

function refuseDeep(text: string, prefix: string): void {
  const deep = findTooDeep(text);
  if (!deep) return;
  const where = prefix ? `column ${deep.column}` : `line ${deep.line}, column ${deep.column}`;
  throw new HttpError(400, `${prefix}JSON nested deeper than ${MAX_JSON_DEPTH} levels at ${where}`);
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function fromBatch(batch: Record<string, unknown>, maxEvents: number): RawEvent[] {
  if (batch.schema !== BATCH_SCHEMA) {
    throw new HttpError(
      400,
      `schema: expected ${BATCH_SCHEMA}, got ${describeValue(batch.schema)}`,
    );
  }
  if (batch.sentAt !== undefined && typeof batch.sentAt !== "string") {
    throw new HttpError(
      400,
      `sentAt: expected an ISO 8601 time, got ${describeValue(batch.sentAt)}`,
    );
  }
  const events = batch.events;
  if (!Array.isArray(events)) {
    throw new HttpError(400, `events: expected an array of events, got ${describeValue(events)}`);
  }
  if (events.length === 0) {
    throw new HttpError(400, "events: expected at least one event, got an empty array");
  }
  if (events.length > maxEvents) {
    throw new HttpError(
      413,
      `events: at most ${maxEvents} events per request, got ${events.length}`,
    );
  }
  return events.map((value, index) => ({ value, label: `events[${index}]` }));
}

function fromLines(text: string, maxEvents: number): RawEvent[] {
  const events: RawEvent[] = [];
  const lines = text.split("\n");
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line) continue;
    if (events.length === maxEvents) {
      throw new HttpError(413, `at most ${maxEvents} events per request`);
    }
    refuseDeep(line, `line ${index + 1}: `);
    const parsed = tryParse(line);
    if (!parsed.ok) {
      // A broken first line more likely means a broken pretty-printed batch than broken NDJSON;
      // the position in the whole body is right in both cases.
      if (events.length === 0) throw malformed(text, "", false);
      throw malformed(raw.replace(/\r$/, ""), `line ${index + 1}: `, true);
    }
    events.push({ value: parsed.value, label: `line ${index + 1}` });
  }
  return events;
}

/**
 * Reads a request body as either a batch `{"schema":1,"sentAt":…,"events":[…]}` or NDJSON (one
 * event per line), decided by its shape rather than its content type, because `sendBeacon` and
 * CORS-simple requests can only say `text/plain`. Throws 400 or 413 {@link HttpError}s.
 */
export function parseBody(text: string, maxEvents: number): RawEvent[] {
  const trimmed = text.trim();
  if (!trimmed) throw new HttpError(400, "empty body: expected a JSON batch or NDJSON events");
  refuseDeep(text, "");
  const whole = trimmed.startsWith("{") ? tryParse(trimmed) : { ok: false as const };
  if (whole.ok) {
    const value = whole.value as Record<string, unknown>;
    if ("events" in value) return fromBatch(value, maxEvents);
    return [{ value, label: "line 1" }];
  }
  return fromLines(text, maxEvents);
}
