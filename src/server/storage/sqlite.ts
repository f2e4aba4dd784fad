import { reportFromCounts } from "../../report/aggregate";
import { rowToEvent } from "../../wire/row";
import { type CollectorDatabase, openDatabase } from "../db";
import type { EventFilter } from "../filter";
import { MAX_SITES } from "../queries";
import { type AnswerHook, createEventWriter } from "../store";
import { commentsStatement, exportStatement } from "./event-sql";
import {
  armTotalsStatement,
  countsFromTotals,
  dayTotalsStatement,
  type Statement,
  shownByDayStatement,
  summaryFromTotals,
  type TotalsRow,
  timeseriesFromTotals,
} from "./rollup-read";
import { SqliteRollups } from "./sqlite-rollups";
import type { EventStore, ExportRow } from "./types";

const QUESTION = () => "?";

/** Rebuilds the roll-ups when a migration (or a bulk delete) marked them stale. */
export function refreshRollups(db: CollectorDatabase): void {
  const row = db.prepare("SELECT value FROM touchpoint_meta WHERE key = 'rollups'").get() as
    | { value: string }
    | undefined;
  if (row?.value === "ready") return;
  new SqliteRollups(db).rebuild((r) => rowToEvent(r));
}

/** The SQLite store: one file, one writer, WAL so reads never wait for it. */
export class SqliteStore implements EventStore {
  readonly engine = "sqlite" as const;
  readonly ready = Promise.resolve();
  readonly db: CollectorDatabase;
  /** Told about each answer stored or filled in, inside its transaction (the alert outbox). */
  answerHook: AnswerHook = () => undefined;
  private readonly writer;

  constructor(path: string) {
    this.db = openDatabase(path);
    try {
      refreshRollups(this.db);
    } catch (error) {
      this.db.close();
      throw error;
    }
    this.writer = createEventWriter(this.db, (id, how) => this.answerHook(id, how));
  }

  private all<T>({ sql, params }: Statement): T[] {
    return this.db.prepare(sql).all(...params) as T[];
  }

  write: EventStore["write"] = (events, receivedAt) => this.writer(events, receivedAt);

  async summary(filter: EventFilter) {
    return summaryFromTotals(this.all<TotalsRow>(armTotalsStatement(filter, QUESTION)));
  }

  async timeseries(filter: EventFilter, bucket: "day" | "week") {
    return timeseriesFromTotals(this.all<TotalsRow>(dayTotalsStatement(filter, QUESTION)), bucket);
  }

  async sites() {
    return this.all<{ site_key: string }>({
      sql: `SELECT DISTINCT site_key FROM arms ORDER BY site_key LIMIT ${MAX_SITES}`,
      params: [],
    }).map((row) => row.site_key);
  }

  async lastReceived(filter: EventFilter) {
    const rows = this.all<TotalsRow>(armTotalsStatement(filter, QUESTION));
    let last: string | null = null;
    for (const row of rows) {
      const at = row.last_received as string | null;
      if (at && (last === null || at > last)) last = at;
    }
    return last;
  }

  comments: EventStore["comments"] = async (filter, segment, limit) =>
    this.all(commentsStatement(filter, segment, limit, QUESTION));

  report: EventStore["report"] = async (filter, options) => {
    const counts = countsFromTotals(
      this.all<TotalsRow>(armTotalsStatement(filter, QUESTION)),
      this.all<TotalsRow>(shownByDayStatement(filter, QUESTION)),
    );
    return reportFromCounts(counts.touchpoints, counts.totals, options);
  };

  exportPage: EventStore["exportPage"] = async (filter, after, limit) =>
    this.all<ExportRow>(exportStatement(filter, after, limit, "rowid", QUESTION));

  async ping() {
    this.db.prepare("SELECT 1").get();
  }

  async close() {
    this.db.close();
  }
}
