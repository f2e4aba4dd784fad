import type { SurveyType } from "../outbox/event";
import type { CollectorConfig } from "./collector-types";
import type { FrequencyConfig, PolicyConfig, TriggerConfig } from "./targeting-types";
import type { CopyConfig, ThemeConfig } from "./ui-types";

export type { CollectorConfig } from "./collector-types";
export type { FrequencyConfig, PolicyConfig, TriggerConfig } from "./targeting-types";
export type { CopyConfig, ThemeConfig } from "./ui-types";

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
