import type { AlertOutbox } from "../alerts/outbox";
import type { CollectorDatabase } from "../db";
import {
  INBOX_ORDER,
  ITEM_COLUMNS,
  type ItemRow,
  MAX_TIMINGS,
  TIMING_COLUMNS,
  toItems,
} from "./rows";
import type { FollowUpStore, FollowUpTiming, InboxItem, InboxQuery, StatusChange } from "./store";

const ALERTED = "e.id IN (SELECT event_id FROM alert_outbox)";

/** {@link FollowUpStore} on the collector's SQLite database. */
export class SqliteFollowUpStore implements FollowUpStore {
  constructor(
    private readonly db: CollectorDatabase,
    private readonly outbox: AlertOutbox,
  ) {}

  private async items(where: string, params: object, limit: number): Promise<InboxItem[]> {
    const rows = this.db
      .prepare(`SELECT ${ITEM_COLUMNS}
        FROM events e LEFT JOIN followups f ON f.event_id = e.id
        WHERE e.kind = 'answer' AND ${ALERTED} ${where}
        ORDER BY ${INBOX_ORDER}
        LIMIT ${limit}`)
      .all(params) as ItemRow[];
    return toItems(rows, await this.outbox.forEvents(rows.map((r) => r.eventId)));
  }

  inbox(query: InboxQuery): Promise<InboxItem[]> {
    return this.items(
      `AND (@siteKey IS NULL OR e.site_key = @siteKey)
        AND (@status IS NULL OR COALESCE(f.status, 'new') = @status)`,
      { siteKey: query.siteKey ?? null, status: query.status ?? null },
      query.limit,
    );
  }

  async siteOf(eventId: string): Promise<string | undefined> {
    const row = this.db
      .prepare("SELECT site_key AS siteKey FROM alert_outbox WHERE event_id = ? LIMIT 1")
      .get(eventId) as { siteKey: string } | undefined;
    return row?.siteKey;
  }

  async setStatus(eventId: string, change: StatusChange): Promise<InboxItem | undefined> {
    const siteKey = await this.siteOf(eventId);
    if (siteKey === undefined) return undefined;
    const params = { eventId, siteKey, ...change, note: change.note ?? null };
    this.db.transaction(() => {
      this.db
        .prepare(`INSERT INTO followups
            (event_id, site_key, status, note, updated_by, updated_at, first_changed_at)
          VALUES (@eventId, @siteKey, @status, @note, @who, @at, @at)
          ON CONFLICT (event_id) DO UPDATE SET status = @status, note = @note,
            updated_by = @who, updated_at = @at`)
        .run(params);
      this.db
        .prepare(`INSERT INTO followup_changes (event_id, status, note, changed_by, changed_at)
          VALUES (@eventId, @status, @note, @who, @at)`)
        .run(params);
    })();
    const [item] = await this.items("AND e.id = @eventId", { eventId }, 1);
    return item;
  }

  async timings(siteKey: string | undefined, from: string | undefined): Promise<FollowUpTiming[]> {
    return this.db
      .prepare(`SELECT ${TIMING_COLUMNS}
        FROM events e LEFT JOIN followups f ON f.event_id = e.id
        WHERE e.kind = 'answer' AND ${ALERTED}
          AND (@siteKey IS NULL OR e.site_key = @siteKey)
          AND (@from IS NULL OR e.created_at >= @from)
        LIMIT ${MAX_TIMINGS}`)
      .all({ siteKey: siteKey ?? null, from: from ?? null }) as FollowUpTiming[];
  }
}
