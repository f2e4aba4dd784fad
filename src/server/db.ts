import Database from "better-sqlite3";

/** A better-sqlite3 connection, as exposed on the collector. */
export type CollectorDatabase = Database.Database;

/** Milliseconds a statement waits for a lock held by another process (e.g. `touchpoint report`). */
const BUSY_TIMEOUT_MS = 5000;

/**
 * Each entry moves the schema from version `index` to `index + 1`; `PRAGMA user_version` holds
 * the current version. Append only: a released migration never changes.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE events (
    id TEXT PRIMARY KEY,
    site_key TEXT NOT NULL,
    kind TEXT NOT NULL,
    survey_id TEXT NOT NULL,
    survey_type TEXT NOT NULL,
    touchpoint TEXT NOT NULL,
    variant TEXT NOT NULL,
    forced INTEGER NOT NULL DEFAULT 0,
    holdout INTEGER NOT NULL DEFAULT 0,
    score REAL,
    comment TEXT,
    created_at TEXT NOT NULL,
    received_at TEXT NOT NULL,
    visitor_id TEXT NOT NULL,
    user_id TEXT,
    session_id TEXT NOT NULL,
    url TEXT NOT NULL,
    locale TEXT NOT NULL,
    sdk_version TEXT NOT NULL
  );
  CREATE INDEX events_site_created ON events (site_key, created_at);
  CREATE INDEX events_survey_created ON events (survey_id, created_at);`,
  // Follow up fast (issue 14): consent and contact on answers, the alert outbox written in the
  // answer's transaction, and the follow-up status of each alerted answer.
  `ALTER TABLE events ADD COLUMN consent INTEGER;
  ALTER TABLE events ADD COLUMN contact TEXT;
  CREATE TABLE alert_outbox (
    id TEXT PRIMARY KEY,
    root_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    site_key TEXT NOT NULL,
    rule TEXT NOT NULL,
    destination TEXT NOT NULL,
    type TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending',
    attempts INTEGER NOT NULL DEFAULT 0,
    queued_at TEXT NOT NULL,
    due_at INTEGER NOT NULL,
    last_error TEXT,
    last_attempt_at TEXT,
    delivered_at TEXT
  );
  CREATE INDEX alert_outbox_due ON alert_outbox (status, due_at);
  CREATE INDEX alert_outbox_event ON alert_outbox (event_id);
  CREATE TABLE followups (
    event_id TEXT PRIMARY KEY,
    site_key TEXT NOT NULL,
    status TEXT NOT NULL,
    note TEXT,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    first_changed_at TEXT NOT NULL
  );
  CREATE TABLE followup_changes (
    event_id TEXT NOT NULL,
    status TEXT NOT NULL,
    note TEXT,
    changed_by TEXT NOT NULL,
    changed_at TEXT NOT NULL
  );
  CREATE INDEX followup_changes_event ON followup_changes (event_id, changed_at);`,
  // Published configs: every version kept whole, so history, diffs and rollbacks need nothing else.
  `CREATE TABLE config_versions (
    site_key TEXT NOT NULL,
    version INTEGER NOT NULL,
    published_at TEXT NOT NULL,
    author TEXT NOT NULL,
    message TEXT NOT NULL,
    config TEXT NOT NULL,
    PRIMARY KEY (site_key, version)
  );`,
  // Roll-ups kept in the insert transaction (see storage/rollup.ts), and an index that serves the
  // comments list in its order. `touchpoint_meta.rollups = 'stale'` asks the store to rebuild
  // the roll-ups from the events already stored.
  `CREATE TABLE arms (
    arm_id INTEGER PRIMARY KEY,
    site_key TEXT NOT NULL,
    survey_id TEXT NOT NULL,
    survey_type TEXT NOT NULL,
    touchpoint TEXT NOT NULL,
    variant TEXT NOT NULL,
    holdout INTEGER NOT NULL,
    UNIQUE (site_key, survey_id, survey_type, touchpoint, variant, holdout)
  );
  CREATE TABLE arm_visitors (
    arm_id INTEGER NOT NULL,
    visitor_id TEXT NOT NULL,
    shown_day TEXT,
    answered INTEGER NOT NULL DEFAULT 0,
    dismissed INTEGER NOT NULL DEFAULT 0,
    latest_at TEXT,
    latest_score REAL,
    PRIMARY KEY (arm_id, visitor_id)
  ) WITHOUT ROWID;
  CREATE TABLE arm_days (
    arm_id INTEGER NOT NULL,
    day TEXT NOT NULL,
    shard INTEGER NOT NULL,
    shown INTEGER NOT NULL DEFAULT 0,
    responders_shown INTEGER NOT NULL DEFAULT 0,
    dismissers_shown INTEGER NOT NULL DEFAULT 0,
    promoters_shown INTEGER NOT NULL DEFAULT 0,
    detractors_shown INTEGER NOT NULL DEFAULT 0,
    impression_events INTEGER NOT NULL DEFAULT 0,
    answers INTEGER NOT NULL DEFAULT 0,
    dismissals INTEGER NOT NULL DEFAULT 0,
    invalid_scores INTEGER NOT NULL DEFAULT 0,
    forced INTEGER NOT NULL DEFAULT 0,
    s0 INTEGER NOT NULL DEFAULT 0, s1 INTEGER NOT NULL DEFAULT 0, s2 INTEGER NOT NULL DEFAULT 0,
    s3 INTEGER NOT NULL DEFAULT 0, s4 INTEGER NOT NULL DEFAULT 0, s5 INTEGER NOT NULL DEFAULT 0,
    s6 INTEGER NOT NULL DEFAULT 0, s7 INTEGER NOT NULL DEFAULT 0, s8 INTEGER NOT NULL DEFAULT 0,
    s9 INTEGER NOT NULL DEFAULT 0, s10 INTEGER NOT NULL DEFAULT 0,
    last_received TEXT,
    PRIMARY KEY (arm_id, day, shard)
  ) WITHOUT ROWID;
  CREATE INDEX events_comments ON events ((CASE WHEN ((survey_type = 'nps' AND score <= 6) OR (survey_type = 'csat' AND score <= 2) OR (survey_type = 'ces' AND score <= 3)) THEN 0 WHEN ((survey_type = 'nps' AND score >= 9) OR (survey_type = 'csat' AND score >= 4) OR (survey_type = 'ces' AND score >= 5)) THEN 2 ELSE 1 END), created_at DESC, id)
    WHERE kind = 'answer' AND forced = 0 AND comment IS NOT NULL AND comment <> '';
  CREATE TABLE touchpoint_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  INSERT INTO touchpoint_meta (key, value)
    SELECT 'rollups', CASE WHEN EXISTS (SELECT 1 FROM events) THEN 'stale' ELSE 'ready' END;`,
];

/** Schema version this collector writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Brings the schema up to {@link SCHEMA_VERSION}, each step in its own transaction; refuses a
 * database written by a newer collector rather than guessing at its columns.
 */
export function migrate(db: CollectorDatabase): void {
  const current = db.pragma("user_version", { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new Error(
      `database schema version ${current} is newer than this collector supports (${SCHEMA_VERSION})`,
    );
  }
  for (let version = current; version < SCHEMA_VERSION; version++) {
    const step = MIGRATIONS[version] as string;
    db.transaction(() => {
      db.exec(step);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}

/**
 * Opens (or creates) the events database. `synchronous = FULL` makes every commit reach the disk
 * before the collector acknowledges it; with WAL's default NORMAL a power cut could lose events
 * the SDK has already deleted from its outbox.
 */
export function openDatabase(path: string): CollectorDatabase {
  const db = new Database(path);
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = FULL");
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
