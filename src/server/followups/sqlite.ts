import type { AlertOutbox } from "../alerts/outbox";
import type { CollectorDatabase } from "../db";
import type {
  FollowUpStatus,
  FollowUpStore,
  FollowUpTiming,
  InboxItem,
  InboxQuery,
  StatusChange,
} from "./store";

// Position on the answer's own scale, 0 (lowest) to 1, so NPS, CSAT and CES sort together.
const POSITION = `CASE e.survey_type WHEN 'nps' THEN e.score / 10.0 WHEN 'csat' THEN (e.score - 1) / 4.0
  ELSE (e.score - 1) / 6.0 END`;
/** Most alerted answers time to follow-up is computed over. */
export const MAX_TIMINGS = 200_000;
const ALERTED = "e.id IN (SELECT event_id FROM alert_outbox)";

type Row = Omit<InboxItem, "consent" | "status" | "rules" | "alerts"> & {
  consent: number | null;
  status: FollowUpStatus | null;
};

/** {@link FollowUpStore} on the collector's SQLite database. */
export class SqliteFollowUpStore implements FollowUpStore {
  constructor(
    private readonly db: CollectorDatabase,
    private readonly outbox: AlertOutbox,
  ) {}

  private async items(where: string, params: object, limit: number): Promise<InboxItem[]> {
    const rows = this.db
      .prepare(`SELECT e.id AS eventId, e.site_key AS siteKey, e.survey_id AS surveyId,
          e.survey_type AS surveyType, e.touchpoint, e.variant, e.score, e.comment, e.consent,
          e.contact, e.user_id AS userId, e.url AS page, e.created_at AS createdAt, f.status,
          f.note, f.updated_by AS updatedBy, f.updated_at AS updatedAt,
          f.first_changed_at AS firstChangedAt
        FROM events e LEFT JOIN followups f ON f.event_id = e.id
        WHERE e.kind = 'answer' AND ${ALERTED} ${where}
        ORDER BY COALESCE(f.status, 'new') = 'done', ${POSITION}, e.created_at, e.id
        LIMIT ${limit}`)
      .all(params) as Row[];
    const alerts = await this.outbox.forEvents(rows.map((r) => r.eventId));
    return rows.map((row) => {
      const mine = alerts.filter((a) => a.eventId === row.eventId);
      return {
        ...row,
        consent: row.consent === 1,
        contact: row.consent === 1 ? row.contact : null,
        status: row.status ?? "new",
        rules: [...new Set(mine.map((a) => a.rule))],
        alerts: mine,
      };
    });
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
      .prepare(`SELECT e.touchpoint, e.created_at AS createdAt, f.first_changed_at AS firstChangedAt
        FROM events e LEFT JOIN followups f ON f.event_id = e.id
        WHERE e.kind = 'answer' AND ${ALERTED}
          AND (@siteKey IS NULL OR e.site_key = @siteKey)
          AND (@from IS NULL OR e.created_at >= @from)
        LIMIT ${MAX_TIMINGS}`)
      .all({ siteKey: siteKey ?? null, from: from ?? null }) as FollowUpTiming[];
  }
}
