import type { CollectorDatabase } from "./db";
import type { ValidEvent } from "./validate";

/**
 * Writes one request's validated events; resolves, once they are committed, to how many were new
 * (the rest were already stored).
 */
export type EventWriter = (events: readonly ValidEvent[], receivedAt: string) => Promise<number>;

interface Pending {
  events: readonly ValidEvent[];
  receivedAt: string;
  resolve: (stored: number) => void;
  reject: (error: unknown) => void;
}

/**
 * Prepares the insert once. `INSERT OR IGNORE` on the primary key makes a re-sent event a no-op,
 * and each request's events commit in one transaction, so they are stored whole or not at all.
 * One exception to "no-op": the SDK delivers an answer as soon as the score is durable and sends
 * the same event again (same id) when the visitor adds a follow-up comment, so a re-sent answer
 * fills in a comment the stored row does not have yet. The row stays one row.
 *
 * Group commit: with `synchronous = FULL` every commit waits for the disk, so the requests that
 * finish reading in the same event-loop turn share one transaction (one fsync). If that group
 * fails, each request is retried in its own transaction, so one bad request cannot fail others.
 */
export function createEventWriter(db: CollectorDatabase): EventWriter {
  const insert = db.prepare(`INSERT OR IGNORE INTO events (
      id, site_key, kind, survey_id, survey_type, touchpoint, variant, forced, holdout, score,
      comment, created_at, received_at, visitor_id, user_id, session_id, url, locale, sdk_version
    ) VALUES (
      @id, @siteKey, @kind, @surveyId, @surveyType, @touchpoint, @variant, @forced, @holdout,
      @score, @comment, @createdAt, @receivedAt, @visitorId, @userId, @sessionId, @url, @locale,
      @sdkVersion
    )`);
  // Only the same answer's comment: an id replayed from another site, survey or visitor fills nothing.
  const addComment = db.prepare(
    `UPDATE events SET comment = @comment
     WHERE id = @id AND kind = 'answer' AND comment IS NULL AND site_key = @siteKey
       AND survey_id = @surveyId AND visitor_id = @visitorId`,
  );
  const insertAll = ({ events, receivedAt }: Pick<Pending, "events" | "receivedAt">): number => {
    let stored = 0;
    for (const event of events) {
      const result = insert.run({
        ...event,
        forced: event.forced ? 1 : 0,
        holdout: event.holdout ? 1 : 0,
        score: event.score ?? null,
        comment: event.comment ?? null,
        userId: event.userId ?? null,
        receivedAt,
      });
      stored += result.changes;
      if (result.changes === 0 && event.kind === "answer" && event.comment) {
        addComment.run({
          id: event.id,
          comment: event.comment,
          siteKey: event.siteKey,
          surveyId: event.surveyId,
          visitorId: event.visitorId,
        });
      }
    }
    return stored;
  };
  const commitOne = db.transaction(insertAll);
  const commitGroup = db.transaction((group: readonly Pending[]) => group.map(insertAll));

  let pending: Pending[] = [];
  const flush = () => {
    const group = pending;
    pending = [];
    let counts: number[] | undefined;
    try {
      counts = commitGroup(group);
    } catch {
      counts = undefined;
    }
    for (const [index, request] of group.entries()) {
      if (counts) {
        request.resolve(counts[index] as number);
        continue;
      }
      try {
        request.resolve(commitOne(request));
      } catch (error) {
        request.reject(error);
      }
    }
  };

  return (events, receivedAt) =>
    new Promise<number>((resolve, reject) => {
      if (pending.length === 0) setImmediate(flush);
      pending.push({ events, receivedAt, resolve, reject });
    });
}
