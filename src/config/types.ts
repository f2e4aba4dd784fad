import type { SurveyType } from "../wire/event";
import type { CollectorConfig } from "./collector-types";
import type { CopyVariant, ExperimentConfig } from "./experiment-types";
import type {
  AudienceConfig,
  FrequencyConfig,
  PolicyConfig,
  ScheduleConfig,
  TriggerConfig,
} from "./targeting-types";
import type { ContactConfig, CopyConfig, PlacementConfig, ThemeConfig } from "./ui-types";

export type { CollectorConfig } from "./collector-types";
export type { CopyVariant, ExperimentConfig, ExperimentPlan } from "./experiment-types";
export type {
  AudienceConfig,
  FrequencyConfig,
  MatchConfig,
  PolicyConfig,
  Scalar,
  ScheduleConfig,
  SequenceConfig,
  TriggerConfig,
  TriggerSignal,
  UrlPattern,
  UrlRule,
  ValueTest,
} from "./targeting-types";
export type {
  ContactConfig,
  CopyConfig,
  PlacementConfig,
  PromptPosition,
  SegmentCopy,
  ThemeConfig,
} from "./ui-types";

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
  /**
   * Your own values for audience conditions (`"attribute.<name>"`), read each time a survey is
   * checked. A function, so only `init()` can give it (a JSON config cannot).
   * @example () => ({ cartValue: cart.total, plan: account.plan })
   */
  attributes?: () => Record<string, unknown>;
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
  /** Who may see it: conditions on traits, device, locale, referrer, UTM, journey, attributes. */
  audience?: AudienceConfig;
  /** When it may show: dates, days of the week, hours. */
  schedule?: ScheduleConfig;
  /**
   * When several surveys are signalled at once, the eligible one with the highest priority
   * shows (ties: the first in the config).
   * @default 0
   */
  priority?: number;
  /**
   * This survey's own global limits, replacing the site's `policy` fields it names (e.g. a
   * support CSAT that may follow another prompt in the same session).
   * @example { "maxPerSession": 2, "minDaysBetween": 0 }
   */
  policy?: PolicyConfig;
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
  /**
   * Language of `copy` (BCP 47). Visitors whose languages match neither this nor a key of
   * `locales` see `copy` too.
   * @default the visitor's locale
   */
  locale?: string;
  /**
   * Copy in other languages, by BCP 47 locale; each entry overrides fields of `copy`. The
   * language is chosen from `init({ locale })`, then the page's `lang`, then the browser's
   * languages ("fr-CA" matches "fr").
   * @example { "fr": { "question": "Recommanderiez-vous Acme à un ami ?" } }
   */
  locales?: Record<string, Partial<CopyConfig>>;
  /**
   * How CSAT values look: numbers, stars or faces (ignored for NPS and CES).
   * @default "numbers"
   */
  scale?: "numbers" | "stars" | "faces";
  /**
   * When true, a click or tap on a value submits it at once (arrow keys still only select).
   * @default false
   */
  submitOnTap?: boolean;
  /** Where this survey's prompt shows, e.g. next to a page element. */
  placement?: PlacementConfig;
  /**
   * After a low answer, ask "May we contact you about this?" (a checkbox, unchecked) and, when
   * `identify()` traits hold no contact, an optional contact field. Omit it to never ask.
   * @example { "segments": ["detractor"], "field": "email" }
   */
  contact?: ContactConfig;
  /**
   * Copy variants to A/B test; the first is the control. Each visitor keeps one variant on
   * every page and visit, and every event carries its key as `variant`.
   * @example [{ "key": "control", "weight": 50 }, { "key": "benefit", "weight": 50, "copy": { "question": "Would you tell a friend about Acme?" } }]
   */
  variants?: CopyVariant[];
  /** How visitors are assigned to `variants`: seed, coverage and unit. */
  experiment?: ExperimentConfig;
}
