import type { ValidEvent } from "../wire/validate";
import type { CollectorDatabase } from "./db";
import { DeltaBook } from "./storage/rollup";
import { SqliteRollups } from "./storage/sqlite-rollups";

/**
 * Writes one request's validated events; resolves, once they are committed, to how many were new
 * (the rest were already stored).
 */
export type EventWriter = (events: readonly ValidEvent[], receivedAt: string) => Promise<number>;

/**
 * Called inside the write transaction for each answer that was stored (`"stored"`) or filled in
 * by a re-send (`"filled"`: its comment, consent or contact arrived), e.g. to queue alerts in the
 * same transaction as the answer.
 */
export type AnswerHook = (eventId: string, change: "stored" | "filled") => void;

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
 * fills in a comment the stored row does not have yet. The row stays one row. Consent to be
 * contacted and the contact arrive the same way; a contact is only ever stored beside consent.
 *
 * Each new event also updates the roll-ups (storage/rollup.ts) in the same transaction.
 *
 * Group commit: with `synchronous = FULL` every commit waits for the disk, so the requests that
 * finish reading in the same event-loop turn share one transaction (one fsync). If that group
 * fails, each request is retried in its own transaction, so one bad request cannot fail others.
 */
export function createEventWriter(
  db: CollectorDatabase,
  onAnswer: AnswerHook = () => undefined,
): EventWriter {
  const insert = db.prepare(`INSERT OR IGNORE INTO events (
      id, site_key, kind, survey_id, survey_type, touchpoint, variant, forced, holdout, score,
      comment, consent, contact, created_at, received_at, visitor_id, user_id, session_id, url,
      locale, sdk_version
    ) VALUES (
      @id, @siteKey, @kind, @surveyId, @surveyType, @touchpoint, @variant, @forced, @holdout,
      @score, @comment, @consent, @contact, @createdAt, @receivedAt, @visitorId, @userId,
      @sessionId, @url, @locale, @sdkVersion
    )`);
  // First value wins for each field; a contact needs consent, stored or arriving with it. Only
  // the same answer is filled in: an id replayed from another site, survey or visitor fills nothing.
  const fillIn = db.prepare(`UPDATE events SET
      comment = COALESCE(comment, @comment),
      consent = COALESCE(consent, @consent),
      contact = CASE WHEN COALESCE(consent, @consent) = 1 THEN COALESCE(contact, @contact) END
    WHERE id = @id AND kind = 'answer' AND site_key = @siteKey AND survey_id = @surveyId
      AND visitor_id = @visitorId AND (
      (comment IS NULL AND @comment IS NOT NULL)
      OR (consent IS NULL AND @consent IS NOT NULL)
      OR (contact IS NULL AND @contact IS NOT NULL AND COALESCE(consent, @consent) = 1))`);
  const rollups = new SqliteRollups(db);
  const insertAll = (
    { events, receivedAt }: Pick<Pending, "events" | "receivedAt">,
    book: DeltaBook,
  ): number => {
    let stored = 0;
    for (const event of events) {
      const consent = event.consent === undefined ? null : event.consent ? 1 : 0;
      const row = {
        ...event,
        forced: event.forced ? 1 : 0,
        holdout: event.holdout ? 1 : 0,
        score: event.score ?? null,
        comment: event.comment ?? null,
        consent,
        contact: consent === 1 ? (event.contact ?? null) : null,
        userId: event.userId ?? null,
        receivedAt,
      };
      const result = insert.run(row);
      stored += result.changes;
      if (result.changes === 1) rollups.add(book, event, receivedAt);
      if (event.kind !== "answer") continue;
      if (result.changes > 0) onAnswer(event.id, "stored");
      else if (fillIn.run({ ...row, comment: event.comment || null }).changes > 0)
        onAnswer(event.id, "filled");
    }
    return stored;
  };
  const commitOne = db.transaction((request: Pending) => {
    const book = new DeltaBook();
    const stored = insertAll(request, book);
    rollups.flush(book);
    return stored;
  });
  const commitGroup = db.transaction((group: readonly Pending[]) => {
    const book = new DeltaBook();
    const counts = group.map((request) => insertAll(request, book));
    rollups.flush(book);
    return counts;
  });

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
