import type { CollectorDatabase } from "../server/db";
import { refreshRollups } from "../server/storage/sqlite";
import { createEventWriter } from "../server/store";
import { type ValidEvent, validateEvent } from "../wire/validate";
import { deleteSimulatedFollowUps, seedFollowUps, simulateConsent } from "./seed-followups";
import { seededRandom } from "./seed-random";
import { SIMULATED_SDK_VERSION, type SimulationOptions, simulateJourney } from "./simulate";

/** Events committed per transaction while seeding. */
const SEED_CHUNK = 5000;

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
 * Every event passes the collector's own validation and goes through the same writer as ingest,
 * so seeded rows are exactly what the SDK would have stored. Real events are never touched.
 */
export async function seedDatabase(
  db: CollectorDatabase,
  options: SeedOptions = {},
): Promise<SeedResult> {
  const siteKey = options.siteKey ?? "demo-shop";
  const mine = "site_key = @siteKey AND sdk_version = @sdkVersion";
  const params = { siteKey, sdkVersion: SIMULATED_SDK_VERSION };
  const { n: existing } = db
    .prepare(`SELECT COUNT(*) AS n FROM events WHERE ${mine}`)
    .get(params) as { n: number };
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
  if (existing > 0) deleteSimulatedFollowUps(db, mine, params);
  const replaced =
    existing > 0 ? db.prepare(`DELETE FROM events WHERE ${mine}`).run(params).changes : 0;
  if (replaced > 0) {
    // The roll-ups still count the deleted events: rebuild them from what is left.
    db.prepare("UPDATE touchpoint_meta SET value = 'stale' WHERE key = 'rollups'").run();
    refreshRollups(db);
  }
  const write = createEventWriter(db);
  const receivedAt = new Date(options.now ?? Date.now()).toISOString();
  let stored = 0;
  for (let i = 0; i < events.length; i += SEED_CHUNK) {
    stored += await write(events.slice(i, i + SEED_CHUNK), receivedAt);
  }
  const followUps = seedFollowUps(db, events, random, options.now ?? Date.now());
  return { existing, skipped: false, replaced, events: events.length, stored, followUps };
}
