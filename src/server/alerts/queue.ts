import type { ResolvedRule } from "./config";
import type { AlertedAnswer, AlertRecord } from "./outbox";
import { ruleMatches } from "./rules";

/** Updates queued per alert at most: the SDK fills an answer in once, so more means abuse. */
export const MAX_UPDATES = 3;

// Quoted aliases read the same on SQLite and PostgreSQL (which folds unquoted ones to lower case).
/** The outbox columns of an {@link AlertRecord}, on either engine. */
export const RECORD_COLUMNS = `id, root_id AS "rootId", event_id AS "eventId",
  site_key AS "siteKey", rule, destination, type, status, attempts, queued_at AS "queuedAt",
  due_at AS "dueAt", last_error AS "lastError", last_attempt_at AS "lastAttemptAt",
  delivered_at AS "deliveredAt"`;
/** The events columns of an {@link AlertedAnswer} (consent as stored: 1, 0 or null). */
export const ANSWER_COLUMNS = `id, site_key AS "siteKey", survey_id AS "surveyId",
  survey_type AS "surveyType", touchpoint, variant, score, comment, consent, contact,
  user_id AS "userId", url, locale, created_at AS "createdAt"`;

/** An answer row as read with {@link ANSWER_COLUMNS}. */
export type AnswerRow = Omit<AlertedAnswer, "consent" | "score"> & {
  consent: number | null;
  score: number | null;
};

/** One outbox row to insert. */
export type QueuedAlert = Pick<
  AlertRecord,
  "id" | "rootId" | "eventId" | "siteKey" | "rule" | "destination" | "type" | "queuedAt" | "dueAt"
>;

export const toAnswer = (row: AnswerRow & { score: number }): AlertedAnswer => ({
  ...row,
  consent: row.consent === 1,
});

/**
 * The first alert of each rule and destination an answer matches as it is stored now, keyed
 * `<event id>.<rule>.<destination>` (so a re-sent answer finds it queued already). It waits for
 * the rule's `waitSeconds` unless the answer already carries its follow-up step.
 */
export function createdAlerts(
  rules: readonly ResolvedRule[],
  row: AnswerRow,
  at: number,
): QueuedAlert[] {
  if (row.score === null) return [];
  const facts = toAnswer(row as AnswerRow & { score: number });
  const followedUp = (row.comment !== null && row.comment !== "") || row.consent !== null;
  const queuedAt = new Date(at).toISOString();
  const queued: QueuedAlert[] = [];
  for (const rule of rules) {
    if (!ruleMatches(rule, facts)) continue;
    for (const destination of rule.destinations) {
      const rootId = `${row.id}.${rule.name}.${destination}`;
      queued.push({
        id: rootId,
        rootId,
        eventId: row.id,
        siteKey: facts.siteKey,
        rule: rule.name,
        destination,
        type: "feedback.created",
        queuedAt,
        dueAt: followedUp ? at : at + rule.waitMs,
      });
    }
  }
  return queued;
}

/**
 * The `feedback.updated` alert of a delivered one whose answer was filled in, given how many
 * alerts its family has (`<root id>.u<n>`), or undefined past {@link MAX_UPDATES}.
 */
export function updateAlert(
  root: QueuedAlert,
  family: number,
  at: number,
): QueuedAlert | undefined {
  if (family > MAX_UPDATES) return undefined;
  return {
    ...root,
    id: `${root.rootId}.u${family}`,
    type: "feedback.updated",
    queuedAt: new Date(at).toISOString(),
    dueAt: at,
  };
}
