import type { SurveyType } from "../outbox/event";

/**
 * The whole Touchpoint configuration: pass it to `init()`, or serve it as JSON from `configUrl`.
 *
 * @example
 * {
 *   "siteKey": "shop",
 *   "collector": { "url": "https://feedback.example.com/v1/events" },
 *   "surveys": [{
 *     "id": "nps-order", "type": "nps", "touchpoint": "order_confirmation",
 *     "copy": { "question": "How likely are you to recommend us to a friend?" },
 *     "trigger": { "on": "event", "event": "order_completed" }
 *   }]
 * }
 */
export interface TouchpointConfig {
  /** JSON Schema reference, for editor autocompletion; ignored at run time. */
  $schema?: string;
  /**
   * Names the site: storage is namespaced by it and every event carries it.
   * Letters, digits, `_` and `-`, at most 64 characters.
   * @default "default"
   */
  siteKey?: string;
  /** Where answers are sent: a URL, or the collector options. */
  collector?: string | CollectorConfig;
  /**
   * A URL to fetch more configuration from (JSON). Its surveys are added to the inline ones;
   * its other settings fill in what the inline config left out.
   * @example "/touchpoint.json"
   */
  configUrl?: string;
  /** The surveys (prompts) and when each one shows. */
  surveys?: SurveyConfig[];
  /**
   * Locale of the visitor, e.g. "fr-CA". Chooses the copy and built-in strings.
   * @default the page's `lang`, then `navigator.languages`, then "en"
   */
  locale?: string;
  /**
   * Log every decision (why a survey did or did not show) to the console.
   * `?touchpoint_debug=1` in the page URL turns it on too.
   * @default false
   */
  debug?: boolean;
  /**
   * When true, nothing is stored and nothing is sent until `consent(true)` is called.
   * @default false
   */
  requireConsent?: boolean;
  /** Limits that apply across all surveys, so visitors are not asked too often. */
  policy?: PolicyConfig;
  /** Look of the prompt. */
  theme?: ThemeConfig;
  /**
   * URL of the folder serving the lazily loaded chunks (`touchpoint-engine.mjs`,
   * `touchpoint-ui.mjs`), when they are not next to the script.
   * @default the folder of touchpoint.js (or of the ES module)
   */
  chunksUrl?: string;
}

/** How and where events are delivered. */
export interface CollectorConfig {
  /**
   * The endpoint that receives POSTed batches.
   * @example "https://feedback.example.com/v1/events"
   */
  url: string;
  /**
   * Body format: a JSON batch `{ schema, sentAt, events }`, or newline-delimited JSON events.
   * @default "json"
   */
  format?: "json" | "ndjson";
  /**
   * Extra request headers. Note: any header other than a simple one makes browsers send a
   * CORS preflight, and unload deliveries cannot carry headers.
   */
  headers?: Record<string, string>;
}

/** One survey: a question asked at one touchpoint of the customer journey. */
export interface SurveyConfig {
  /**
   * Unique id of the survey, sent with every event.
   * @example "nps-after-order"
   */
  id: string;
  /** The question scale: "nps" 0-10, "csat" 1-5, "ces" 1-7. */
  type: SurveyType;
  /**
   * Name of the customer-journey touchpoint, used to group results.
   * @example "order_confirmation"
   */
  touchpoint: string;
  /** The words of the prompt. */
  copy: CopyConfig;
  /** When the prompt shows. */
  trigger: TriggerConfig;
  /** How often the same visitor may see this survey. */
  frequency?: FrequencyConfig;
  /**
   * Share of visitors who may see it, from 1 to 100. Sticky: the same visitor always gets
   * the same answer.
   * @default 100
   */
  percent?: number;
  /**
   * Whether this survey is active.
   * @default true
   */
  enabled?: boolean;
}

/** Copy of a prompt. All of it is rendered as plain text, never as HTML. */
export interface CopyConfig {
  /**
   * The question.
   * @example "How likely are you to recommend Acme to a friend or colleague?"
   */
  question: string;
  /**
   * Label of the low end of the scale.
   * @default "Not likely" (nps), "Very unsatisfied" (csat), "Strongly disagree" (ces)
   */
  lowLabel?: string;
  /**
   * Label of the high end of the scale.
   * @default "Very likely" (nps), "Very satisfied" (csat), "Strongly agree" (ces)
   */
  highLabel?: string;
  /**
   * Optional open "why?" question asked after the score. Omit it to skip the follow-up.
   * @example "What is the main reason for your score?"
   */
  followUp?: string;
  /**
   * Thank-you message.
   * @default "Thank you for your feedback!"
   */
  thanks?: string;
  /**
   * Submit button text.
   * @default "Submit"
   */
  submit?: string;
}

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

/** Colours and shapes of the prompt. */
export interface ThemeConfig {
  /**
   * Accent colour (selected value, buttons).
   * @default "#3056d3"
   */
  accent?: string;
  /**
   * Corner of the page.
   * @default "bottom-right"
   */
  position?: "bottom-right" | "bottom-left" | "top-right" | "top-left";
}
