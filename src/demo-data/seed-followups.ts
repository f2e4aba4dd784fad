import { insertRows, type StoreSql } from "../server/storage/store-sql";
import type { TouchpointEvent } from "../wire/event";
import { segmentOf } from "../wire/scale";
import type { Random } from "./seed-random";

const HOUR_MS = 3_600_000;
const ALERT_COLUMNS = [
  "id",
  "root_id",
  "event_id",
  "site_key",
  "rule",
  "destination",
  "type",
  "status",
  "attempts",
  "queued_at",
  "due_at",
  "last_attempt_at",
  "delivered_at",
];
const FOLLOW_UP_COLUMNS = [
  "event_id",
  "site_key",
  "status",
  "note",
  "updated_by",
  "updated_at",
  "first_changed_at",
];
const CHANGE_COLUMNS = ["event_id", "status", "note", "changed_by", "changed_at"];
/** The simulated team's alert rule, destination and people. */
export const SIMULATED_RULE = "unhappy-customers";
export const SIMULATED_DESTINATION = "demo-webhook";
const PEOPLE = ["maria (support)", "sam (support)", "lee (success)"];
const NOTES = [
  "Called back, sent a voucher",
  "Emailed an apology and tracking link",
  "Refund issued",
  "Passed to the delivery team",
];

const isLow = (event: TouchpointEvent) =>
  event.kind === "answer" &&
  event.score !== undefined &&
  ["detractor", "low"].includes(segmentOf(event.surveyType, event.score));

/**
 * Some unhappy visitors who left a comment also agree to be contacted, and leave an email:
 * added before the events are validated and written, as the SDK would send them.
 */
export function simulateConsent(events: TouchpointEvent[], random: Random): void {
  for (const event of events) {
    if (!isLow(event) || !event.comment || !random.chance(0.4)) continue;
    event.consent = true;
    if (random.chance(0.7)) event.contact = `customer-${event.visitorId.slice(0, 6)}@example.com`;
  }
}

/**
 * The follow-up history of the simulated unhappy answers: each one alerted (and delivered) as
 * the collector would have, and the team's first status change some hours later: most fast,
 * some late, some still waiting (overdue once older than 48 hours). Written in one transaction.
 */
export async function seedFollowUps(
  sql: StoreSql,
  events: readonly TouchpointEvent[],
  random: Random,
  now: number,
): Promise<number> {
  const alerts: unknown[][] = [];
  const followUps: unknown[][] = [];
  const changes: unknown[][] = [];
  for (const event of events) {
    if (!isLow(event)) continue;
    const answered = Date.parse(event.createdAt);
    const id = `${event.id}.${SIMULATED_RULE}.${SIMULATED_DESTINATION}`;
    const sentAt = new Date(answered + random.int(300, 1500)).toISOString();
    alerts.push([
      id,
      id,
      event.id,
      event.siteKey,
      SIMULATED_RULE,
      SIMULATED_DESTINATION,
      "feedback.created",
      "delivered",
      1,
      event.createdAt,
      0,
      sentAt,
      sentAt,
    ]);
    const draw = random.next();
    const hours =
      draw < 0.65
        ? random.exponential(8)
        : draw < 0.82
          ? 48 + random.exponential(30)
          : Number.POSITIVE_INFINITY;
    const at = answered + hours * HOUR_MS;
    if (at >= now) continue;
    const who = PEOPLE[random.int(0, PEOPLE.length - 1)] as string;
    const done = random.chance(0.85);
    const note = done ? (NOTES[random.int(0, NOTES.length - 1)] as string) : null;
    const when = new Date(at).toISOString();
    const status = done ? "done" : "in_progress";
    followUps.push([event.id, event.siteKey, status, note, who, when, when]);
    changes.push([event.id, status, note, who, when]);
  }
  await sql.transaction(async (tx) => {
    await insertRows(tx, "alert_outbox", ALERT_COLUMNS, alerts);
    await insertRows(tx, "followups", FOLLOW_UP_COLUMNS, followUps);
    await insertRows(tx, "followup_changes", CHANGE_COLUMNS, changes);
  });
  return alerts.length;
}

/** Removes the follow-ups and alerts of simulated answers about to be deleted. */
export async function deleteSimulatedFollowUps(
  sql: StoreSql,
  mine: string,
  params: readonly unknown[],
): Promise<void> {
  for (const table of ["alert_outbox", "followups", "followup_changes"]) {
    await sql.run(
      `DELETE FROM ${table} WHERE event_id IN (SELECT id FROM events WHERE ${mine})`,
      params,
    );
  }
}
