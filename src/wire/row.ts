// The one mapping between a stored event (a row of the `events` table, SQLite or PostgreSQL)
// and the wire format. The collector's export, the roll-up rebuild, `touchpoint migrate` and
// `touchpoint report` all read rows through it.
import type { TouchpointEvent } from "./event";

/** The `events` table's columns that hold the wire format, in export (CSV) column order. */
export const EVENT_COLUMNS = [
  "id",
  "site_key",
  "kind",
  "survey_id",
  "survey_type",
  "touchpoint",
  "variant",
  "forced",
  "holdout",
  "score",
  "comment",
  "created_at",
  "received_at",
  "visitor_id",
  "user_id",
  "session_id",
  "url",
  "locale",
  "sdk_version",
] as const;

/**
 * One row of the `events` table (snake_case columns; `forced` and `holdout` stored as 0/1, absent
 * optional values as NULL), as read for an export or a report.
 */
export type EventRow = { [K in (typeof EVENT_COLUMNS)[number]]: string | number | null };

/** A stored event in the wire format, plus when the collector received it. */
export type StoredEvent = TouchpointEvent & { receivedAt: string };

/** 0/1 flags become booleans; NULL becomes absent; anything else is passed on for the validator. */
function flag(value: unknown): unknown {
  if (value === 1 || value === true) return true;
  if (value === 0 || value === false) return false;
  return value ?? undefined;
}

/**
 * Maps a row of the `events` table to the wire format's field names: NULL columns become absent
 * fields. A row written by this collector is a valid event as it stands; a row from elsewhere
 * goes through `validateEvent` (`wire/validate`), which names what is wrong with it.
 */
export function rowToEvent(row: Readonly<Partial<Record<keyof EventRow, unknown>>>): StoredEvent {
  const event: Record<string, unknown> = {
    id: row.id,
    kind: row.kind,
    siteKey: row.site_key,
    surveyId: row.survey_id,
    surveyType: row.survey_type,
    touchpoint: row.touchpoint,
    variant: row.variant,
    forced: flag(row.forced),
    holdout: flag(row.holdout),
    score: row.score,
    comment: row.comment,
    createdAt: row.created_at,
    receivedAt: row.received_at,
    visitorId: row.visitor_id,
    userId: row.user_id,
    sessionId: row.session_id,
    url: row.url,
    locale: row.locale,
    sdkVersion: row.sdk_version,
  };
  for (const [key, value] of Object.entries(event)) {
    if (value === null || value === undefined) delete event[key];
  }
  // Rows were validated on their way in; a row from elsewhere is checked by validateEvent.
  return event as unknown as StoredEvent;
}
