import type { CollectorDatabase } from "../server/db";
import { rebuildSiteRollups } from "../server/storage/site-rollups";
import { type StoreSql, sqliteSql, storeSql } from "../server/storage/store-sql";
import type { EventStore } from "../server/storage/types";
import { createEventWriter } from "../server/store";
import { type ValidEvent, validateEvent } from "../wire/validate";
import { deleteSimulatedFollowUps, seedFollowUps, simulateConsent } from "./seed-followups";
import { seededRandom } from "./seed-random";
import { SIMULATED_SDK_VERSION, type SimulationOptions, simulateJourney } from "./simulate";

/** Events committed per transaction while seeding. */
const SEED_CHUNK = 5000;
/** The simulated events of one site key: `?` the site key, `?` the simulated SDK version. */
const MINE = "site_key = ? AND sdk_version = ?";

/** Options of {@link seedDatabase}. */
export interface SeedOptions extends SimulationOptions {
  /**
   * Replace a simulated data set seeded earlier for the same site key (so the data ends today)
   * instead of leaving the database as it is.
   * @default false
   */
  replace?: boolean;
}

/** What {@link seedDatabase} did. */
export interface SeedResult {
  /** Simulated events already in the database for the site key before seeding. */
  existing: number;
  /** True when an earlier data set was kept and nothing was added. */
  skipped: boolean;
  /** Earlier simulated events deleted (with `replace`). */
  replaced: number;
  /** Events simulated. */
  events: number;
  /** Events new to the database. */
  stored: number;
  /** Unhappy answers given an alert and a follow-up history. */
  followUps: number;
}

/**
 * Fills a collector database with the simulated demo data set ({@link simulateJourney}), once
 * per site key: when simulated events are already there, it adds nothing unless `replace` is set.
 * Every event passes the collector's own validation and goes through the store's own writer, as
 * ingest does, so seeded rows are exactly what the SDK would have stored, on SQLite or
 * PostgreSQL. Real events are never touched.
 */
export async function seedStore(store: EventStore, options: SeedOptions = {}): Promise<SeedResult> {
  await store.ready;
  return seedInto(store.write, storeSql(store), options);
}

/** {@link seedStore} on an open SQLite collector database. */
export function seedDatabase(
  db: CollectorDatabase,
  options: SeedOptions = {},
): Promise<SeedResult> {
  return seedInto(createEventWriter(db), sqliteSql(db), options);
}

/** Deletes the site's simulated events, their alerts and follow-ups; recounts its roll-ups. */
async function deleteSimulated(sql: StoreSql, siteKey: string): Promise<number> {
  const params = [siteKey, SIMULATED_SDK_VERSION];
  return sql.transaction(async (tx) => {
    await deleteSimulatedFollowUps(tx, MINE, params);
    // PostgreSQL claims each event id in event_ids (events is partitioned): free them too.
    if (tx.engine === "postgres") {
      await tx.run(
        `DELETE FROM event_ids WHERE id IN (SELECT id FROM events WHERE ${MINE})`,
        params,
      );
    }
    const deleted = await tx.run(`DELETE FROM events WHERE ${MINE}`, params);
    await rebuildSiteRollups(tx, siteKey);
    return deleted;
  });
}

async function seedInto(
  write: EventStore["write"],
  sql: StoreSql,
  options: SeedOptions,
): Promise<SeedResult> {
  const siteKey = options.siteKey ?? "demo-shop";
  const [counted] = await sql.all(`SELECT COUNT(*) AS n FROM events WHERE ${MINE}`, [
    siteKey,
    SIMULATED_SDK_VERSION,
  ]);
  const existing = Number(counted?.n ?? 0);
  if (existing > 0 && !options.replace) {
    return { existing, skipped: true, replaced: 0, events: 0, stored: 0, followUps: 0 };
  }
  // A stream of its own, so the journey's figures do not change with the follow-up story.
  const random = seededRandom((options.seed ?? 1) + 0x9e3779b9);
  const simulated = simulateJourney({ ...options, siteKey });
  simulateConsent(simulated, random);
  const events = simulated.map((event): ValidEvent => {
    const checked = validateEvent(event);
    if (!checked.ok) {
      throw new Error(`simulated event is invalid: ${checked.field}: ${checked.problem}`);
    }
    return checked.event;
  });
  const replaced = existing > 0 ? await deleteSimulated(sql, siteKey) : 0;
  const receivedAt = new Date(options.now ?? Date.now()).toISOString();
  let stored = 0;
  for (let i = 0; i < events.length; i += SEED_CHUNK) {
    stored += await write(events.slice(i, i + SEED_CHUNK), receivedAt);
  }
  const followUps = await seedFollowUps(sql, events, random, options.now ?? Date.now());
  return { existing, skipped: false, replaced, events: events.length, stored, followUps };
}
