// The outbox as the engine meets it: one way in, `openOutbox`; the parts stay behind it.
export {
  type OpenedOutbox,
  type OpenOutboxOptions,
  type OutboxEnvironment,
  openOutbox,
} from "./open";
export type { Store } from "./store";
