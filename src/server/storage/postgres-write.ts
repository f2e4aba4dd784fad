import type { PoolClient } from "pg";
import type { ValidEvent } from "../../wire/validate";
import type { Queryable } from "../access-postgres";
import {
  applyEvent,
  DAY_COUNTERS,
  DeltaBook,
  emptyVisitor,
  type VisitorState,
  visitorRow,
} from "./rollup";

/** Day rows per arm and day: concurrent transactions pick one at random, reads add them up. */
const SHARDS = 8;

interface VisitorRow {
  arm_id: number;
  visitor_id: string;
  shown_day: string | null;
  answered: number;
  dismissed: number;
  latest_at: string | null;
  latest_score: number | null;
}

export const EVENT_COLUMNS = [
  ["id", "text"],
  ["site_key", "text"],
  ["kind", "text"],
  ["survey_id", "text"],
  ["survey_type", "text"],
  ["touchpoint", "text"],
  ["variant", "text"],
  ["forced", "smallint"],
  ["holdout", "smallint"],
  ["score", "float8"],
  ["comment", "text"],
  ["created_at", "text"],
  ["received_at", "text"],
  ["visitor_id", "text"],
  ["user_id", "text"],
  ["session_id", "text"],
  ["url", "text"],
  ["locale", "text"],
  ["sdk_version", "text"],
] as const;

/** The columns of one event, in {@link EVENT_COLUMNS} order. */
export function eventValues(event: ValidEvent, receivedAt: string): unknown[] {
  return [
    event.id,
    event.siteKey,
    event.kind,
    event.surveyId,
    event.surveyType,
    event.touchpoint,
    event.variant,
    event.forced ? 1 : 0,
    event.holdout ? 1 : 0,
    event.score ?? null,
    event.comment ?? null,
    event.createdAt,
    receivedAt,
    event.visitorId,
    event.userId ?? null,
    event.sessionId,
    event.url,
    event.locale,
    event.sdkVersion,
  ];
}

/** The columns the collector writes: {@link EVENT_COLUMNS}, then consent and contact. */
const WRITE_COLUMNS = [...EVENT_COLUMNS, ["consent", "smallint"], ["contact", "text"]] as const;

/** Consent as stored: 1, 0, or null when the visitor was not asked (or did not answer yet). */
const consentOf = (event: ValidEvent) =>
  event.consent === undefined ? null : event.consent ? 1 : 0;

/**
 * The answers a write stored (`stored`) or filled in (`filled`: a re-send brought its comment,
 * consent or contact), told inside the write's transaction so that what it queues (the alert
 * outbox) commits with the answer or not at all.
 */
export type PostgresAnswerHook = (
  client: Queryable,
  answers: { stored: readonly string[]; filled: readonly string[] },
) => Promise<void>;

/** Columns of many rows as one array per column, for `unnest`. */
export function columnsOf(rows: readonly unknown[][], width: number): unknown[][] {
  return Array.from({ length: width }, (_, column) => rows.map((row) => row[column]));
}

/**
 * Claims each id in `event_ids` (in id order, the order concurrent writers lock them in) and
 * stores, in request order, the events whose id was not there yet.
 */
const INSERT_NEW_EVENTS = `WITH batch AS (
    SELECT * FROM unnest(${WRITE_COLUMNS.map(([, type], i) => `$${i + 1}::${type}[]`).join(", ")})
      WITH ORDINALITY AS u(${WRITE_COLUMNS.map(([name]) => name).join(", ")}, ord)
  ), fresh AS (
    INSERT INTO event_ids (id) SELECT id FROM batch ORDER BY id ON CONFLICT DO NOTHING RETURNING id
  )
  INSERT INTO events (${WRITE_COLUMNS.map(([name]) => name).join(", ")})
  SELECT ${WRITE_COLUMNS.map(([name]) => `batch.${name}`).join(", ")}
    FROM batch JOIN fresh USING (id) ORDER BY batch.ord RETURNING id`;
/**
 * Fills in what a re-sent answer brings, as on SQLite: the first value wins for each field, and a
 * contact needs consent, stored or arriving with it. Only the same answer is filled in: an id
 * replayed from another site, survey or visitor fills nothing.
 */
const FILL_IN = `UPDATE events e SET
    comment = COALESCE(e.comment, u.comment),
    consent = COALESCE(e.consent, u.consent),
    contact = CASE WHEN COALESCE(e.consent, u.consent) = 1 THEN COALESCE(e.contact, u.contact) END
  FROM unnest($1::text[], $2::text[], $3::smallint[], $4::text[], $5::text[], $6::text[],
    $7::text[]) AS u(id, comment, consent, contact, site_key, survey_id, visitor_id)
  WHERE e.id = u.id AND e.kind = 'answer' AND e.site_key = u.site_key
    AND e.survey_id = u.survey_id AND e.visitor_id = u.visitor_id AND (
      (e.comment IS NULL AND u.comment IS NOT NULL)
      OR (e.consent IS NULL AND u.consent IS NOT NULL)
      OR (e.contact IS NULL AND u.contact IS NOT NULL AND COALESCE(e.consent, u.consent) = 1))
  RETURNING e.id`;
type FillIn = [string, string | null, number | null, string | null, string, string, string];
const DAY_COLUMNS = ["arm_id", "day", "shard", ...DAY_COUNTERS, "last_received"];
const DAY_TYPES = ["int", "text", "smallint", ...DAY_COUNTERS.map(() => "bigint"), "text"];
const UPSERT_DAYS = `INSERT INTO arm_days (${DAY_COLUMNS.join(", ")})
  SELECT * FROM unnest(${DAY_TYPES.map((type, i) => `$${i + 1}::${type}[]`).join(", ")})
  ON CONFLICT (arm_id, day, shard) DO UPDATE SET
    ${DAY_COUNTERS.map((c) => `${c} = arm_days.${c} + excluded.${c}`).join(", ")},
    last_received = GREATEST(arm_days.last_received, excluded.last_received)`;

/**
 * One attempt at storing a request's events and updating the roll-ups, in one transaction.
 * Resolves to how many events were new.
 */
export async function writeEvents(
  client: PoolClient,
  events: readonly ValidEvent[],
  armIds: readonly number[],
  receivedAt: string,
  onAnswers?: PostgresAnswerHook,
): Promise<number> {
  await client.query("BEGIN");
  try {
    // The first occurrence of each id.
    const firsts = new Map<string, number>();
    for (const [index, event] of events.entries()) {
      if (!firsts.has(event.id)) firsts.set(event.id, index);
    }
    const rows = [...firsts.values()].map((index) => {
      const event = events[index] as ValidEvent;
      const consent = consentOf(event);
      return [
        ...eventValues(event, receivedAt),
        consent,
        consent === 1 ? (event.contact ?? null) : null,
      ];
    });
    const inserted = await client.query<{ id: string }>(
      INSERT_NEW_EVENTS,
      columnsOf(rows, WRITE_COLUMNS.length),
    );
    const fresh = new Set(inserted.rows.map((row) => row.id));
    const newEvents: { event: ValidEvent; armId: number }[] = [];
    const fillIns = new Map<string, FillIn>();
    for (const [index, event] of events.entries()) {
      if (firsts.get(event.id) === index && fresh.has(event.id)) {
        newEvents.push({ event, armId: armIds[index] as number });
      } else if (event.kind === "answer") {
        fillIns.set(event.id, merged(fillIns.get(event.id), event));
      }
    }
    const filled = fillIns.size
      ? (await client.query<{ id: string }>(FILL_IN, columnsOf([...fillIns.values()], 7))).rows
      : [];
    if (onAnswers) {
      const stored = newEvents.filter(({ event }) => event.kind === "answer");
      await onAnswers(client, {
        stored: stored.map(({ event }) => event.id),
        filled: filled.map((row) => row.id).filter((id) => !fresh.has(id)),
      });
    }
    await rollUp(client, newEvents, receivedAt);
    await client.query("COMMIT");
    return fresh.size;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

/**
 * One fill-in per id (an UPDATE changes a row once), merged in request order: the first value of
 * each field wins, as when the re-sends are applied one after the other.
 */
function merged(before: FillIn | undefined, event: ValidEvent): FillIn {
  const consent = consentOf(event);
  const contact = consent === 1 ? (event.contact ?? null) : null;
  if (!before) {
    return [
      event.id,
      event.comment || null,
      consent,
      contact,
      event.siteKey,
      event.surveyId,
      event.visitorId,
    ];
  }
  const [id, comment, firstConsent, firstContact, ...owner] = before;
  return [
    id,
    comment ?? (event.comment || null),
    firstConsent ?? consent,
    firstContact ?? contact,
    ...owner,
  ];
}

async function rollUp(
  client: PoolClient,
  events: readonly { event: ValidEvent; armId: number }[],
  receivedAt: string,
): Promise<void> {
  if (events.length === 0) return;
  const keyOf = (armId: number, visitor: string) => `${armId}\u0000${visitor}`;
  const keys = new Map<string, [number, string]>();
  for (const { event, armId } of events) {
    if (!event.forced) keys.set(keyOf(armId, event.visitorId), [armId, event.visitorId]);
  }
  const sorted = [...keys.values()].sort((a, b) =>
    a[0] !== b[0] ? a[0] - b[0] : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0,
  );
  const states = new Map<string, VisitorState>();
  if (sorted.length) {
    const keyColumns = columnsOf(sorted, 2);
    // Creates the missing rows and locks every one, returning its current state: a no-op
    // update is what makes ON CONFLICT lock and return an existing row.
    const { rows } = await client.query<VisitorRow>(
      `INSERT INTO arm_visitors AS v (arm_id, visitor_id)
        SELECT * FROM unnest($1::int[], $2::text[]) ORDER BY 1, 2
        ON CONFLICT (arm_id, visitor_id) DO UPDATE SET arm_id = v.arm_id RETURNING v.*`,
      keyColumns,
    );
    for (const row of rows) {
      states.set(keyOf(row.arm_id, row.visitor_id), {
        shownDay: row.shown_day,
        answered: row.answered === 1,
        dismissed: row.dismissed === 1,
        latestAt: row.latest_at,
        latestScore: row.latest_score,
      });
    }
  }
  const book = new DeltaBook();
  const changed = new Set<string>();
  for (const { event, armId } of events) {
    const key = keyOf(armId, event.visitorId);
    const before = event.forced ? emptyVisitor() : (states.get(key) ?? emptyVisitor());
    const after = applyEvent(book, armId, event, before, receivedAt);
    if (after !== before) {
      states.set(key, after);
      changed.add(key);
    }
  }
  if (changed.size) {
    const updates = [...changed].map((key) => {
      const [armId, visitor] = keys.get(key) as [number, string];
      return visitorRow(armId, visitor, states.get(key) as VisitorState);
    });
    await client.query(
      `UPDATE arm_visitors v SET shown_day = u.shown_day, answered = u.answered,
          dismissed = u.dismissed, latest_at = u.latest_at, latest_score = u.latest_score
        FROM unnest($1::int[], $2::text[], $3::text[], $4::smallint[], $5::smallint[],
          $6::text[], $7::float8[]) AS u(arm_id, visitor_id, shown_day, answered, dismissed,
          latest_at, latest_score)
        WHERE v.arm_id = u.arm_id AND v.visitor_id = u.visitor_id`,
      columnsOf(updates, 7),
    );
  }
  const shard = Math.floor(Math.random() * SHARDS);
  const days = book
    .drain()
    .map((row) => [
      row.armId,
      row.day,
      shard,
      ...DAY_COUNTERS.map((c) => row.counts[c]),
      row.lastReceived,
    ]);
  await client.query(UPSERT_DAYS, columnsOf(days, DAY_COLUMNS.length));
}
