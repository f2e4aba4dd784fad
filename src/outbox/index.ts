// Keeping answers, as the engine meets it: the site's store and `enqueue`. Sending them is the
// lazily imported `./send` (its own chunk), which the engine loads by itself.
export { type OpenStoreOptions, openStore } from "./open-store";
export { enqueue, type Known, type QueuedItem } from "./queue";
export type { Store } from "./store";
