import { npsValue } from "../../report/nps";
import { isOnScale } from "../../wire/scale";
import type { ValidEvent } from "../../wire/validate";

/**
 * Roll-ups kept beside the events, in the same transaction as the insert, so that reads cost
 * the number of days and variants, not the number of events:
 *
 * - `arm_visitors`: one row per variant (arm) and visitor: the first UTC day the visitor was
 *   shown the prompt, whether they ever answered or dismissed, and their latest on-scale answer.
 *   This is what keeps distinct-visitor figures exact.
 * - `arm_days`: per arm, UTC day and shard, event counters (by the event's day) and visitor
 *   counters (by the day the visitor was first shown, their cohort day). Shards spread the
 *   counters of one busy day over several rows, so concurrent collectors rarely wait on one row.
 */

/** What the roll-ups remember of one visitor in one arm. */
export interface VisitorState {
  /** First UTC day (`YYYY-MM-DD`) with an impression, or null before any. */
  shownDay: string | null;
  answered: boolean;
  dismissed: boolean;
  /** `createdAt` of the latest on-scale answer, and its score. */
  latestAt: string | null;
  latestScore: number | null;
}

/** Columns of `arm_days`, in table order. */
export const DAY_COUNTERS = [
  "shown",
  "responders_shown",
  "dismissers_shown",
  "promoters_shown",
  "detractors_shown",
  "impression_events",
  "answers",
  "dismissals",
  "invalid_scores",
  "forced",
  "s0",
  "s1",
  "s2",
  "s3",
  "s4",
  "s5",
  "s6",
  "s7",
  "s8",
  "s9",
  "s10",
] as const;

export type DayCounter = (typeof DAY_COUNTERS)[number];

/** Changes to one `arm_days` row. */
export interface DayDelta {
  armId: number;
  day: string;
  counts: Record<DayCounter, number>;
  lastReceived: string | null;
}

/** The identity of an arm: one variant (or the holdout group) of one touchpoint of one survey. */
export type ArmKey = readonly [
  siteKey: string,
  surveyId: string,
  surveyType: string,
  touchpoint: string,
  variant: string,
  holdout: 0 | 1,
];

export function armKeyOf(event: ValidEvent): ArmKey {
  return [
    event.siteKey,
    event.surveyId,
    event.surveyType,
    event.touchpoint,
    event.variant,
    event.holdout ? 1 : 0,
  ];
}

export const dayOf = (createdAt: string): string => createdAt.slice(0, 10);

/** Columns of an `arm_visitors` row, in {@link visitorRow} order. */
export const VISITOR_COLUMNS = [
  "arm_id",
  "visitor_id",
  "shown_day",
  "answered",
  "dismissed",
  "latest_at",
  "latest_score",
] as const;

/** Columns of an `arm_days` row, in {@link dayRow} order. */
export const DAY_COLUMNS = ["arm_id", "day", "shard", ...DAY_COUNTERS, "last_received"] as const;

/** An `arm_days` row of one day's changes, in {@link DAY_COLUMNS} order. */
export function dayRow(row: DayDelta, shard: number): unknown[] {
  return [row.armId, row.day, shard, ...DAY_COUNTERS.map((c) => row.counts[c]), row.lastReceived];
}

/** An `arm_visitors` row, in {@link VISITOR_COLUMNS} order. */
export function visitorRow(armId: number, visitorId: string, state: VisitorState): unknown[] {
  return [
    armId,
    visitorId,
    state.shownDay,
    state.answered ? 1 : 0,
    state.dismissed ? 1 : 0,
    state.latestAt,
    state.latestScore,
  ];
}

export const emptyVisitor = (): VisitorState => ({
  shownDay: null,
  answered: false,
  dismissed: false,
  latestAt: null,
  latestScore: null,
});

function zeroCounts(): Record<DayCounter, number> {
  return Object.fromEntries(DAY_COUNTERS.map((name) => [name, 0])) as Record<DayCounter, number>;
}

/** Sums the changes of one transaction per arm and day, to write each row once. */
export class DeltaBook {
  private readonly rows = new Map<string, DayDelta>();

  row(armId: number, day: string): DayDelta {
    const key = `${armId}\u0000${day}`;
    let row = this.rows.get(key);
    if (!row) {
      row = { armId, day, counts: zeroCounts(), lastReceived: null };
      this.rows.set(key, row);
    }
    return row;
  }

  add(armId: number, day: string, counter: DayCounter, amount = 1): void {
    this.row(armId, day).counts[counter] += amount;
  }

  /** Rows in a fixed order (arm, day), so concurrent writers lock them in the same order. */
  drain(): DayDelta[] {
    const rows = [...this.rows.values()].sort((a, b) =>
      a.armId !== b.armId ? a.armId - b.armId : a.day < b.day ? -1 : a.day > b.day ? 1 : 0,
    );
    this.rows.clear();
    return rows;
  }
}

/** Adds (sign 1) or removes (sign -1) what one visitor contributes to their cohort day. */
function contribute(
  book: DeltaBook,
  armId: number,
  state: VisitorState,
  nps: boolean,
  sign: 1 | -1,
) {
  if (state.shownDay === null) return;
  const row = book.row(armId, state.shownDay).counts;
  row.shown += sign;
  if (state.answered) row.responders_shown += sign;
  if (state.dismissed) row.dismissers_shown += sign;
  if (nps && state.latestScore !== null) {
    const value = npsValue(state.latestScore);
    if (value > 0) row.promoters_shown += sign;
    else if (value < 0) row.detractors_shown += sign;
  }
}

/**
 * Counts one newly stored event: its own counters on its day (forced previews only as forced),
 * and, for the visitor, the change from `before` to the returned state on their cohort day.
 * Returns `before` itself when the visitor's state did not change.
 */
export function applyEvent(
  book: DeltaBook,
  armId: number,
  event: ValidEvent,
  before: VisitorState,
  receivedAt: string,
): VisitorState {
  const day = dayOf(event.createdAt);
  const row = book.row(armId, day);
  if (row.lastReceived === null || receivedAt > row.lastReceived) row.lastReceived = receivedAt;
  if (event.forced) {
    row.counts.forced += 1;
    return before;
  }
  const after = { ...before };
  if (event.kind === "impression") {
    row.counts.impression_events += 1;
    if (after.shownDay === null || day < after.shownDay) after.shownDay = day;
  } else if (event.kind === "dismissal") {
    row.counts.dismissals += 1;
    after.dismissed = true;
  } else {
    row.counts.answers += 1;
    after.answered = true;
    if (isOnScale(event.surveyType, event.score)) {
      row.counts[`s${event.score}` as DayCounter] += 1;
      if (after.latestAt === null || event.createdAt >= after.latestAt) {
        after.latestAt = event.createdAt;
        after.latestScore = event.score;
      }
    } else {
      row.counts.invalid_scores += 1;
    }
  }
  const unchanged =
    after.shownDay === before.shownDay &&
    after.answered === before.answered &&
    after.dismissed === before.dismissed &&
    after.latestAt === before.latestAt &&
    after.latestScore === before.latestScore;
  if (unchanged) return before;
  const nps = event.surveyType === "nps";
  contribute(book, armId, before, nps, -1);
  contribute(book, armId, after, nps, 1);
  return after;
}
