import { rowToEvent } from "../../wire/row";
import type { ValidEvent } from "../../wire/validate";
import {
  applyEvent,
  armKeyOf,
  DAY_COLUMNS,
  DeltaBook,
  dayRow,
  emptyVisitor,
  VISITOR_COLUMNS,
  type VisitorState,
  visitorRow,
} from "./rollup";
import { insertRows, type StoreSql } from "./store-sql";

/** Events read per page. */
const PAGE = 5000;

/**
 * Recomputes the roll-ups of one site key from its stored events, on either engine, after some of
 * its events were deleted (`touchpoint seed --replace`). Run it inside the deleting transaction;
 * its arms stay (ids never change), their visitor and day rows are written anew, in shard 0.
 */
export async function rebuildSiteRollups(sql: StoreSql, siteKey: string): Promise<void> {
  const arms = new Map<string, number>();
  for (const row of await sql.all(
    `SELECT arm_id, site_key, survey_id, survey_type, touchpoint, variant, holdout FROM arms
      WHERE site_key = ?`,
    [siteKey],
  )) {
    const key = [row.site_key, row.survey_id, row.survey_type, row.touchpoint, row.variant];
    arms.set(JSON.stringify([...key, Number(row.holdout) === 1 ? 1 : 0]), Number(row.arm_id));
  }
  for (const table of ["arm_visitors", "arm_days"]) {
    await sql.run(
      `DELETE FROM ${table} WHERE arm_id IN (SELECT arm_id FROM arms WHERE site_key = ?)`,
      [siteKey],
    );
  }
  const book = new DeltaBook();
  const visitors = new Map<string, { armId: number; visitorId: string; state: VisitorState }>();
  for (let after = 0; ; ) {
    const rows = await sql.all(
      `SELECT ${sql.position} AS position, * FROM events WHERE site_key = ? AND ${sql.position} > ?
        ORDER BY ${sql.position} LIMIT ?`,
      [siteKey, after, PAGE],
    );
    for (const row of rows) {
      const event = rowToEvent(row) as ValidEvent;
      const armId = arms.get(JSON.stringify(armKeyOf(event)));
      if (armId === undefined) throw new Error(`event ${event.id}: its arm is not in arms`);
      const receivedAt = String(row.received_at);
      if (event.forced) {
        applyEvent(book, armId, event, emptyVisitor(), receivedAt);
        continue;
      }
      const name = `${armId}\u0000${event.visitorId}`;
      const before = visitors.get(name)?.state ?? emptyVisitor();
      const state = applyEvent(book, armId, event, before, receivedAt);
      if (state !== before) visitors.set(name, { armId, visitorId: event.visitorId, state });
    }
    const last = rows.at(-1);
    if (!last || rows.length < PAGE) break;
    after = Number(last.position);
  }
  await insertRows(
    sql,
    "arm_visitors",
    VISITOR_COLUMNS,
    [...visitors.values()].map(({ armId, visitorId, state }) =>
      visitorRow(armId, visitorId, state),
    ),
  );
  await insertRows(
    sql,
    "arm_days",
    DAY_COLUMNS,
    book.drain().map((row) => dayRow(row, 0)),
  );
}
