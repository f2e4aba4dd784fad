import type { AccessStore, Role, TokenRecord } from "./access-store";

/** What the store needs of a `pg.Pool` (kept structural, so this file needs no `pg` import). */
export interface Queryable {
  query(
    text: string,
    params?: readonly unknown[],
  ): Promise<{ rows: Record<string, unknown>[]; rowCount: number | null }>;
}

/** The access tables on PostgreSQL: append as one entry of the PostgreSQL migrations. */
export const PG_ACCESS_MIGRATION = `CREATE TABLE access_tokens (
    id text PRIMARY KEY,
    name text NOT NULL,
    site text,
    role text NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
    hash text NOT NULL,
    created_at text NOT NULL,
    revoked_at text
  );
  CREATE TABLE access_sessions (
    id_hash text PRIMARY KEY,
    token_id text NOT NULL REFERENCES access_tokens (id),
    expires_at text COLLATE "C" NOT NULL
  );
  CREATE INDEX access_sessions_token ON access_sessions (token_id);
  CREATE INDEX access_sessions_expiry ON access_sessions (expires_at);`;

function toRecord(row: Record<string, unknown>): TokenRecord {
  return {
    id: row.id as string,
    name: row.name as string,
    site: (row.site as string | null) ?? null,
    role: row.role as Role,
    hash: row.hash as string,
    createdAt: row.created_at as string,
    revokedAt: (row.revoked_at as string | null) ?? null,
  };
}

/**
 * The access store on PostgreSQL, for collectors that share one database: a session opened on
 * one collector is honoured by every other, and a revoked token stops on all of them at once.
 */
export function postgresAccessStore(db: Queryable): AccessStore {
  return {
    addToken: async (token) => {
      await db.query(
        `INSERT INTO access_tokens (id, name, site, role, hash, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [token.id, token.name, token.site, token.role, token.hash, token.createdAt],
      );
    },
    listTokens: async () =>
      (await db.query("SELECT * FROM access_tokens ORDER BY created_at, id")).rows.map(toRecord),
    findToken: async (id) => {
      const [row] = (await db.query("SELECT * FROM access_tokens WHERE id = $1", [id])).rows;
      return row && toRecord(row);
    },
    revokeToken: async (id, at) => {
      // One statement, so the revocation and the end of its sessions commit together.
      const result = await db.query(
        `WITH revoked AS (
           UPDATE access_tokens SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1
           RETURNING id
         ), ended AS (
           DELETE FROM access_sessions WHERE token_id IN (SELECT id FROM revoked)
         )
         SELECT id FROM revoked`,
        [id, at],
      );
      return (result.rowCount ?? 0) > 0;
    },
    addSession: async (idHash, session, now) => {
      await db.query(
        `WITH pruned AS (DELETE FROM access_sessions WHERE expires_at <= $4)
         INSERT INTO access_sessions (id_hash, token_id, expires_at) VALUES ($1, $2, $3)`,
        [idHash, session.tokenId, session.expiresAt, now],
      );
    },
    findSession: async (idHash, now) => {
      const [row] = (
        await db.query(
          `SELECT s.expires_at, t.* FROM access_sessions s
           JOIN access_tokens t ON t.id = s.token_id
           WHERE s.id_hash = $1 AND s.expires_at > $2 AND t.revoked_at IS NULL`,
          [idHash, now],
        )
      ).rows;
      if (!row) return undefined;
      return {
        session: { tokenId: row.id as string, expiresAt: row.expires_at as string },
        token: toRecord(row),
      };
    },
    removeSession: async (idHash) => {
      await db.query("DELETE FROM access_sessions WHERE id_hash = $1", [idHash]);
    },
  };
}
