// @vitest-environment node
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { openDatabase, SCHEMA_VERSION } from "../../../src/server/db";
import { tempDir } from "./helpers";

describe("openDatabase", () => {
  it("creates the events table in WAL mode with full sync and records the schema version", () => {
    const path = join(tempDir(), "feedback.db");
    const db = openDatabase(path);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    // 2 = FULL: a commit is on disk before the collector acknowledges it.
    expect(db.pragma("synchronous", { simple: true })).toBe(2);
    expect(db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
    const columns = db
      .prepare("SELECT name, type, \"notnull\" FROM pragma_table_info('events')")
      .all();
    expect(columns.map((c) => (c as { name: string }).name)).toEqual([
      "id",
      "site_key",
      "kind",
      "survey_id",
      "survey_type",
      "touchpoint",
      "variant",
      "forced",
      "holdout",
      "score",
      "comment",
      "created_at",
      "received_at",
      "visitor_id",
      "user_id",
      "session_id",
      "url",
      "locale",
      "sdk_version",
      "consent",
      "contact",
    ]);
    db.close();
  });

  it("reopens an existing database without migrating it again", () => {
    const path = join(tempDir(), "feedback.db");
    const first = openDatabase(path);
    first.exec(`INSERT INTO events (id, site_key, kind, survey_id, survey_type, touchpoint, variant,
      forced, holdout, score, comment, created_at, received_at, visitor_id, user_id, session_id, url,
      locale, sdk_version) VALUES ('abcdefgh', 's', 'impression', 'x', 'nps', 't', 'control',
      0, 0, NULL, NULL, '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z', 'v', NULL, 's',
      'u', 'en', '1')`);
    first.close();
    const second = openDatabase(path);
    expect(second.prepare("SELECT COUNT(*) AS n FROM events").get()).toEqual({ n: 1 });
    second.close();
  });

  it("refuses a database written by a newer collector", () => {
    const path = join(tempDir(), "feedback.db");
    const newer = new Database(path);
    newer.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    newer.close();
    expect(() => openDatabase(path)).toThrow(
      `database schema version ${SCHEMA_VERSION + 1} is newer than this collector supports (${SCHEMA_VERSION})`,
    );
  });
});
