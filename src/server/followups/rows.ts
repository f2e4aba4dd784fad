import type { AlertRecord } from "../alerts/outbox";
import type { FollowUpStatus, InboxItem } from "./store";

/** Most alerted answers time to follow-up is computed over. */
export const MAX_TIMINGS = 200_000;

// Position on the answer's own scale, 0 (lowest) to 1, so NPS, CSAT and CES sort together.
const POSITION = `CASE e.survey_type WHEN 'nps' THEN e.score / 10.0 WHEN 'csat' THEN (e.score - 1) / 4.0
  ELSE (e.score - 1) / 6.0 END`;
/** Open ones first, then the unhappiest, then the oldest (the same on both engines). */
export const INBOX_ORDER = `COALESCE(f.status, 'new') = 'done', ${POSITION}, e.created_at, e.id`;

/** Columns of an inbox item from `events e LEFT JOIN followups f` (quoted: PostgreSQL too). */
export const ITEM_COLUMNS = `e.id AS "eventId", e.site_key AS "siteKey", e.survey_id AS "surveyId",
  e.survey_type AS "surveyType", e.touchpoint, e.variant, e.score, e.comment, e.consent,
  e.contact, e.user_id AS "userId", e.url AS page, e.created_at AS "createdAt", f.status,
  f.note, f.updated_by AS "updatedBy", f.updated_at AS "updatedAt",
  f.first_changed_at AS "firstChangedAt"`;

/** Columns of a timing, from the same join. */
export const TIMING_COLUMNS = `e.touchpoint, e.created_at AS "createdAt",
  f.first_changed_at AS "firstChangedAt"`;

/** An inbox row as read with {@link ITEM_COLUMNS}. */
export type ItemRow = Omit<InboxItem, "consent" | "status" | "rules" | "alerts"> & {
  consent: number | null;
  status: FollowUpStatus | null;
};

/** Inbox items from their rows and every alert about them; a contact only beside consent. */
export function toItems(rows: readonly ItemRow[], alerts: readonly AlertRecord[]): InboxItem[] {
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
