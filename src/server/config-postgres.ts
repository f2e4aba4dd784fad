import type { Queryable } from "./access-postgres";
import type { ConfigStore, ConfigVersion, ConfigVersionSummary } from "./config-store";

/**
 * The studio's config versions on PostgreSQL: append as one entry of the PostgreSQL migrations.
 * The primary key (site, version) is what lets any number of collectors publish safely: of two
 * publishes from the same base, one inserts version base + 1 and the other finds it taken.
 * The config is kept as the JSON text published (not `jsonb`, which would reorder its keys).
 */
export const PG_CONFIG_MIGRATION = `CREATE TABLE config_versions (
    site_key text COLLATE "C" NOT NULL,
    version integer NOT NULL CHECK (version >= 1),
    published_at text NOT NULL,
    author text NOT NULL,
    message text NOT NULL,
    config text NOT NULL,
    PRIMARY KEY (site_key, version)
  );`;

const SUMMARY_COLUMNS = "site_key, version, published_at, author, message";

function toSummary(row: Record<string, unknown>): ConfigVersionSummary {
  return {
    siteKey: row.site_key as string,
    version: Number(row.version),
    publishedAt: row.published_at as string,
    author: row.author as string,
    message: row.message as string,
  };
}

function toVersion(row: Record<string, unknown>): ConfigVersion {
  return { ...toSummary(row), config: JSON.parse(row.config as string) };
}

/**
 * The config store on PostgreSQL, for collectors that share one database. Stateless: a publish
 * is one statement that inserts the next version only if its base is still the latest.
 */
export function postgresConfigStore(db: Queryable): ConfigStore {
  const latest = async (siteKey: string) => {
    const { rows } = await db.query(
      "SELECT * FROM config_versions WHERE site_key = $1 ORDER BY version DESC LIMIT 1",
      [siteKey],
    );
    return rows[0] && toVersion(rows[0]);
  };
  return {
    latest,
    get: async (siteKey, version) => {
      const { rows } = await db.query(
        "SELECT * FROM config_versions WHERE site_key = $1 AND version = $2",
        [siteKey, version],
      );
      return rows[0] && toVersion(rows[0]);
    },
    history: async (siteKey, limit) =>
      (
        await db.query(
          `SELECT ${SUMMARY_COLUMNS} FROM config_versions WHERE site_key = $1
           ORDER BY version DESC LIMIT $2`,
          [siteKey, limit],
        )
      ).rows.map(toSummary),
    sites: async () =>
      (
        await db.query(
          `SELECT DISTINCT ON (site_key) site_key, version, published_at FROM config_versions
           ORDER BY site_key, version DESC`,
        )
      ).rows.map((row) => ({
        siteKey: row.site_key as string,
        version: Number(row.version),
        publishedAt: row.published_at as string,
      })),
    publish: async (r) => {
      // A concurrent publish from the same base also inserts version base + 1: the primary key
      // makes this one wait for it, then do nothing, so it is refused rather than lost.
      const { rows } = await db.query(
        `INSERT INTO config_versions (site_key, version, published_at, author, message, config)
         SELECT $1, $2::integer + 1, $3, $4, $5, $6
         WHERE (SELECT COALESCE(MAX(version), 0) FROM config_versions WHERE site_key = $1) = $2
         ON CONFLICT (site_key, version) DO NOTHING
         RETURNING ${SUMMARY_COLUMNS}`,
        [r.siteKey, r.base, r.publishedAt, r.author, r.message, JSON.stringify(r.config)],
      );
      if (rows[0]) return { ok: true, version: { ...toSummary(rows[0]), config: r.config } };
      return { ok: false, latest: await latest(r.siteKey) };
    },
    restore: async (v) => {
      const { rowCount } = await db.query(
        `INSERT INTO config_versions (site_key, version, published_at, author, message, config)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (site_key, version) DO NOTHING`,
        [v.siteKey, v.version, v.publishedAt, v.author, v.message, JSON.stringify(v.config)],
      );
      return (rowCount ?? 0) > 0;
    },
  };
}
