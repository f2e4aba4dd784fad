import type { TouchpointEvent } from "../wire/event";

/** Most events in one request. */
export const MAX_BATCH_EVENTS = 100;
/** Most bytes of events in one request: keepalive requests share a 64 KiB in-flight budget. */
export const MAX_BATCH_BYTES = 60_000;

/** Splits events into batches under the count and byte limits, keeping their order. */
export function toBatches(
  events: ReadonlyArray<{ event: TouchpointEvent; size?: number }>,
  maxBytes = MAX_BATCH_BYTES,
): TouchpointEvent[][] {
  const batches: TouchpointEvent[][] = [];
  let current: TouchpointEvent[] = [];
  let bytes = 0;
  // Every queued item has its size, unless the page broke JSON.stringify: sending reports that.
  for (const { event, size = 0 } of events) {
    if (current.length && (current.length >= MAX_BATCH_EVENTS || bytes + size + 1 > maxBytes)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(event);
    bytes += size + 1;
  }
  if (current.length) batches.push(current);
  return batches;
}
