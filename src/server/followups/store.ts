import type { SurveyType } from "../../wire/event";
import type { AlertRecord } from "../alerts/outbox";

/** Where the team is with an alerted answer. */
export type FollowUpStatus = "new" | "in_progress" | "done";
export const FOLLOW_UP_STATUSES: readonly FollowUpStatus[] = ["new", "in_progress", "done"];

/** One answer that matched an alert rule, with its follow-up and its alerts' delivery. */
export interface InboxItem {
  eventId: string;
  siteKey: string;
  surveyId: string;
  surveyType: SurveyType;
  touchpoint: string;
  variant: string;
  score: number;
  comment: string | null;
  /** True only when the visitor agreed to be contacted. */
  consent: boolean;
  /** Only with consent. */
  contact: string | null;
  userId: string | null;
  page: string;
  createdAt: string;
  status: FollowUpStatus;
  note: string | null;
  updatedBy: string | null;
  updatedAt: string | null;
  /** The first status change: where time to follow-up ends. */
  firstChangedAt: string | null;
  rules: string[];
  alerts: AlertRecord[];
}

/** A status change as asked for. */
export interface StatusChange {
  status: FollowUpStatus;
  note: string | undefined;
  who: string;
  at: string;
}

/** What time to follow-up is computed from: one alerted answer. */
export interface FollowUpTiming {
  touchpoint: string;
  createdAt: string;
  firstChangedAt: string | null;
}

export interface InboxQuery {
  siteKey: string | undefined;
  status: FollowUpStatus | undefined;
  limit: number;
}

/**
 * Follow-ups as the read API uses them: the inbox, status changes, and the timings behind time to
 * follow-up. Async so that a PostgreSQL implementation can sit beside the SQLite one.
 */
export interface FollowUpStore {
  /** Open ones first, then the unhappiest (lowest on its scale), then the oldest. */
  inbox(query: InboxQuery): Promise<InboxItem[]>;
  /** The site of an alerted answer, or undefined when no alert rule matched that answer. */
  siteOf(eventId: string): Promise<string | undefined>;
  /** Records a change (kept in the history too); resolves to the item as it is now. */
  setStatus(eventId: string, change: StatusChange): Promise<InboxItem | undefined>;
  /** Alerted answers created from `from` on (every one when undefined). */
  timings(siteKey: string | undefined, from: string | undefined): Promise<FollowUpTiming[]>;
}
