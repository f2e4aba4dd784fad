import type { Queryable } from "../access-postgres";
import type { AlertOutbox } from "../alerts/outbox";
import {
  INBOX_ORDER,
  ITEM_COLUMNS,
  type ItemRow,
  MAX_TIMINGS,
  TIMING_COLUMNS,
  toItems,
} from "./rows";
import type { FollowUpStore, FollowUpTiming, InboxItem, InboxQuery, StatusChange } from "./store";

/** Alerted answers of one site (`$1`), or of every site when `$1` is null. */
const ALERTED = `e.id IN (SELECT event_id FROM alert_outbox WHERE $1::text IS NULL OR site_key = $1)
  AND ($1::text IS NULL OR e.site_key = $1)`;

/**
 * {@link FollowUpStore} on PostgreSQL: the same rows and order as on SQLite. A status change and
 * its history entry are one statement, so they commit together on whichever collector takes it.
 */
export class PostgresFollowUpStore implements FollowUpStore {
  constructor(
    private readonly db: Queryable,
    private readonly outbox: AlertOutbox,
  ) {}

  /** Items where `where` holds (its parameters `params`), at most `limit`. */
  private async items(
    where: string,
    params: readonly unknown[],
    limit: number,
  ): Promise<InboxItem[]> {
    const { rows } = await this.db.query(
      `SELECT ${ITEM_COLUMNS} FROM events e LEFT JOIN followups f ON f.event_id = e.id
        WHERE e.kind = 'answer' AND ${where} ORDER BY ${INBOX_ORDER} LIMIT $${params.length + 1}`,
      [...params, limit],
    );
    const items = rows as unknown as ItemRow[];
    return toItems(items, await this.outbox.forEvents(items.map((r) => r.eventId)));
  }

  inbox(query: InboxQuery): Promise<InboxItem[]> {
    return this.items(
      `${ALERTED} AND ($2::text IS NULL OR COALESCE(f.status, 'new') = $2)`,
      [query.siteKey ?? null, query.status ?? null],
      query.limit,
    );
  }

  async siteOf(eventId: string): Promise<string | undefined> {
    const { rows } = await this.db.query(
      "SELECT site_key FROM alert_outbox WHERE event_id = $1 LIMIT 1",
      [eventId],
    );
    return rows[0]?.site_key as string | undefined;
  }

  async setStatus(eventId: string, change: StatusChange): Promise<InboxItem | undefined> {
    const siteKey = await this.siteOf(eventId);
    if (siteKey === undefined) return undefined;
    await this.db.query(
      `WITH changed AS (
        INSERT INTO followups
          (event_id, site_key, status, note, updated_by, updated_at, first_changed_at)
        VALUES ($1, $2, $3, $4, $5, $6, $6)
        ON CONFLICT (event_id) DO UPDATE SET status = $3, note = $4, updated_by = $5,
          updated_at = $6
      )
      INSERT INTO followup_changes (event_id, status, note, changed_by, changed_at)
        VALUES ($1, $3, $4, $5, $6)`,
      [eventId, siteKey, change.status, change.note ?? null, change.who, change.at],
    );
    const [item] = await this.items("e.id = $1", [eventId], 1);
    return item;
  }

  async timings(siteKey: string | undefined, from: string | undefined): Promise<FollowUpTiming[]> {
    const { rows } = await this.db.query(
      `SELECT ${TIMING_COLUMNS} FROM events e LEFT JOIN followups f ON f.event_id = e.id
        WHERE e.kind = 'answer' AND ${ALERTED} AND ($2::text IS NULL OR e.created_at >= $2)
        LIMIT ${MAX_TIMINGS}`,
      [siteKey ?? null, from ?? null],
    );
    return rows as unknown as FollowUpTiming[];
  }
}
