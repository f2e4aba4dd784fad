import type { IncomingMessage } from "node:http";
import type { AccessStore, Role, TokenRecord } from "./access-store";
import { HttpError } from "./http";
import { RateLimiter } from "./rate-limit";
import { randomSecret, sameHash, sha256, verifyToken } from "./tokens";

/**
 * What a request may do on a site:
 * - `read`: results, comments, exports (viewer, editor, admin)
 * - `edit`: publish the site's config (editor, admin)
 * - `follow-up`: change follow-up status and notes (editor, admin)
 * - `admin`: manage tokens (admin)
 */
export type Right = "read" | "edit" | "follow-up" | "admin";

/** Who is asking, once authorized. */
export interface Principal {
  /** The token's name (or the session's), shown as "who" on changes. */
  name: string;
  role: "viewer" | "editor" | "admin";
  /**
   * The one site this principal has rights on; absent for every site. A route asked for every
   * site (`site` undefined) must narrow its answer to this one.
   */
  site?: string;
}

/** The collector's access control. */
export interface Access {
  /**
   * Resolves to who is asking when the request holds `right` on `site` (`undefined`: every site
   * the request may see); otherwise throws an `HttpError` 401 or 403. For writes from a dashboard
   * session it also checks the CSRF token.
   */
  authorize(req: IncomingMessage, site: string | undefined, right: Right): Promise<Principal>;
}

/** Placeholder for tests of other parts: everyone may do everything. */
export function openAccess(): Access {
  return { authorize: async () => ({ name: "anonymous", role: "admin" }) };
}

/** The rights of each role. */
export const ROLE_RIGHTS: Readonly<Record<Role, readonly Right[]>> = {
  viewer: ["read"],
  editor: ["read", "edit", "follow-up"],
  admin: ["read", "edit", "follow-up", "admin"],
};

/** Name of the dashboard's session cookie. */
export const SESSION_COOKIE = "tp_session";
/** Header a cookie session must send with every write. */
export const CSRF_HEADER = "x-csrf-token";
/** A dashboard session lasts this long from sign-in, then the token must be entered again. */
export const SESSION_HOURS = 12;
/** Failed sign-ins allowed at once per client address, then one more per {@link FAILURE_REFILL_SECONDS}. */
const FAILURE_BURST = 10;
const FAILURE_REFILL_SECONDS = 6;
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const UNKNOWN_TOKEN = "token not recognised: revoked, mistyped or for another collector";

/** Options of {@link createAccess}. */
export interface AccessOptions {
  store: AccessStore;
  /** Reading every site's results needs no credential (`--public-read`). */
  publicRead: boolean;
  /** Take the client address from `X-Forwarded-For` on requests from loopback (`--trust-proxy`). */
  trustProxy: boolean;
  now: () => number;
}

/** A signed-in dashboard session, as `POST /v1/session` and `GET /v1/session` describe it. */
export interface SessionInfo {
  name: string;
  role: Role;
  site: string | null;
  /** Send as `X-CSRF-Token` with every write. */
  csrfToken: string;
  expiresAt: string;
}

/** Token and session access control, plus what the session routes need. */
export interface TokenAccess extends Access {
  /** Checks `token` and opens a session; resolves to its cookie value and description. */
  signIn(req: IncomingMessage, token: string): Promise<{ sessionId: string; info: SessionInfo }>;
  /** The request's cookie session, if it has a live one. */
  session(req: IncomingMessage): Promise<SessionInfo | undefined>;
  /** Ends the request's cookie session (after the CSRF check). */
  signOut(req: IncomingMessage): Promise<void>;
}

function principalOf(token: TokenRecord): Principal {
  return token.site === null
    ? { name: token.name, role: token.role }
    : { name: token.name, role: token.role, site: token.site };
}

/** The value of cookie `name` in the request, if sent. */
export function readCookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const equals = part.indexOf("=");
    if (equals > 0 && part.slice(0, equals).trim() === name) return part.slice(equals + 1).trim();
  }
  return undefined;
}

const LOOPBACK_ADDRESSES = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

/** The address failed sign-ins are counted against. */
function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const socket = req.socket.remoteAddress ?? "unknown";
  const forwarded = req.headers["x-forwarded-for"];
  if (!trustProxy || !LOOPBACK_ADDRESSES.has(socket) || typeof forwarded !== "string") {
    return socket;
  }
  // The proxy appends the address it saw; entries before it were written by the client.
  return forwarded.split(",").at(-1)?.trim() || socket;
}

function bearerOf(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (header === undefined) return undefined;
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  if (!match) throw new HttpError(401, 'Authorization: expected "Bearer <token>"', challenge());
  return match[1];
}

function challenge(): Record<string, string> {
  return { "WWW-Authenticate": 'Bearer realm="touchpoint"' };
}

/** The CSRF token of a session: derived from its secret id, so it is never stored. */
function csrfOf(sessionId: string): string {
  return sha256(`csrf:${sessionId}`);
}

/** Token access control: bearer tokens for programs, cookie sessions for the dashboard. */
export function createAccess({ store, publicRead, trustProxy, now }: AccessOptions): TokenAccess {
  const failures = new RateLimiter(
    { requestsPerSecond: 1 / FAILURE_REFILL_SECONDS, burst: FAILURE_BURST },
    now,
  );
  const address = (req: IncomingMessage) => clientAddress(req, trustProxy);
  const guard = (req: IncomingMessage) => {
    const wait = failures.wait(address(req));
    if (wait > 0) {
      throw new HttpError(429, `too many failed sign-ins from this address; retry in ${wait} s`, {
        "Retry-After": String(wait),
      });
    }
  };
  const failed = (req: IncomingMessage): HttpError => {
    failures.take(address(req));
    return new HttpError(401, UNKNOWN_TOKEN, challenge());
  };
  const isoNow = () => new Date(now()).toISOString();

  async function cookieSession(req: IncomingMessage) {
    const sessionId = readCookie(req, SESSION_COOKIE);
    // A browser says where a request comes from; a session only counts from its own pages.
    const site = req.headers["sec-fetch-site"];
    if (!sessionId || (site !== undefined && site !== "same-origin" && site !== "none")) {
      return undefined;
    }
    const found = await store.findSession(sha256(sessionId), isoNow());
    return found && { sessionId, ...found };
  }

  function describe(sessionId: string, token: TokenRecord, expiresAt: string): SessionInfo {
    return {
      name: token.name,
      role: token.role,
      site: token.site,
      csrfToken: csrfOf(sessionId),
      expiresAt,
    };
  }

  function checkCsrf(req: IncomingMessage, sessionId: string): void {
    const sent = req.headers[CSRF_HEADER];
    if (typeof sent !== "string" || !sameHash(sha256(sent), sha256(csrfOf(sessionId)))) {
      throw new HttpError(403, "a write from a dashboard session needs its X-CSRF-Token header");
    }
  }

  async function identify(req: IncomingMessage): Promise<TokenRecord | undefined> {
    const bearer = bearerOf(req);
    if (bearer !== undefined) {
      guard(req);
      const token = await verifyToken(store, bearer);
      if (!token) throw failed(req);
      return token;
    }
    const session = await cookieSession(req);
    if (!session) return undefined;
    if (!SAFE_METHODS.has(req.method ?? "GET")) checkCsrf(req, session.sessionId);
    return session.token;
  }

  return {
    async authorize(req, site, right) {
      const token = await identify(req);
      if (!token) {
        if (right === "read" && publicRead) return { name: "public", role: "viewer" };
        throw new HttpError(
          401,
          "sign in first: send Authorization: Bearer <token>, or sign in to the dashboard",
          challenge(),
        );
      }
      if (!ROLE_RIGHTS[token.role].includes(right)) {
        throw new HttpError(
          403,
          `token "${token.name}" (${token.role}) lacks the "${right}" right`,
        );
      }
      if (token.site !== null && site !== undefined && site !== token.site) {
        throw new HttpError(403, `token "${token.name}" has no rights on site "${site}"`);
      }
      return principalOf(token);
    },

    async signIn(req, presented) {
      guard(req);
      const token = await verifyToken(store, presented);
      if (!token) throw failed(req);
      const sessionId = randomSecret();
      const expiresAt = new Date(now() + SESSION_HOURS * 3_600_000).toISOString();
      await store.addSession(sha256(sessionId), { tokenId: token.id, expiresAt }, isoNow());
      return { sessionId, info: describe(sessionId, token, expiresAt) };
    },

    async session(req) {
      const found = await cookieSession(req);
      return found && describe(found.sessionId, found.token, found.session.expiresAt);
    },

    async signOut(req) {
      const found = await cookieSession(req);
      if (!found) return;
      checkCsrf(req, found.sessionId);
      await store.removeSession(sha256(found.sessionId));
    },
  };
}
