import type { CollectorDatabase } from "../db";
import type { AnswerHook } from "../store";
import type { ResolvedRule } from "./config";
import type { AlertOutbox, AlertRecord, DueAlert } from "./outbox";
import {
  ANSWER_COLUMNS,
  type AnswerRow,
  createdAlerts,
  RECORD_COLUMNS,
  toAnswer,
  updateAlert,
} from "./queue";

/**
 * The hook the SQLite event writer calls inside its transaction for every answer it stores or
 * fills in: each rule the answer matches now queues one alert per destination (see
 * {@link createdAlerts}), so a re-sent answer finds its alert already queued. A fill-in (the
 * follow-up step arriving) ends a pending alert's wait, or, once the alert was delivered, queues
 * an update under the same root id.
 */
export function alertEnqueuer(
  db: CollectorDatabase,
  rules: readonly ResolvedRule[],
  now: () => number,
): AnswerHook {
  const answer = db.prepare(`SELECT ${ANSWER_COLUMNS} FROM events WHERE id = ?`);
  const insert = db.prepare(`INSERT OR IGNORE INTO alert_outbox
    (id, root_id, event_id, site_key, rule, destination, type, queued_at, due_at)
    VALUES (@id, @rootId, @eventId, @siteKey, @rule, @destination, @type, @queuedAt, @dueAt)`);
  const root = db.prepare("SELECT status FROM alert_outbox WHERE id = ?");
  const endWait = db.prepare(
    "UPDATE alert_outbox SET due_at = MIN(due_at, @now) WHERE root_id = @rootId AND status = 'pending' AND attempts = 0",
  );
  const countFamily = db.prepare("SELECT COUNT(*) AS n FROM alert_outbox WHERE root_id = ?");
  return (eventId, change) => {
    const row = answer.get(eventId) as AnswerRow | undefined;
    if (!row) return;
    const at = now();
    for (const alert of createdAlerts(rules, row, at)) {
      if (insert.run(alert).changes > 0 || change !== "filled") continue;
      const status = (root.get(alert.rootId) as { status: string } | undefined)?.status;
      if (status === "pending") endWait.run({ now: at, rootId: alert.rootId });
      if (status !== "delivered") continue;
      const { n } = countFamily.get(alert.rootId) as { n: number };
      const update = updateAlert(alert, n, at);
      if (update) insert.run(update);
    }
  };
}

/** {@link AlertOutbox} on the collector's SQLite database. */
export class SqliteAlertOutbox implements AlertOutbox {
  private readonly claim;
  private readonly answer;

  constructor(private readonly db: CollectorDatabase) {
    const due = db.prepare(`SELECT ${RECORD_COLUMNS} FROM alert_outbox
      WHERE status = 'pending' AND due_at <= @now ORDER BY due_at, id LIMIT @limit`);
    const lease = db.prepare("UPDATE alert_outbox SET due_at = @leaseUntil WHERE id = @id");
    this.claim = db.transaction((now: number, leaseUntil: number, limit: number) => {
      const rows = due.all({ now, limit }) as AlertRecord[];
      for (const row of rows) lease.run({ id: row.id, leaseUntil });
      return rows;
    });
    this.answer = db.prepare(`SELECT ${ANSWER_COLUMNS} FROM events WHERE id = ?`);
  }

  async claimDue(now: number, leaseUntil: number, limit: number): Promise<DueAlert[]> {
    const rows = this.claim(now, leaseUntil, limit);
    const due: DueAlert[] = [];
    for (const row of rows) {
      const answer = this.answer.get(row.eventId) as AnswerRow | undefined;
      if (answer && answer.score !== null)
        due.push({ ...row, answer: toAnswer({ ...answer, score: answer.score }) });
      else
        await this.failed(
          row.id,
          "the answer is no longer stored",
          new Date(now).toISOString(),
          undefined,
        );
    }
    return due;
  }

  async delivered(id: string, at: string): Promise<void> {
    this.db
      .prepare(`UPDATE alert_outbox SET status = 'delivered', attempts = attempts + 1,
        delivered_at = @at, last_attempt_at = @at, last_error = NULL WHERE id = @id`)
      .run({ id, at });
  }

  async failed(id: string, reason: string, at: string, retryAt: number | undefined): Promise<void> {
    this.db
      .prepare(`UPDATE alert_outbox SET attempts = attempts + 1, last_error = @reason,
        last_attempt_at = @at, status = @status, due_at = @dueAt WHERE id = @id`)
      .run({
        id,
        reason,
        at,
        status: retryAt === undefined ? "dead" : "pending",
        dueAt: retryAt ?? 0,
      });
  }

  async resend(id: string, now: number): Promise<boolean> {
    const result = this.db
      .prepare(`UPDATE alert_outbox SET status = 'pending', attempts = 0, due_at = @now
        WHERE id = @id AND status = 'dead'`)
      .run({ id, now });
    return result.changes > 0;
  }

  async nextDue(): Promise<number | undefined> {
    const row = this.db
      .prepare("SELECT MIN(due_at) AS at FROM alert_outbox WHERE status = 'pending'")
      .get() as { at: number | null };
    return row.at ?? undefined;
  }

  async forEvents(eventIds: readonly string[]): Promise<AlertRecord[]> {
    if (eventIds.length === 0) return [];
    const statement = this.db.prepare(
      `SELECT ${RECORD_COLUMNS} FROM alert_outbox WHERE event_id IN (SELECT value FROM json_each(?))
      ORDER BY queued_at, id`,
    );
    return statement.all(JSON.stringify(eventIds)) as AlertRecord[];
  }

  async dead(siteKey: string | undefined, limit: number): Promise<AlertRecord[]> {
    return this.db
      .prepare(`SELECT ${RECORD_COLUMNS} FROM alert_outbox WHERE status = 'dead'
        AND (@siteKey IS NULL OR site_key = @siteKey) ORDER BY last_attempt_at DESC LIMIT @limit`)
      .all({ siteKey: siteKey ?? null, limit }) as AlertRecord[];
  }
}
