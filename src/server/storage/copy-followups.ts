import type { CopyCount } from "./copy-stores";
import type { SqlRow, StoreSql } from "./store-sql";

/** Rows read from the source per query. */
const PAGE = 1000;

/**
 * The reason a copied alert that was still pending in the source carries in the target, where it
 * lands as a dead letter: sending it from both databases would alert twice.
 */
export const PENDING_IN_SOURCE =
  "pending in the source database when touchpoint migrate copied it; re-send it here only if the source never delivers it";

/** What an answer's visitor agreed to, as the writer takes it back. */
export interface AnswerContact {
  consent: boolean;
  contact?: string;
}

/**
 * Consent and contact of the answers stored after position `after` up to `through`: the columns
 * exports leave out on purpose, read beside an export page so the target's writer stores them.
 */
export async function contactsBetween(
  sql: StoreSql,
  after: number,
  through: number,
): Promise<Map<string, AnswerContact>> {
  const rows = await sql.all(
    `SELECT id, consent, contact FROM events WHERE ${sql.position} > ? AND ${sql.position} <= ?
      AND kind = 'answer' AND consent IS NOT NULL`,
    [after, through],
  );
  const contacts = new Map<string, AnswerContact>();
  for (const row of rows) {
    const consent = Number(row.consent) === 1;
    const contact = consent && typeof row.contact === "string" ? row.contact : undefined;
    contacts.set(String(row.id), contact === undefined ? { consent } : { consent, contact });
  }
  return contacts;
}

/** Every row of `table` with `key` after the last one read, a page at a time. */
async function* pages(sql: StoreSql, columns: string, table: string, key: string) {
  let after = "";
  for (;;) {
    const rows = await sql.all(
      `SELECT ${columns} FROM ${table} WHERE ${key} > ? ORDER BY ${key} LIMIT ?`,
      [after, PAGE],
    );
    yield* rows;
    const last = rows.at(-1);
    if (!last || rows.length < PAGE) return;
    after = String(last[key]);
  }
}

const ALERT_COLUMNS = `id, root_id, event_id, site_key, rule, destination, type, status, attempts,
  queued_at, due_at, last_error, last_attempt_at, delivered_at`;

/** What {@link copyAlerts} did, and what the source still held undelivered. */
export interface AlertCopy {
  /** Alerts new in the target, or copied earlier while pending and settled in the source since. */
  copied: number;
  present: number;
  /** Alerts still pending in the source: copied as dead letters ({@link PENDING_IN_SOURCE}). */
  pending: number;
  /** Dead letters in the source, copied as dead letters (re-sendable from the target). */
  dead: number;
}

/**
 * Copies the alert outbox, so the target's inbox lists the same alerted answers with their
 * delivery history. Nothing is ever sent twice by the copy: a delivered alert stays delivered, and
 * one still pending in the source becomes a dead letter in the target, which only a person re-sends.
 * Once the source has settled it, the next copy replaces that placeholder with the outcome.
 */
export async function copyAlerts(from: StoreSql, to: StoreSql): Promise<AlertCopy> {
  const count: AlertCopy = { copied: 0, present: 0, pending: 0, dead: 0 };
  for await (const row of pages(from, ALERT_COLUMNS, "alert_outbox", "id")) {
    const pending = row.status === "pending";
    if (pending) count.pending += 1;
    if (row.status === "dead") count.dead += 1;
    const changed = await to.run(
      `INSERT INTO alert_outbox (${ALERT_COLUMNS})
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (id) DO UPDATE SET status = excluded.status, attempts = excluded.attempts,
          last_error = excluded.last_error, last_attempt_at = excluded.last_attempt_at,
          delivered_at = excluded.delivered_at
        WHERE alert_outbox.status = 'dead' AND alert_outbox.last_error = ?
          AND (excluded.status <> 'dead' OR excluded.last_error <> alert_outbox.last_error)`,
      [
        row.id,
        row.root_id,
        row.event_id,
        row.site_key,
        row.rule,
        row.destination,
        row.type,
        pending ? "dead" : row.status,
        Number(row.attempts),
        row.queued_at,
        Number(row.due_at),
        pending ? PENDING_IN_SOURCE : row.last_error,
        row.last_attempt_at,
        row.delivered_at,
        PENDING_IN_SOURCE,
      ],
    );
    if (changed > 0) count.copied += 1;
    else count.present += 1;
  }
  return count;
}

const FOLLOW_UP_COLUMNS =
  "event_id, site_key, status, note, updated_by, updated_at, first_changed_at";
const SAME = ["status", "note", "updated_by", "updated_at", "first_changed_at"] as const;

/** Writes one follow-up's history, skipping entries already there, then the follow-up itself. */
async function restoreFollowUp(from: StoreSql, to: StoreSql, row: SqlRow): Promise<number> {
  const history = await from.all(
    `SELECT status, note, changed_by, changed_at FROM followup_changes WHERE event_id = ?
      ORDER BY changed_at`,
    [row.event_id],
  );
  // History first, each entry once: an interrupted copy leaves no follow-up without its history.
  for (const change of history) {
    await to.run(
      `INSERT INTO followup_changes (event_id, status, note, changed_by, changed_at)
        SELECT CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT)
        WHERE NOT EXISTS (SELECT 1 FROM followups WHERE event_id = ?)
          AND NOT EXISTS (SELECT 1 FROM followup_changes
            WHERE event_id = ? AND changed_at = ? AND status = ? AND changed_by = ?)`,
      [
        row.event_id,
        change.status,
        change.note,
        change.changed_by,
        change.changed_at,
        row.event_id,
        row.event_id,
        change.changed_at,
        change.status,
        change.changed_by,
      ],
    );
  }
  return to.run(
    `INSERT INTO followups (${FOLLOW_UP_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (event_id) DO NOTHING`,
    [
      row.event_id,
      row.site_key,
      row.status,
      row.note,
      row.updated_by,
      row.updated_at,
      row.first_changed_at,
    ],
  );
}

/**
 * Copies every follow-up status (status, note, who, when) with its history. One the target
 * already has is left alone; one it holds differently (changed there first) is reported and kept.
 */
export async function copyFollowUps(from: StoreSql, to: StoreSql): Promise<CopyCount> {
  const count: CopyCount = { copied: 0, present: 0, differ: [] };
  for await (const row of pages(from, FOLLOW_UP_COLUMNS, "followups", "event_id")) {
    const [there] = await to.all(`SELECT ${FOLLOW_UP_COLUMNS} FROM followups WHERE event_id = ?`, [
      row.event_id,
    ]);
    if (!there && (await restoreFollowUp(from, to, row)) > 0) {
      count.copied += 1;
      continue;
    }
    count.present += 1;
    if (there && SAME.some((column) => there[column] !== row[column])) {
      count.differ.push(
        `follow-up ${String(row.event_id)}: the target's differs (${String(there.status)} by ${String(there.updated_by)} at ${String(there.updated_at)}); kept`,
      );
    }
  }
  return count;
}
