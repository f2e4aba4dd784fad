import type { ValidEvent } from "../../wire/validate";
import type { CollectorDatabase } from "../db";
import {
  type ArmKey,
  applyEvent,
  armKeyOf,
  DAY_COUNTERS,
  DeltaBook,
  emptyVisitor,
  type VisitorState,
  visitorRow,
} from "./rollup";

/** Events read per page while rebuilding the roll-ups. */
const REBUILD_PAGE = 10_000;

interface VisitorRow {
  shown_day: string | null;
  answered: number;
  dismissed: number;
  latest_at: string | null;
  latest_score: number | null;
}

/**
 * The roll-ups of one SQLite connection. SQLite has one writer at a time, so a visitor's state
 * read inside the transaction cannot change under it, and every day row uses shard 0.
 */
export class SqliteRollups {
  private readonly arms = new Map<string, number>();
  private readonly findArm;
  private readonly addArm;
  private readonly getVisitor;
  private readonly putVisitor;
  private readonly addDay;

  constructor(private readonly db: CollectorDatabase) {
    this.findArm = db.prepare(
      `SELECT arm_id FROM arms WHERE site_key = ? AND survey_id = ? AND survey_type = ?
        AND touchpoint = ? AND variant = ? AND holdout = ?`,
    );
    this.addArm = db.prepare(
      `INSERT INTO arms (site_key, survey_id, survey_type, touchpoint, variant, holdout)
        VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.getVisitor = db.prepare(
      `SELECT shown_day, answered, dismissed, latest_at, latest_score FROM arm_visitors
        WHERE arm_id = ? AND visitor_id = ?`,
    );
    this.putVisitor = db.prepare(
      `INSERT INTO arm_visitors (arm_id, visitor_id, shown_day, answered, dismissed, latest_at,
        latest_score) VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (arm_id, visitor_id) DO UPDATE SET shown_day = excluded.shown_day,
          answered = excluded.answered, dismissed = excluded.dismissed,
          latest_at = excluded.latest_at, latest_score = excluded.latest_score`,
    );
    const columns = DAY_COUNTERS.join(", ");
    this.addDay = db.prepare(
      `INSERT INTO arm_days (arm_id, day, shard, ${columns}, last_received)
        VALUES (?, ?, 0, ${DAY_COUNTERS.map(() => "?").join(", ")}, ?)
        ON CONFLICT (arm_id, day, shard) DO UPDATE SET
          ${DAY_COUNTERS.map((c) => `${c} = ${c} + excluded.${c}`).join(", ")},
          last_received = max(coalesce(last_received, ''), coalesce(excluded.last_received, ''))`,
    );
  }

  private armId(key: ArmKey): number {
    const name = JSON.stringify(key);
    const cached = this.arms.get(name);
    if (cached !== undefined) return cached;
    const row = this.findArm.get(...key) as { arm_id: number } | undefined;
    const id = row ? row.arm_id : Number(this.addArm.run(...key).lastInsertRowid);
    this.arms.set(name, id);
    return id;
  }

  /** Counts one newly stored event; call inside the insert's transaction. */
  add(book: DeltaBook, event: ValidEvent, receivedAt: string): void {
    const armId = this.armId(armKeyOf(event));
    if (event.forced) {
      applyEvent(book, armId, event, emptyVisitor(), receivedAt);
      return;
    }
    const row = this.getVisitor.get(armId, event.visitorId) as VisitorRow | undefined;
    const before: VisitorState = row
      ? {
          shownDay: row.shown_day,
          answered: row.answered === 1,
          dismissed: row.dismissed === 1,
          latestAt: row.latest_at,
          latestScore: row.latest_score,
        }
      : emptyVisitor();
    const after = applyEvent(book, armId, event, before, receivedAt);
    if (after === before) return;
    this.putVisitor.run(...visitorRow(armId, event.visitorId, after));
  }

  /** Writes the day rows a transaction changed; call before it commits. */
  flush(book: DeltaBook): void {
    for (const row of book.drain()) {
      this.addDay.run(
        row.armId,
        row.day,
        ...DAY_COUNTERS.map((c) => row.counts[c]),
        row.lastReceived,
      );
    }
  }

  /** Recomputes every roll-up from the stored events, in one transaction. */
  rebuild(toWire: (row: Record<string, unknown>) => ValidEvent): void {
    const page = this.db.prepare(
      "SELECT rowid AS position, * FROM events WHERE rowid > ? ORDER BY rowid LIMIT ?",
    );
    this.db.transaction(() => {
      this.db.exec("DELETE FROM arm_visitors; DELETE FROM arm_days;");
      let after = 0;
      for (;;) {
        const rows = page.all(after, REBUILD_PAGE) as Record<string, unknown>[];
        const last = rows.at(-1);
        if (!last) break;
        const book = new DeltaBook();
        for (const row of rows) this.add(book, toWire(row), String(row.received_at));
        this.flush(book);
        after = Number(last.position);
      }
      this.db
        .prepare("INSERT OR REPLACE INTO touchpoint_meta (key, value) VALUES ('rollups', 'ready')")
        .run();
    })();
  }
}
