import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { type AccessStore, type Role, sqliteAccessStore, type TokenRecord } from "./access-store";
import type { CollectorDatabase } from "./db";
import { openStores, storesOf } from "./storage/stores";
import type { EventStore } from "./storage/types";

/** Roles a token can have, least to most. */
export const ROLES: readonly Role[] = ["viewer", "editor", "admin"];
/** Random bytes in a token's secret: 256 bits, far beyond guessing. */
const SECRET_BYTES = 32;
/** Random bytes in a token's public id. */
const ID_BYTES = 6;
/** Longest token name. */
export const MAX_TOKEN_NAME_LENGTH = 100;
/** `tp_<id>_<secret>`: the id finds the stored hash, the secret is compared with it. */
const TOKEN_PATTERN = /^tp_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

/** SHA-256 of `text`, hex. A 256-bit random secret needs no slow hash: it cannot be guessed. */
export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** Compares two hex hashes in time independent of where they differ. */
export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, "hex");
  const right = Buffer.from(b, "hex");
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}

/** A fresh random string of `bytes` bytes, base64url. */
export function randomSecret(bytes = SECRET_BYTES): string {
  return randomBytes(bytes).toString("base64url");
}

/** Splits a presented token into its id and secret, or undefined when it is not one. */
export function parseToken(token: string): { id: string; secret: string } | undefined {
  const match = TOKEN_PATTERN.exec(token);
  return match ? { id: match[1] as string, secret: match[2] as string } : undefined;
}

/** The live token `presented` names, if its secret matches; undefined otherwise. */
export async function verifyToken(
  store: AccessStore,
  presented: string,
): Promise<TokenRecord | undefined> {
  const parts = parseToken(presented);
  if (!parts) return undefined;
  const record = await store.findToken(parts.id);
  const matches = record !== undefined && sameHash(record.hash, sha256(parts.secret));
  return matches && record.revokedAt === null ? record : undefined;
}

/** What {@link createToken} needs. */
export interface TokenOptions {
  /** The one site the token grants rights on; omit for every site. */
  site?: string | undefined;
  role: Role;
  /** Shown as "who" on changes and in `token list`. @default "<role> token" */
  name?: string | undefined;
  /** @default Date.now */
  now?: () => number;
}

/** A token as created: the secret `token` is shown once and never stored. */
export interface CreatedToken {
  id: string;
  /** Send as `Authorization: Bearer <token>`, or sign in to the dashboard with it. */
  token: string;
  name: string;
  site: string | null;
  role: Role;
}

/** Checks token options; throws a `TypeError` naming the bad one. */
export function checkTokenOptions(options: TokenOptions): void {
  if (!ROLES.includes(options.role)) {
    throw new TypeError(`role: expected one of ${ROLES.join(", ")}, got "${String(options.role)}"`);
  }
  const { name, site } = options;
  if (name !== undefined && (!name.trim() || name.length > MAX_TOKEN_NAME_LENGTH)) {
    throw new TypeError(`name: expected 1 to ${MAX_TOKEN_NAME_LENGTH} characters`);
  }
  if (site !== undefined && (!site || site.length > 128)) {
    throw new TypeError("site: expected a site key of 1 to 128 characters");
  }
}

function accessStoreOf(target: AccessStore | EventStore | CollectorDatabase): AccessStore {
  if ("addToken" in target) return target;
  if ("engine" in target) return storesOf(target).access;
  return sqliteAccessStore(target);
}

/**
 * Creates a token with `role` on `site` (or every site) in `target`: an access store, a
 * collector's event store (`collector.store`, either engine), an open SQLite database, or a
 * database to open (a SQLite file or a `postgres://` URL). Resolves to the token; only its hash
 * is stored.
 *
 * @example const { token } = await createToken(collector.store, { site: "shop", role: "viewer" });
 */
export async function createToken(
  target: AccessStore | EventStore | CollectorDatabase | string,
  options: TokenOptions,
): Promise<CreatedToken> {
  checkTokenOptions(options);
  if (typeof target !== "string") return addToken(accessStoreOf(target), options);
  const opened = await openStores(target);
  try {
    return await addToken(opened.access, options);
  } finally {
    await opened.close();
  }
}

async function addToken(store: AccessStore, options: TokenOptions): Promise<CreatedToken> {
  const id = randomBytes(ID_BYTES).toString("hex");
  const secret = randomSecret();
  const record: TokenRecord = {
    id,
    name: options.name ?? `${options.role} token`,
    site: options.site ?? null,
    role: options.role,
    hash: sha256(secret),
    createdAt: new Date((options.now ?? Date.now)()).toISOString(),
    revokedAt: null,
  };
  await store.addToken(record);
  return {
    id,
    token: `tp_${id}_${secret}`,
    name: record.name,
    site: record.site,
    role: record.role,
  };
}
