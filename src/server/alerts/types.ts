// The alert rules file of `touchpoint collect --alerts alerts.json` (issue 14). These types are
// the documentation: dist/alerts.schema.json is generated from them.
import type { Segment } from "../../wire/scale";

/**
 * Answer groups: NPS detractor (0-6), passive (7-8), promoter (9-10); CSAT and CES low, middle or
 * high (the scales in the README's "Scales and segments").
 */
export type AlertSegment = Segment;

/** Which answers a rule sends. Every condition given must hold; an empty match takes every answer. */
export interface AlertMatch {
  /**
   * Site key, or any of several.
   * @example "shop"
   */
  siteKey?: string | string[];
  /**
   * Survey id, or any of several.
   * @example "nps-order"
   */
  surveyId?: string | string[];
  /**
   * Touchpoint, or any of several.
   * @example ["order_confirmation", "support_contact"]
   */
  touchpoint?: string | string[];
  /**
   * Answer segment, or any of several. CSAT 1-2 and CES 1-3 are `low`, CSAT 3 and CES 4
   * `middle`, CSAT 4-5 and CES 5-7 `high`; a band takes that end of every scale, so `low` also
   * takes NPS detractors.
   * @example ["detractor", "low"]
   */
  segment?: AlertSegment | AlertSegment[];
  /**
   * Score range, both ends included, on the answer's own scale.
   * @example { "max": 4 }
   */
  score?: { min?: number; max?: number };
  /** `true`: only answers with a comment; `false`: only answers without one. */
  hasComment?: boolean;
  /** `true`: only answers whose visitor agreed to be contacted; `false`: only the others. */
  consent?: boolean;
}

/** One alert rule: the answers it matches and where they go. */
export interface AlertRule {
  /**
   * Name, shown in the dashboard and sent in the payload (letters, digits, `_`, `-`).
   * @example "detractors-to-support"
   */
  name: string;
  /** @default {} (every answer) */
  match?: AlertMatch;
  /**
   * Names of `destinations` to send to.
   * @example ["support-webhook", "cx-slack"]
   */
  destinations: string[];
  /**
   * Seconds an alert waits for the visitor's follow-up step (comment, consent, contact) before
   * it is sent without it. The follow-up arriving ends the wait at once. With `0` the alert goes
   * out at once and a follow-up arriving later is sent as an update (`feedback.updated`).
   * @default 0
   */
  waitSeconds?: number;
}

/** Where alerts go. */
export interface AlertDestination {
  /**
   * `webhook`: a JSON POST signed per Standard Webhooks; `slack`: a Slack incoming-webhook message.
   * @default "webhook"
   */
  type?: "webhook" | "slack";
  /**
   * URL to POST to (http or https).
   * @example "https://hooks.example.com/touchpoint"
   */
  url: string;
  /**
   * Signing secret: `whsec_` followed by base64 (the Standard Webhooks convention; the bytes
   * after the prefix are the key), or any other string of at least 16 characters (its UTF-8 bytes
   * are the key). `env:NAME` reads it from the environment variable NAME. Required for `webhook`.
   * @example "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
   */
  secret?: string;
}

/** How alerts are delivered. */
export interface AlertDelivery {
  /**
   * Seconds a destination has to answer one attempt.
   * @default 10
   */
  timeoutSeconds?: number;
  /**
   * Attempts before an alert is set aside as a dead letter.
   * @default 8
   */
  maxAttempts?: number;
  /**
   * First retry delay in seconds; it doubles after each failure, with jitter.
   * @default 2
   */
  retryBaseSeconds?: number;
  /**
   * Longest retry delay in seconds.
   * @default 600
   */
  retryMaxSeconds?: number;
}

/** The alert rules file. */
export interface AlertsConfig {
  $schema?: string;
  /**
   * The dashboard's address as people reach it; each alert links to its answer there.
   * @default the collector's own /dashboard/ URL
   * @example "https://feedback.example.com/dashboard/"
   */
  dashboardUrl?: string;
  /**
   * Destinations by name (letters, digits, `_`, `-`).
   * @example { "support-webhook": { "type": "webhook", "url": "https://hooks.example.com/tp", "secret": "env:TP_WEBHOOK_SECRET" } }
   */
  destinations: Record<string, AlertDestination>;
  rules: AlertRule[];
  /** @default { "timeoutSeconds": 10, "maxAttempts": 8, "retryBaseSeconds": 2, "retryMaxSeconds": 600 } */
  delivery?: AlertDelivery;
  /**
   * Hours within which the team aims to make a first status change on an alerted answer; older
   * ones count as overdue in the dashboard.
   * @default 48
   */
  followUpTargetHours?: number;
}
