// Config of when and to whom a survey shows: triggers, frequency, global policy.

/** What makes a survey show. */
export interface TriggerConfig {
  /**
   * The signal: a page view, a custom event sent with `track()`, or only `show()`.
   * @example "event"
   */
  on: "pageview" | "event" | "manual";
  /**
   * For `on: "event"`: the event name sent with `touchpoint.track(name)`.
   * @example "order_completed"
   */
  event?: string;
  /**
   * Pages where the survey may show: a URL path glob (`*` any characters, e.g. "/checkout/*"),
   * or a list of them. Omit for every page.
   * @example ["/thank-you", "/orders/*"]
   */
  url?: string | string[];
  /**
   * Seconds to wait after the signal before showing.
   * @default 0
   */
  delay?: number;
}

/** Per-survey repeat limits, each on its own clock. */
export interface FrequencyConfig {
  /**
   * Days before a visitor who answered may be asked this survey again.
   * @default 90
   */
  afterAnswerDays?: number;
  /**
   * Days before a visitor who dismissed it may see it again.
   * @default 14
   */
  afterDismissDays?: number;
  /**
   * Days before a visitor who saw it (without answering or dismissing) may see it again.
   * @default 1
   */
  afterShownDays?: number;
}

/** Limits across all surveys. */
export interface PolicyConfig {
  /**
   * At most this many prompts per browser session.
   * @default 1
   */
  maxPerSession?: number;
  /**
   * Minimum days between any two prompts of this site.
   * @default 0
   */
  minDaysBetween?: number;
}
