/** What the journey remembers, in sessionStorage (this tab session) and localStorage (ever). */
export interface JourneyRecord {
  /** Page views this session, single-page-app route changes included (session). */
  pages?: number;
  /** When this session's first page was viewed, epoch ms (session). */
  start?: number;
  /** The `utm_*` parameters of this session's landing page (session). */
  landing?: string;
  /** Sessions so far, this one included (ever). */
  sessions?: number;
  /** When each survey's trigger last fired, epoch ms, by survey id (both areas). */
  fired?: Record<string, number>;
}

export type JourneyArea = "sessionStorage" | "localStorage";

/** The web storage key of a site's journey record. */
export const journeyKey = (siteKey: string | undefined) => `touchpoint:${siteKey}:journey`;

/** localStorage hint, set by the engine, that events wait to be sent: the core loads it early. */
export const pendingKey = (siteKey: string) => `touchpoint:${siteKey}:pending`;

/**
 * Reads one area's journey record and, with `change`, writes it back. Storage may be missing or
 * blocked (sandboxed frames, private modes): the journey then starts empty on every page.
 */
export function journeyRecord(
  w: Window,
  key: string,
  area: JourneyArea,
  change?: (j: JourneyRecord) => void,
): JourneyRecord {
  try {
    const storage = w[area];
    const j = JSON.parse(storage.getItem(key) ?? "{}") as JourneyRecord;
    if (change) {
      change(j);
      storage.setItem(key, JSON.stringify(j));
    }
    return j;
  } catch {
    return {};
  }
}

/**
 * The core's half of the journey, run on every page view: counts pages and sessions and keeps
 * the landing query, in web storage rather than IndexedDB so pages that never load the engine
 * count too. The engine writes when triggers fire (`createJourney` in the engine chunk).
 * localStorage is written only when `durable()` (consent given, when required).
 */
export function countPageView(w: Window, key: string, now: number, durable: boolean): void {
  journeyRecord(w, key, "sessionStorage", (j) => {
    if (!j.start) {
      j.start = now;
      // Only the utm_* parameters, which audience rules read (`utm.source`): a landing URL may
      // carry tokens (password resets…) that must not be stored.
      const query = new URLSearchParams(w.location.search);
      for (const name of [...query.keys()]) if (!name.startsWith("utm_")) query.delete(name);
      j.landing = `${query}`;
      if (durable)
        journeyRecord(w, key, "localStorage", (e) => {
          e.sessions = (e.sessions ?? 0) + 1;
        });
    }
    j.pages = (j.pages ?? 0) + 1;
  });
}

/** When the survey's trigger last fired within `scope` (`session` or `ever`), if it did. */
export const firedWithin = (w: Window, key: string, surveyId: string, scope = "now") =>
  scope === "now"
    ? undefined
    : journeyRecord(w, key, scope === "ever" ? "localStorage" : "sessionStorage").fired?.[surveyId];
