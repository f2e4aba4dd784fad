import type { TouchpointEvent } from "../wire/event";
import { byteLength } from "./bytes";
import type { Store } from "./store";

/** An event waiting in the store; `rev` changes whenever the event is rewritten. */
export interface QueuedItem {
  event: TouchpointEvent;
  rev: number;
  /** When it was first queued (schema 2). */
  at?: number;
  /** Its size in bytes as JSON (schema 2). */
  size?: number;
}

/** What this tab knows is queued, by event id: a page going away sends it without reading storage. */
export type Known = Map<string, QueuedItem>;

export const QUEUE_PREFIX = "q:";
export const itemKey = (id: string) => QUEUE_PREFIX + id;

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
  const item = await store.update<QueuedItem>(itemKey(event.id), (old) =>
    old && json && stringify(old.event) === json
      ? old
      : old
        ? { ...fresh, rev: old.rev + 1, at: old.at ?? at }
        : fresh,
  );
  if (item) known.set(event.id, item);
}
