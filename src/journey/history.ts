import type { JourneyArea, JourneyRecord } from "./journey";

const AREAS: JourneyArea[] = ["sessionStorage", "localStorage"];
/** Fired triggers remembered: more than the surveys one config may hold. */
const MAX_FIRED = 100;

/**
 * The engine's view of the journey the core counts (same web storage record, own code, as the
 * engine chunk may not import core modules): reads counters, remembers fired triggers, forgets.
 */
export function createHistory(w: Window, key: string, now: () => number, durable: () => boolean) {
  function io(area: JourneyArea, change?: (j: JourneyRecord) => void): JourneyRecord {
    try {
      const storage = w[area];
      const j = JSON.parse(storage.getItem(key) ?? "{}") as JourneyRecord;
      if (change && (area === "sessionStorage" || durable())) {
        change(j);
        storage.setItem(key, JSON.stringify(j));
      }
      return j;
    } catch {
      return {};
    }
  }
  return {
    session: () => io("sessionStorage"),
    ever: () => io("localStorage"),
    /** When the survey's trigger last fired in this session. */
    fired: (surveyId: string) => io("sessionStorage").fired?.[surveyId],
    /** Remembers that the survey's trigger fired now, for this session and for later ones. */
    fire(surveyId: string): void {
      for (const area of AREAS)
        io(area, (j) => {
          // Newest first, bounded: ids of surveys since removed from the config fall off.
          const older = Object.entries(j.fired ?? {})
            .filter(([id]) => id !== surveyId)
            .sort((a, b) => b[1] - a[1]);
          j.fired = Object.fromEntries([[surveyId, now()], ...older].slice(0, MAX_FIRED));
        });
    },
    /** Forgets the journey (with `reset()`): all but when this session started. */
    clear(): void {
      for (const area of AREAS)
        io(area, (j) => {
          for (const field of Object.keys(j)) if (field !== "start") delete j[field as "start"];
          if (area === "localStorage") j.sessions = 1;
        });
    },
  };
}

export type History = ReturnType<typeof createHistory>;
