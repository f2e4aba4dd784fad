import type { CollectorDatabase } from "./db";

/** One published version of a site's config. */
export interface ConfigVersion {
  siteKey: string;
  /** 1 for the first publish, then one more per publish or rollback. */
  version: number;
  /** UTC ISO 8601. */
  publishedAt: string;
  /** Who published it (the principal's name). */
  author: string;
  message: string;
  /** The whole config, as published. */
  config: unknown;
}

/** A version without its config, for history lists. */
export type ConfigVersionSummary = Omit<ConfigVersion, "config">;

/** What to publish; `base` is the version it was edited from (0: none yet). */
export interface PublishRequest {
  siteKey: string;
  base: number;
  author: string;
  message: string;
  config: unknown;
  publishedAt: string;
}

/** The publish outcome: the new version, or the latest one when `base` is stale. */
export type PublishResult =
  | { ok: true; version: ConfigVersion }
  | { ok: false; latest: ConfigVersion | undefined };

/**
 * Published configs, versioned per site. Async so another database (PostgreSQL) can sit behind
 * the same interface.
 */
export interface ConfigStore {
  latest(siteKey: string): Promise<ConfigVersion | undefined>;
  get(siteKey: string, version: number): Promise<ConfigVersion | undefined>;
  /** Newest first, at most `limit`. */
  history(siteKey: string, limit: number): Promise<ConfigVersionSummary[]>;
  /** Sites with a published config and their latest version. */
  sites(): Promise<Array<{ siteKey: string; version: number; publishedAt: string }>>;
  /** Writes version `base + 1` only if `base` is still the latest (compare and set). */
  publish(request: PublishRequest): Promise<PublishResult>;
  /**
   * Stores a version as it was (copied from another database) unless the site already has that
   * version number; resolves to whether it was stored.
   */
  restore(version: ConfigVersion): Promise<boolean>;
}

interface Row {
  site_key: string;
  version: number;
  published_at: string;
  author: string;
  message: string;
  config?: string;
}

function fromRow(row: Row): ConfigVersion;
function fromRow(row: Row, withConfig: false): ConfigVersionSummary;
function fromRow(row: Row, withConfig = true): ConfigVersion | ConfigVersionSummary {
  const summary = {
    siteKey: row.site_key,
    version: row.version,
    publishedAt: row.published_at,
    author: row.author,
    message: row.message,
  };
  return withConfig ? { ...summary, config: JSON.parse(row.config ?? "null") } : summary;
}

/** The SQLite implementation, in the collector's database (table `config_versions`). */
export function sqliteConfigStore(db: CollectorDatabase): ConfigStore {
  const latest = db.prepare<[string], Row>(
    "SELECT * FROM config_versions WHERE site_key = ? ORDER BY version DESC LIMIT 1",
  );
  const one = db.prepare<[string, number], Row>(
    "SELECT * FROM config_versions WHERE site_key = ? AND version = ?",
  );
  const history = db.prepare<[string, number], Row>(
    `SELECT site_key, version, published_at, author, message FROM config_versions
     WHERE site_key = ? ORDER BY version DESC LIMIT ?`,
  );
  const sites = db.prepare<[], { siteKey: string; version: number; publishedAt: string }>(
    `SELECT site_key AS siteKey, version, published_at AS publishedAt FROM config_versions v
     WHERE version = (SELECT MAX(version) FROM config_versions WHERE site_key = v.site_key)
     ORDER BY site_key`,
  );
  const insert = db.prepare(
    `INSERT INTO config_versions (site_key, version, published_at, author, message, config)
     VALUES (@siteKey, @version, @publishedAt, @author, @message, @config)`,
  );
  const restore = db.prepare(
    `INSERT OR IGNORE INTO config_versions (site_key, version, published_at, author, message, config)
     VALUES (@siteKey, @version, @publishedAt, @author, @message, @config)`,
  );
  // One transaction: the check of the latest version and the insert cannot interleave with
  // another publish (the primary key refuses a second version N as well). It is run IMMEDIATE,
  // so a collector in another process waits for the write lock instead of failing its upgrade.
  const publish = db.transaction((r: PublishRequest): PublishResult => {
    const current = latest.get(r.siteKey);
    const currentVersion = current?.version ?? 0;
    if (currentVersion !== r.base) return { ok: false, latest: current && fromRow(current) };
    const version = { ...r, version: currentVersion + 1 };
    insert.run({ ...version, config: JSON.stringify(r.config) });
    const { base: _base, ...published } = version;
    return { ok: true, version: published };
  });
  return {
    latest: async (siteKey) => {
      const row = latest.get(siteKey);
      return row && fromRow(row);
    },
    get: async (siteKey, version) => {
      const row = one.get(siteKey, version);
      return row && fromRow(row);
    },
    history: async (siteKey, limit) => history.all(siteKey, limit).map((r) => fromRow(r, false)),
    sites: async () => sites.all(),
    publish: async (request) => publish.immediate(request),
    restore: async (version) =>
      restore.run({ ...version, config: JSON.stringify(version.config) }).changes > 0,
  };
}
