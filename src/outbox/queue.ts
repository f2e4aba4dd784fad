import type { TouchpointEvent } from "../wire/event";
import { byteLength } from "./bytes";
import { type Known, QUEUE_PREFIX, type QueuedItem } from "./queued-item";
import type { Store } from "./store";

export interface EnqueueOptions {
  now: () => number;
  random: () => number;
  /** `JSON.stringify`, captured when Touchpoint loaded (the page may break it later). */
  stringify?: typeof JSON.stringify | undefined;
}

/**
 * Writes the event to the store, resolving once it is there (durable in IndexedDB); the same
 * event written twice stays one item, sent once. `known` hears of it before and after the write.
 */
export async function enqueue(
  store: Store,
  known: Known,
  event: TouchpointEvent,
  o: EnqueueOptions,
): Promise<void> {
  // A page that broke JSON still gets the event stored (IndexedDB clones it without JSON).
  const stringify = o.stringify ?? JSON.stringify;
  let json: string | undefined;
  try {
    json = stringify(event);
  } catch {
    // sized, and the failure reported, when it is sent
  }
  const rev = Math.floor(o.random() * 2 ** 31);
  const at = o.now();
  const fresh: QueuedItem = { event, rev, at };
  if (json !== undefined) fresh.size = byteLength(json);
  known.set(event.id, fresh);
  const item = await store.update<QueuedItem>(QUEUE_PREFIX + event.id, (old) =>
    old && json && stringify(old.event) === json
      ? old
      : old
        ? { ...fresh, rev: old.rev + 1, at: old.at ?? at }
        : fresh,
  );
  if (item) known.set(event.id, item);
}
