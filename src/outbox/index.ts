// Keeping answers, as the engine meets it: the site's store and `enqueue`. Sending them is the
// lazily imported `./send` (its own chunk), which the engine loads by itself.
export { type OpenStoreOptions, openStore } from "./open-store";
export { enqueue } from "./queue";
export type { Known, QueuedItem } from "./queued-item";
export type { Store } from "./store";
