import type { IncomingMessage, ServerResponse } from "node:http";
import { HttpError } from "./http";
import { ANY_ORIGIN } from "./options";

/** Request headers the SDK may send cross-origin. */
const ALLOWED_HEADERS = "content-type, x-touchpoint-site-key";
/** Seconds a browser may cache a preflight answer (Chromium caps this at 7,200). */
const PREFLIGHT_MAX_AGE_SECONDS = 7200;

/** Which origins may call the collector, per site key or for all of them. */
export class OriginPolicy {
  private readonly everyOrigin: ReadonlySet<string>;

  constructor(
    private readonly sites: ReadonlyMap<string, ReadonlySet<string>> | undefined,
    private readonly allowOrigins: ReadonlySet<string>,
  ) {
    this.everyOrigin = sites
      ? new Set([...sites.values()].flatMap((origins) => [...origins]))
      : allowOrigins;
  }

  /** True when some site allows `origin`: enough for a preflight and the read API. */
  allowsAny(origin: string): boolean {
    return this.everyOrigin.has(ANY_ORIGIN) || this.everyOrigin.has(origin);
  }

  /** True when `origin` may send events for `siteKey`. */
  allowsFor(siteKey: string, origin: string): boolean {
    const origins = this.sites ? this.sites.get(siteKey) : this.allowOrigins;
    return origins !== undefined && (origins.has(ANY_ORIGIN) || origins.has(origin));
  }
}

/**
 * The request's `Origin`, or undefined for same-origin and non-browser requests. Only call it
 * once the Host header was checked against the hosts this collector answers ({@link HostPolicy}):
 * then an origin naming that host is this collector's own.
 */
export function crossOrigin(req: IncomingMessage): string | undefined {
  const origin = req.headers.origin;
  if (origin === undefined) return undefined;
  const host = (req.headers.host ?? "").toLowerCase();
  const own = origin === `http://${host}` || origin === `https://${host}`;
  return own ? undefined : origin;
}

/** Lets the browser hand the response to the page at `origin` (no credentials, ever). */
export function allowOrigin(res: ServerResponse, origin: string | undefined): void {
  if (origin !== undefined) res.setHeader("Access-Control-Allow-Origin", origin);
}

/**
 * Refuses a cross-origin request no site allows, before any body is read; returns the origin
 * to echo, if any.
 */
export function checkOrigin(
  req: IncomingMessage,
  res: ServerResponse,
  policy: OriginPolicy,
): string | undefined {
  res.setHeader("Vary", "Origin");
  const origin = crossOrigin(req);
  if (origin !== undefined && !policy.allowsAny(origin)) {
    throw new HttpError(403, `origin ${origin} is not allowed to call this collector`);
  }
  return origin;
}

/** Answers a CORS preflight for a route that accepts `methods`. */
export function answerPreflight(
  req: IncomingMessage,
  res: ServerResponse,
  policy: OriginPolicy,
  methods: string,
): void {
  const origin = checkOrigin(req, res, policy);
  allowOrigin(res, origin);
  res.setHeader("Access-Control-Allow-Methods", methods);
  res.setHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS);
  res.setHeader("Access-Control-Max-Age", String(PREFLIGHT_MAX_AGE_SECONDS));
  res.statusCode = 204;
  res.end();
}
