import type { CollectorDatabase } from "../server/db";
import type { TouchpointEvent } from "../wire/event";
import { segmentOf } from "../wire/scale";
import type { Random } from "./seed-random";

const HOUR_MS = 3_600_000;
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
 * some late, some still waiting (overdue once older than 48 hours).
 */
export function seedFollowUps(
  db: CollectorDatabase,
  events: readonly TouchpointEvent[],
  random: Random,
  now: number,
): number {
  const alert = db.prepare(`INSERT OR IGNORE INTO alert_outbox (id, root_id, event_id, site_key,
      rule, destination, type, status, attempts, queued_at, due_at, last_attempt_at, delivered_at)
    VALUES (@id, @id, @eventId, @siteKey, @rule, @destination, 'feedback.created', 'delivered', 1,
      @at, 0, @sentAt, @sentAt)`);
  const followUp = db.prepare(`INSERT OR IGNORE INTO followups (event_id, site_key, status, note,
      updated_by, updated_at, first_changed_at)
    VALUES (@eventId, @siteKey, @status, @note, @who, @at, @at)`);
  const change = db.prepare(`INSERT INTO followup_changes (event_id, status, note, changed_by,
      changed_at) VALUES (@eventId, @status, @note, @who, @at)`);
  let count = 0;
  db.transaction(() => {
    for (const event of events) {
      if (!isLow(event)) continue;
      const answered = Date.parse(event.createdAt);
      const base = { eventId: event.id, siteKey: event.siteKey };
      alert.run({
        ...base,
        id: `${event.id}.${SIMULATED_RULE}.${SIMULATED_DESTINATION}`,
        rule: SIMULATED_RULE,
        destination: SIMULATED_DESTINATION,
        at: event.createdAt,
        sentAt: new Date(answered + random.int(300, 1500)).toISOString(),
      });
      count++;
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
      const row = {
        ...base,
        status: done ? "done" : "in_progress",
        note: done ? (NOTES[random.int(0, NOTES.length - 1)] as string) : null,
        who,
        at: new Date(at).toISOString(),
      };
      followUp.run(row);
      change.run(row);
    }
  })();
  return count;
}

/** Removes the follow-ups and alerts of simulated answers about to be deleted. */
export function deleteSimulatedFollowUps(
  db: CollectorDatabase,
  mine: string,
  params: object,
): void {
  for (const table of ["alert_outbox", "followups", "followup_changes"]) {
    db.prepare(`DELETE FROM ${table} WHERE event_id IN (SELECT id FROM events WHERE ${mine})`).run(
      params,
    );
  }
}
