import type { SurveyType } from "../../wire/event";

/** `feedback.created`: the first alert about an answer; `feedback.updated`: its follow-up step came later. */
export type AlertType = "feedback.created" | "feedback.updated";

/** `pending` (queued or being retried), `delivered` (a 2xx), `dead` (given up, with the reason). */
export type AlertStatus = "pending" | "delivered" | "dead";

/** The answer an alert is about, as stored now (a late comment is already filled in). */
export interface AlertedAnswer {
  id: string;
  siteKey: string;
  surveyId: string;
  surveyType: SurveyType;
  touchpoint: string;
  variant: string;
  score: number;
  comment: string | null;
  consent: boolean;
  contact: string | null;
  userId: string | null;
  url: string;
  locale: string;
  createdAt: string;
}

/** One queued alert: one answer, one rule, one destination (plus its updates). */
export interface AlertRecord {
  /** The `webhook-id`: stable across retries; an update is `<rootId>.u<n>`. */
  id: string;
  rootId: string;
  eventId: string;
  siteKey: string;
  rule: string;
  destination: string;
  type: AlertType;
  status: AlertStatus;
  attempts: number;
  queuedAt: string;
  /** Next attempt, ms since the epoch. */
  dueAt: number;
  lastError: string | null;
  lastAttemptAt: string | null;
  deliveredAt: string | null;
}

/** An alert due for delivery, with its answer. */
export interface DueAlert extends AlertRecord {
  answer: AlertedAnswer;
}

/**
 * The alert outbox as the delivery worker and the read API use it, on SQLite
 * (`sqlite-outbox.ts`) and PostgreSQL (`postgres-outbox.ts`). Queuing happens inside the event
 * writer's transaction (each file's enqueuer); everything here may run on any collector.
 */
export interface AlertOutbox {
  /**
   * Pending alerts due at `now`, oldest first, each leased until `leaseUntil` (no other worker
   * takes it meanwhile; a worker that dies leaves it to be retried once the lease ends).
   */
  claimDue(now: number, leaseUntil: number, limit: number): Promise<DueAlert[]>;
  /** The receiver answered 2xx. */
  delivered(id: string, at: string): Promise<void>;
  /** An attempt failed; retried at `retryAt`, or a dead letter when `retryAt` is undefined. */
  failed(id: string, reason: string, at: string, retryAt: number | undefined): Promise<void>;
  /** Queues a dead letter again as a fresh alert (attempts reset); false when it is not dead. */
  resend(id: string, now: number): Promise<boolean>;
  /** When the next pending alert is due (ms since the epoch), if any. */
  nextDue(): Promise<number | undefined>;
  /** Every alert about these answers. */
  forEvents(eventIds: readonly string[]): Promise<AlertRecord[]>;
  /** Dead letters, newest first. */
  dead(siteKey: string | undefined, limit: number): Promise<AlertRecord[]>;
}
