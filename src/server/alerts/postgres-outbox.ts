import type { Queryable } from "../access-postgres";
import { columnsOf, type PostgresAnswerHook } from "../storage/postgres-write";
import type { ResolvedRule } from "./config";
import type { AlertOutbox, AlertRecord, DueAlert } from "./outbox";
import {
  ANSWER_COLUMNS,
  type AnswerRow,
  createdAlerts,
  type QueuedAlert,
  RECORD_COLUMNS,
  toAnswer,
  updateAlert,
} from "./queue";

const QUEUED_COLUMNS = [
  ["id", "text"],
  ["root_id", "text"],
  ["event_id", "text"],
  ["site_key", "text"],
  ["rule", "text"],
  ["destination", "text"],
  ["type", "text"],
  ["queued_at", "text"],
  ["due_at", "bigint"],
] as const;
const INSERT_QUEUED = `INSERT INTO alert_outbox (${QUEUED_COLUMNS.map(([name]) => name).join(", ")})
  SELECT * FROM unnest(${QUEUED_COLUMNS.map(([, type], i) => `$${i + 1}::${type}[]`).join(", ")})
  ON CONFLICT (id) DO NOTHING RETURNING id`;

/** Times are whole milliseconds in `bigint` columns (a retry time with jitter is not). */
const ms = (time: number) => Math.ceil(time);

async function insertQueued(client: Queryable, alerts: readonly QueuedAlert[]): Promise<string[]> {
  if (alerts.length === 0) return [];
  const rows = alerts.map((a) => [
    a.id,
    a.rootId,
    a.eventId,
    a.siteKey,
    a.rule,
    a.destination,
    a.type,
    a.queuedAt,
    ms(a.dueAt),
  ]);
  const inserted = await client.query(INSERT_QUEUED, columnsOf(rows, QUEUED_COLUMNS.length));
  return inserted.rows.map((row) => row.id as string);
}

/**
 * The PostgreSQL writer's hook, run inside the transaction that stores or fills in the answers:
 * the same alerts as on SQLite (see `sqlite-outbox.ts`), queued set-wise. Concurrent collectors
 * agree through the database: the outbox key makes a second insert a no-op, and a fill-in holds
 * the answer's row lock until it commits, so two never queue the same update.
 */
export function postgresAlertEnqueuer(
  rules: readonly ResolvedRule[],
  now: () => number,
): PostgresAnswerHook {
  return async (client, { stored, filled }) => {
    const ids = [...new Set([...stored, ...filled])];
    if (ids.length === 0 || rules.length === 0) return;
    const { rows } = await client.query(
      `SELECT ${ANSWER_COLUMNS} FROM events WHERE id = ANY($1::text[]) AND kind = 'answer'`,
      [ids],
    );
    const at = now();
    const wanted = (rows as unknown as AnswerRow[]).flatMap((row) => createdAlerts(rules, row, at));
    const created = new Set(await insertQueued(client, wanted));
    const refilled = new Set(filled);
    const existing = wanted.filter((a) => !created.has(a.id) && refilled.has(a.eventId));
    if (existing.length === 0) return;
    const roots = existing.map((a) => a.rootId);
    // The follow-up step ends the wait of a first alert not yet attempted.
    await client.query(
      `UPDATE alert_outbox SET due_at = LEAST(due_at, $2) WHERE root_id = ANY($1::text[])
        AND status = 'pending' AND attempts = 0`,
      [roots, ms(at)],
    );
    const { rows: families } = await client.query(
      `SELECT r.id, count(f.id)::int AS n FROM alert_outbox r JOIN alert_outbox f ON f.root_id = r.id
        WHERE r.id = ANY($1::text[]) AND r.status = 'delivered' GROUP BY r.id`,
      [roots],
    );
    const sizes = new Map(families.map((row) => [row.id as string, row.n as number]));
    const updates = existing.flatMap((alert) => {
      const n = sizes.get(alert.rootId);
      const update = n === undefined ? undefined : updateAlert(alert, n, at);
      return update ? [update] : [];
    });
    await insertQueued(client, updates);
  };
}

/**
 * {@link AlertOutbox} on PostgreSQL, for any number of collectors on one database. An alert is
 * claimed with `FOR UPDATE SKIP LOCKED` and leased (`lease_until`) for its attempt: a collector
 * never takes one another is sending, and one SIGKILLed mid-attempt leaves its alerts to be taken
 * by any collector once the lease ends. A late outcome of an attempt whose alert was meanwhile
 * delivered by another collector changes nothing.
 */
export class PostgresAlertOutbox implements AlertOutbox {
  constructor(private readonly db: Queryable) {}

  private async records(sql: string, params: readonly unknown[]): Promise<AlertRecord[]> {
    return (await this.db.query(sql, params)).rows as unknown as AlertRecord[];
  }

  async claimDue(now: number, leaseUntil: number, limit: number): Promise<DueAlert[]> {
    const rows = await this.records(
      `WITH due AS (
        SELECT id AS claimed FROM alert_outbox
          WHERE status = 'pending' AND due_at <= $1 AND (lease_until IS NULL OR lease_until <= $1)
          ORDER BY due_at, id LIMIT $3 FOR UPDATE SKIP LOCKED
      )
      UPDATE alert_outbox SET lease_until = $2 FROM due WHERE id = due.claimed
      RETURNING ${RECORD_COLUMNS}`,
      [ms(now), ms(leaseUntil), limit],
    );
    rows.sort((a, b) => a.dueAt - b.dueAt || (a.id < b.id ? -1 : 1));
    const { rows: answers } = await this.db.query(
      `SELECT ${ANSWER_COLUMNS} FROM events WHERE id = ANY($1::text[]) AND kind = 'answer'`,
      [rows.map((row) => row.eventId)],
    );
    const byId = new Map((answers as unknown as AnswerRow[]).map((a) => [a.id, a]));
    const due: DueAlert[] = [];
    for (const row of rows) {
      const answer = byId.get(row.eventId);
      if (answer && answer.score !== null) {
        due.push({ ...row, answer: toAnswer({ ...answer, score: answer.score }) });
        continue;
      }
      const at = new Date(now).toISOString();
      await this.failed(row.id, "the answer is no longer stored", at, undefined);
    }
    return due;
  }

  async delivered(id: string, at: string): Promise<void> {
    await this.db.query(
      `UPDATE alert_outbox SET status = 'delivered', attempts = attempts + 1, delivered_at = $2,
        last_attempt_at = $2, last_error = NULL, lease_until = NULL
        WHERE id = $1 AND status = 'pending'`,
      [id, at],
    );
  }

  async failed(id: string, reason: string, at: string, retryAt: number | undefined): Promise<void> {
    await this.db.query(
      `UPDATE alert_outbox SET attempts = attempts + 1, last_error = $2, last_attempt_at = $3,
        status = $4, due_at = COALESCE($5, due_at), lease_until = NULL
        WHERE id = $1 AND status = 'pending'`,
      [
        id,
        reason,
        at,
        retryAt === undefined ? "dead" : "pending",
        retryAt === undefined ? null : ms(retryAt),
      ],
    );
  }

  async resend(id: string, now: number): Promise<boolean> {
    const result = await this.db.query(
      `UPDATE alert_outbox SET status = 'pending', attempts = 0, due_at = $2, lease_until = NULL
        WHERE id = $1 AND status = 'dead'`,
      [id, ms(now)],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async nextDue(): Promise<number | undefined> {
    const { rows } = await this.db.query(
      `SELECT min(GREATEST(due_at, COALESCE(lease_until, 0))) AS at FROM alert_outbox
        WHERE status = 'pending'`,
    );
    const at = rows[0]?.at;
    return at === null || at === undefined ? undefined : Number(at);
  }

  async forEvents(eventIds: readonly string[]): Promise<AlertRecord[]> {
    if (eventIds.length === 0) return [];
    return this.records(
      `SELECT ${RECORD_COLUMNS} FROM alert_outbox WHERE event_id = ANY($1::text[])
        ORDER BY queued_at, id`,
      [eventIds],
    );
  }

  async dead(siteKey: string | undefined, limit: number): Promise<AlertRecord[]> {
    return this.records(
      `SELECT ${RECORD_COLUMNS} FROM alert_outbox WHERE status = 'dead'
        AND ($1::text IS NULL OR site_key = $1) ORDER BY last_attempt_at DESC, id LIMIT $2`,
      [siteKey ?? null, limit],
    );
  }
}
