// The bulk loader behind the benchmarks and data sets: on PostgreSQL it drops the events indexes
// for speed and builds them again, which must reach every monthly partition (an index built on
// the parent alone is invalid and the comments read then scans every row).
import pg from "pg";
import { describe, expect, it } from "vitest";
import { bulkLoad } from "../../src/server/storage/bulk";
import { currentMonths } from "../../src/server/storage/postgres-schema";
import { later, makeEvent, openTestStore, target } from "./helpers";

const DAY_MS = 86_400_000;

/** One answer with a comment a day for `days` days up to `now`, each from its own visitor. */
function* visitors(days: number, now: number) {
  const receivedAt = new Date(now).toISOString();
  for (let day = 0; day < days; day++) {
    const createdAt = new Date(now - day * DAY_MS).toISOString();
    const visitorId = `visitor-${day}`;
    yield {
      events: [makeEvent({ visitorId, createdAt, score: day % 11, comment: "Slow" })],
      receivedAt,
    };
  }
}

describe("bulkLoad on PostgreSQL", () => {
  it("leaves every partition with every events index, none of them invalid", async () => {
    const url = await target("postgres");
    const store = await openTestStore("postgres", url);
    const now = Date.now();
    const months = Array.from({ length: 4 }, (_, i) =>
      new Date(now - i * 28 * DAY_MS).toISOString().slice(0, 7),
    );
    await bulkLoad(store, visitors(90, now), currentMonths(now).concat(months));
    const client = new pg.Client(url);
    await client.connect();
    later(() => client.end());
    const { rows } = await client.query<{ partition: string; indexes: number }>(
      `SELECT c.relname AS partition, count(i.indexrelid)::int AS indexes
         FROM pg_inherits h JOIN pg_class c ON c.oid = h.inhrelid
         LEFT JOIN pg_index i ON i.indrelid = c.oid
        WHERE h.inhparent = 'events'::regclass GROUP BY c.relname`,
    );
    const { rows: parent } = await client.query<{ indexes: number; invalid: number }>(
      `SELECT count(*)::int AS indexes, count(*) FILTER (WHERE NOT indisvalid)::int AS invalid
         FROM pg_index WHERE indrelid = 'events'::regclass`,
    );
    expect(parent[0]).toEqual({ indexes: 4, invalid: 0 });
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows) expect(row).toEqual({ partition: row.partition, indexes: 4 });
  });
});
