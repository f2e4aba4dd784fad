import type { CollectorDatabase } from "./db";

/** What a token lets its holder do; see {@link ROLE_RIGHTS} in `access.ts`. */
export type Role = "viewer" | "editor" | "admin";

/** A stored access token, without its secret (only a hash of it is kept). */
export interface TokenRecord {
  /** Public id, shown by `token list` and used by `token revoke`. */
  id: string;
  name: string;
  /** The one site it grants rights on, or null for every site. */
  site: string | null;
  role: Role;
  /** SHA-256 of the secret part, hex. */
  hash: string;
  createdAt: string;
  revokedAt: string | null;
}

/** A dashboard session: who signed in with which token, until when. */
export interface SessionRecord {
  tokenId: string;
  expiresAt: string;
}

/**
 * Where tokens and sessions live. Promise-returning so that a PostgreSQL implementation can sit
 * beside the SQLite one; collectors keep no session in memory, so any number can share a store.
 */
export interface AccessStore {
  addToken(token: TokenRecord): Promise<void>;
  /** Every token, revoked ones included, oldest first. */
  listTokens(): Promise<TokenRecord[]>;
  findToken(id: string): Promise<TokenRecord | undefined>;
  /** Marks a token revoked and ends its sessions; resolves to false when no such token exists. */
  revokeToken(id: string, at: string): Promise<boolean>;
  /** Stores a session under the SHA-256 of its id, and forgets sessions that expired. */
  addSession(idHash: string, session: SessionRecord, now: string): Promise<void>;
  /** The unexpired session of a live token, with that token. */
  findSession(
    idHash: string,
    now: string,
  ): Promise<{ session: SessionRecord; token: TokenRecord } | undefined>;
  removeSession(idHash: string): Promise<void>;
}

interface TokenRow {
  id: string;
  name: string;
  site: string | null;
  role: Role;
  hash: string;
  created_at: string;
  revoked_at: string | null;
}

function toRecord(row: TokenRow): TokenRecord {
  return {
    id: row.id,
    name: row.name,
    site: row.site,
    role: row.role,
    hash: row.hash,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}

/** The store on the collector's SQLite database (tables from migration 2 in `db.ts`). */
export function sqliteAccessStore(db: CollectorDatabase): AccessStore {
  const insertToken = db.prepare(
    `INSERT INTO access_tokens (id, name, site, role, hash, created_at)
     VALUES (@id, @name, @site, @role, @hash, @createdAt)`,
  );
  const allTokens = db.prepare("SELECT * FROM access_tokens ORDER BY created_at, id");
  const oneToken = db.prepare("SELECT * FROM access_tokens WHERE id = ?");
  const revoke = db.prepare(
    "UPDATE access_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
  );
  const endSessionsOf = db.prepare("DELETE FROM access_sessions WHERE token_id = ?");
  const insertSession = db.prepare(
    "INSERT INTO access_sessions (id_hash, token_id, expires_at) VALUES (?, ?, ?)",
  );
  const pruneSessions = db.prepare("DELETE FROM access_sessions WHERE expires_at <= ?");
  const oneSession = db.prepare(
    `SELECT s.expires_at, t.* FROM access_sessions s
     JOIN access_tokens t ON t.id = s.token_id
     WHERE s.id_hash = ? AND s.expires_at > ? AND t.revoked_at IS NULL`,
  );
  const deleteSession = db.prepare("DELETE FROM access_sessions WHERE id_hash = ?");
  const revokeAndEnd = db.transaction((id: string, at: string) => {
    const exists = oneToken.get(id) !== undefined;
    revoke.run(at, id);
    endSessionsOf.run(id);
    return exists;
  });
  const addSession = db.transaction((idHash: string, session: SessionRecord, now: string) => {
    pruneSessions.run(now);
    insertSession.run(idHash, session.tokenId, session.expiresAt);
  });

  return {
    addToken: async (token) => {
      insertToken.run(token);
    },
    listTokens: async () => (allTokens.all() as TokenRow[]).map(toRecord),
    findToken: async (id) => {
      const row = oneToken.get(id) as TokenRow | undefined;
      return row && toRecord(row);
    },
    revokeToken: async (id, at) => revokeAndEnd(id, at),
    addSession: async (idHash, session, now) => addSession(idHash, session, now),
    findSession: async (idHash, now) => {
      const row = oneSession.get(idHash, now) as (TokenRow & { expires_at: string }) | undefined;
      if (!row) return undefined;
      return {
        session: { tokenId: row.id, expiresAt: row.expires_at },
        token: toRecord(row),
      };
    },
    removeSession: async (idHash) => {
      deleteSession.run(idHash);
    },
  };
}
