/** Most listeners one event may have; more is a leak in the host page. */
export const MAX_LISTENERS = 50;

export type Listener<T> = (payload: T) => void;

/**
 * A small event emitter where one failing listener never starves the others: every listener
 * runs, and a listener's exception goes to `onListenerError` instead of the host page.
 */
export function createEmitter<Events extends object>(
  onListenerError: (error: unknown, event: keyof Events) => void,
) {
  const listeners = new Map<keyof Events, Set<Listener<never>>>();

  function off<K extends keyof Events>(event: K, listener: Listener<Events[K]>): void {
    listeners.get(event)?.delete(listener as Listener<never>);
  }

  return {
    on<K extends keyof Events>(event: K, listener: Listener<Events[K]>): () => void {
      const set = listeners.get(event) ?? new Set();
      if (set.size >= MAX_LISTENERS)
        throw new Error(`more than ${MAX_LISTENERS} "${String(event)}" listeners`);
      set.add(listener as Listener<never>);
      listeners.set(event, set);
      return () => off(event, listener);
    },
    off,
    emit<K extends keyof Events>(event: K, payload: Events[K]): void {
      for (const listener of [...(listeners.get(event) ?? [])]) {
        try {
          (listener as Listener<Events[K]>)(payload);
        } catch (error) {
          onListenerError(error, event);
        }
      }
    },
    clear(): void {
      listeners.clear();
    },
  };
}
