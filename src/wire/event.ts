/** What happened: the prompt was shown, answered, or dismissed without an answer. */
export type EventKind = "impression" | "answer" | "dismissal";

/** The question scale: NPS 0-10, CSAT 1-5, CES 1-7. */
export type SurveyType = "nps" | "csat" | "ces";

/**
 * One event as it is queued and sent to the collector (wire format version 1).
 * The `id` is created with the event and never changes across retries, so the
 * collector can store each event exactly once.
 */
export interface TouchpointEvent {
  /** Client-generated UUID v4; the de-duplication key. */
  id: string;
  kind: EventKind;
  /** Site key the event belongs to (storage and collector namespace). */
  siteKey: string;
  surveyId: string;
  surveyType: SurveyType;
  /** Name of the customer-journey touchpoint, e.g. "order_confirmation". */
  touchpoint: string;
  /** Copy variant key; "control" when the survey runs no experiment. */
  variant: string;
  /** True when the variant was forced for preview; reports leave these out. */
  forced?: boolean;
  /** True when the visitor is outside the experiment's coverage (saw the default copy). */
  holdout?: boolean;
  /** The score, on answers only: 0-10 (nps), 1-5 (csat), 1-7 (ces). */
  score?: number;
  /** The follow-up answer text, on answers only, at most 2,000 characters. */
  comment?: string;
  /**
   * On answers only: `true` when the visitor ticked "May we contact you about this?". Sent with
   * the follow-up step (the same event id again, like `comment`); absent when not asked or not
   * ticked.
   */
  consent?: boolean;
  /**
   * On answers only, and only with `consent: true`: the contact the visitor typed (an email by
   * default), at most 254 characters. Absent when the site gave one through `identify()` traits
   * or the visitor left the field empty.
   */
  contact?: string;
  /** ISO 8601 time the event was created on the client. */
  createdAt: string;
  /** Random anonymous visitor id (not a fingerprint). */
  visitorId: string;
  /** Identified user id from `identify()`, when the site provided one. */
  userId?: string;
  sessionId: string;
  /** Page URL (origin + path, no query or hash unless configured). */
  url: string;
  /** BCP 47 locale the prompt was shown in. */
  locale: string;
  sdkVersion: string;
}

/** The JSON body the SDK POSTs to the collector. */
export interface EventBatch {
  /** Wire format version. */
  schema: 1;
  /** ISO 8601 time the batch was sent. */
  sentAt: string;
  events: TouchpointEvent[];
}
