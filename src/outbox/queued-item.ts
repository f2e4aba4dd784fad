import type { TouchpointEvent } from "../wire/event";

// What the engine's `enqueue` writes and the sending part reads: types and a constant only, so
// that the two chunks share no code (a constant is inlined into each).

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
