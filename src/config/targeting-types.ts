// Config of when and to whom a survey shows: triggers, URL rules, audience, schedule,
// frequency and the global fatigue policy.

/** A plain value to compare with. */
export type Scalar = string | number | boolean;

/**
 * A test on one value. Every operator given must hold. Text operators (`prefix`, `contains`,
 * `glob`, `regex`) read the value as text; number operators (`gt`…) as a number.
 * @example { "prefix": "/help/" }
 * @example { "in": ["pro", "team"] }
 * @example { "gte": 100 }
 */
export interface MatchConfig {
  /**
   * Equal to this value.
   * @example "pro"
   */
  exact?: Scalar;
  /**
   * Starts with this text.
   * @example "/help/"
   */
  prefix?: string;
  /**
   * Contains this text.
   * @example "google."
   */
  contains?: string;
  /**
   * Matches this glob: `*` stands for any characters, the whole value must match.
   * @example "/orders/*"
   */
  glob?: string;
  /**
   * Matches this regular expression (JavaScript syntax, no slashes, at most 300 characters).
   * @example "^/(en|fr)/pricing$"
   */
  regex?: string;
  /**
   * Equal to one of these values.
   * @example ["pro", "team"]
   */
  in?: Scalar[];
  /** Greater than this number. */
  gt?: number;
  /** Greater than or equal to this number. */
  gte?: number;
  /** Less than this number. */
  lt?: number;
  /** Less than or equal to this number. */
  lte?: number;
  /**
   * `true`: the value is present; `false`: it is absent.
   * @example true
   */
  exists?: boolean;
}

/**
 * A value test: a plain value means "equal to it" (in URL rules, a plain string is a glob);
 * an object applies operators.
 * @example "pro"
 * @example { "regex": "^SAVE\\d+$" }
 */
export type ValueTest = Scalar | MatchConfig;

/**
 * One URL rule: a path glob (`*` stands for any characters), or an object testing the path,
 * query parameters and hash. Every part given must match.
 * @example "/help/*"
 * @example { "path": { "prefix": "/docs/" }, "query": { "plan": "pro" }, "hash": { "contains": "faq" } }
 */
export type UrlPattern =
  | string
  | {
      /**
       * Test on the path (`location.pathname`); a string is a glob.
       * @example "/checkout/*"
       */
      path?: ValueTest;
      /**
       * Tests on query parameters, by name; a string is a glob. `{ "exists": false }` requires
       * the parameter to be absent.
       * @example { "utm_campaign": "spring*" }
       */
      query?: Record<string, ValueTest>;
      /**
       * Test on the hash, including `#`; a string is a glob.
       * @example "#/settings*"
       */
      hash?: ValueTest;
    };

/**
 * Pages where a survey is armed: one pattern, a list (any may match), or include and exclude
 * lists (one of `include` must match, none of `exclude`).
 * @example ["/thank-you", "/orders/*"]
 * @example { "include": ["/docs/*"], "exclude": [{ "path": { "regex": "^/docs/internal/" } }] }
 */
export type UrlRule =
  | UrlPattern
  | UrlPattern[]
  | {
      /**
       * Patterns of which one must match.
       * @default every page
       */
      include?: UrlPattern | UrlPattern[];
      /** Patterns of which none may match. */
      exclude?: UrlPattern | UrlPattern[];
    };

/** The signals that can make a survey show. */
export type TriggerSignal =
  | "pageview"
  | "event"
  | "manual"
  | "click"
  | "visible"
  | "scroll"
  | "dwell"
  | "idle"
  | "exit";

/**
 * What makes a survey show: a signal, where it counts, and what happens after it.
 * @example { "on": "event", "event": "order_completed", "where": { "total": { "gte": 50 } }, "delay": 2 }
 * @example { "on": "scroll", "percent": 75, "url": "/blog/*" }
 */
export interface TriggerConfig {
  /**
   * The signal: `pageview` (also single-page-app route changes), `event` (`track()`),
   * `click` on `selector`, `visible` (`selector` on screen), `scroll` (depth of the page or of
   * `selector`), `dwell` (seconds on the page or in the session), `idle` (seconds without
   * input), `exit` (exit intent) or `manual` (only `show()`).
   * @example "event"
   */
  on: TriggerSignal;
  /**
   * For `on: "event"`: the event name sent with `touchpoint.track(name)`.
   * @example "order_completed"
   */
  event?: string;
  /**
   * For `on: "event"`: conditions on the event's properties (`track(name, props)`), by property
   * name; all must hold.
   * @example { "total": { "gte": 100 }, "currency": "EUR" }
   */
  where?: Record<string, ValueTest>;
  /**
   * For `on: "event"`: which events count. `now`: only an event sent on this page; `session`:
   * also one sent earlier in this browser session (the survey is then armed on later pages);
   * `ever`: also one sent in an earlier session.
   * @default "now"
   */
  scope?: "now" | "session" | "ever";
  /**
   * CSS selector: the element clicked (`click`, delegated so re-rendered elements still count),
   * the element that must be visible (`visible`), or the scroll container (`scroll`; the page
   * when omitted).
   * @example "#checkout button.primary"
   */
  selector?: string;
  /**
   * `scroll`: depth reached, in percent of the page or container (a page that cannot scroll
   * counts as fully scrolled). `visible`: share of the element (or of the viewport, for an
   * element taller than it) on screen.
   * @default 50
   */
  percent?: number;
  /**
   * `dwell`: seconds spent (visible) on the page, or since the session started; `idle`: seconds
   * without pointer, key, touch or scroll input.
   * @default 30
   */
  seconds?: number;
  /**
   * `dwell`: count time on this page, or since the session's first page.
   * @default "page"
   */
  within?: "page" | "session";
  /**
   * `exit`: which exit-intent cues count. `top`: the pointer leaves the window through the top
   * (desktop); `scrollUp`: a fast scroll up; `return`: the visitor comes back after the tab was
   * hidden.
   * @default ["top"] with a mouse, ["scrollUp", "return"] on touch screens
   */
  exitOn?: Array<"top" | "scrollUp" | "return">;
  /**
   * Pages where the survey is armed; omit for every page.
   * @example ["/thank-you", "/orders/*"]
   */
  url?: UrlRule;
  /**
   * Seconds to wait after the signal before showing (the clock stops while the tab is hidden).
   * @default 0
   */
  delay?: number;
  /**
   * Keep a pending (delayed) prompt when the visitor moves to another route of a single-page
   * app; otherwise a route change withdraws it.
   * @default false
   */
  persist?: boolean;
  /**
   * Events (sent with `track()`) that withdraw a pending (delayed) prompt.
   * @example ["checkout_started"]
   */
  cancelOn?: string[];
  /**
   * Only count this signal when another survey's trigger fired shortly before, in this
   * session: "A then B within N minutes".
   * @example { "after": "viewed-pricing", "within": 10 }
   */
  sequence?: SequenceConfig;
}

/** "A then B": the survey named `after` must have been signalled first. */
export interface SequenceConfig {
  /**
   * Id of the survey whose trigger must fire first (it may be `enabled: false` to serve only
   * as a step).
   * @example "viewed-pricing"
   */
  after: string;
  /**
   * Minutes the second signal may come after the first.
   * @default 30
   */
  within?: number;
}

/**
 * Who may see a survey: conditions on fields, all of which must hold, combined with `all`,
 * `any` and `not`. Fields: `device` (`mobile`, `tablet`, `desktop`), `locale`, `referrer`,
 * `pages` (page views this session), `sessions` (sessions so far, this one included),
 * `utm.source` … `utm.content` (from this session's landing page), `trait.<name>` (from
 * `identify()`) and `attribute.<name>` (from the `attributes` function given to `init`).
 * @example { "device": "mobile", "trait.plan": { "in": ["pro", "team"] }, "not": { "utm.source": "newsletter" } }
 * @example { "any": [{ "sessions": { "gte": 3 } }, { "pages": { "gte": 5 } }] }
 */
export interface AudienceConfig {
  /** Every one of these must hold. */
  all?: AudienceConfig[];
  /** At least one of these must hold. */
  any?: AudienceConfig[];
  /** This must not hold. */
  not?: AudienceConfig;
  [field: string]: ValueTest | AudienceConfig | AudienceConfig[] | undefined;
}

/**
 * When a survey may show: dates, days of the week and hours, in a time zone.
 * @example { "start": "2026-12-01", "end": "2027-01-10", "days": ["mon", "tue", "wed", "thu", "fri"], "hours": { "from": 9, "to": 18 }, "timeZone": "Europe/Paris" }
 */
export interface ScheduleConfig {
  /**
   * First moment (ISO 8601; a date alone is midnight UTC).
   * @example "2026-12-01T00:00:00+01:00"
   */
  start?: string;
  /**
   * Moment from which the survey no longer shows (ISO 8601).
   * @example "2027-01-10"
   */
  end?: string;
  /**
   * Days of the week it may show, in `timeZone`.
   * @default every day
   */
  days?: Array<"mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun">;
  /**
   * Hours it may show, in `timeZone`: from `from` (inclusive) to `to` (exclusive), 0-24;
   * `from` greater than `to` spans midnight.
   * @example { "from": 9, "to": 17.5 }
   */
  hours?: { from: number; to: number };
  /**
   * IANA time zone of `days` and `hours`.
   * @default the visitor's time zone
   * @example "America/New_York"
   */
  timeZone?: string;
}

/** Per-survey repeat limits. The shown, dismissed and answered clocks are kept apart. */
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
  /**
   * Days between two impressions of this survey, whatever the visitor did.
   * @default no limit
   * @example 30
   */
  repeatDays?: number;
  /**
   * Stop showing it to a visitor who ignored it (neither answered nor dismissed) this many
   * times in a row.
   * @default no limit
   * @example 3
   */
  maxIgnored?: number;
  /**
   * Stop asking a visitor who answered it this many times.
   * @default no limit
   * @example 1
   */
  maxAnswers?: number;
}

/** Limits across all surveys (the global fatigue clock), so visitors are not asked too often. */
export interface PolicyConfig {
  /**
   * At most this many prompts per browser session (tab).
   * @default 1
   */
  maxPerSession?: number;
  /**
   * At most this many prompts per calendar day (the visitor's time).
   * @default no limit
   * @example 1
   */
  maxPerDay?: number;
  /**
   * At most `max` prompts in any `days` consecutive days.
   * @default no limit
   * @example { "max": 2, "days": 30 }
   */
  rolling?: { max: number; days: number };
  /**
   * Minimum days after any prompt before the next one (fractions allowed: 0.25 is six hours).
   * @default 0
   */
  minDaysBetween?: number;
}
