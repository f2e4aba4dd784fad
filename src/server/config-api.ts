import type { IncomingMessage, ServerResponse } from "node:http";
import { describeValue } from "../wire/validate";
import type { Access } from "./access";
import { describeChange, diffConfigs } from "./config-diff";
import { etagOf, publish, versionOf, versionParam } from "./config-publish";
import type { ConfigStore } from "./config-store";
import { allowOrigin, answerPreflight, checkOrigin, type OriginPolicy } from "./cors";
import { HttpError, sendJson } from "./http";
import type { ResolvedOptions } from "./options";

/** Where the config routes live: `/v1/config/<siteKey>[/versions[/<n>] | /diff | /rollback]`. */
export const CONFIG_PREFIX = "/v1/config";
/** Browsers and CDNs may reuse a served config this long, then revalidate in the background. */
export const CONFIG_MAX_AGE_SECONDS = 60;
export const CONFIG_STALE_SECONDS = 600;
/** Versions listed by the history route at most. */
export const MAX_HISTORY = 200;
const SITE_KEY = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;

/** What the config routes need from the collector. */
export interface ConfigContext {
  options: ResolvedOptions;
  policy: OriginPolicy;
  access: Access;
  store: ConfigStore;
}

/** `If-None-Match` holds this ETag (or `*`). */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header
    .split(",")
    .map((t) => t.trim().replace(/^W\//, ""))
    .some((t) => t === "*" || t === etag);
}

function siteKeyOf(raw: string, options: ResolvedOptions): string {
  let siteKey: string;
  try {
    siteKey = decodeURIComponent(raw);
  } catch {
    siteKey = raw;
  }
  if (!SITE_KEY.test(siteKey)) {
    throw new HttpError(
      400,
      `site key: expected 1 to 128 letters, digits, "_", ".", ":" or "-", got ${describeValue(siteKey)}`,
    );
  }
  if (options.sites && !options.sites.has(siteKey)) {
    throw new HttpError(404, `unknown site key "${siteKey}"`);
  }
  return siteKey;
}

/** `GET /v1/config/<site>`: public, cacheable, for the SDK's `configUrl`. */
async function serve(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: ConfigContext,
  siteKey: string,
): Promise<void> {
  const origin = checkOrigin(req, res, ctx.policy);
  if (origin !== undefined && !ctx.policy.allowsFor(siteKey, origin)) {
    throw new HttpError(403, `origin ${origin} is not allowed for site key "${siteKey}"`);
  }
  allowOrigin(res, origin);
  const latest = await ctx.store.latest(siteKey);
  if (!latest) throw new HttpError(404, `no config published for site key "${siteKey}"`);
  const etag = etagOf(latest.version);
  res.setHeader("ETag", etag);
  res.setHeader(
    "Cache-Control",
    `public, max-age=${CONFIG_MAX_AGE_SECONDS}, stale-while-revalidate=${CONFIG_STALE_SECONDS}`,
  );
  if (origin !== undefined) res.setHeader("Access-Control-Expose-Headers", "ETag");
  if (matchesEtag(req.headers["if-none-match"], etag)) {
    res.writeHead(304).end();
    return;
  }
  const payload = JSON.stringify(latest.config);
  res.writeHead(200, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(payload),
  });
  res.end(req.method === "HEAD" ? undefined : payload);
}

function allowed(method: string, allow: string): void {
  if (!allow.split(", ").includes(method)) {
    throw new HttpError(405, `method not allowed; use ${allow}`, { Allow: allow });
  }
}

/**
 * Answers every route under `/v1/config`: the public config, publish, history, diff, rollback.
 * Returns false when `path` is not one of them.
 */
export async function handleConfig(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  ctx: ConfigContext,
): Promise<boolean> {
  const path = url.pathname;
  if (path !== CONFIG_PREFIX && !path.startsWith(`${CONFIG_PREFIX}/`)) return false;
  const method = req.method ?? "GET";
  const parts = path.slice(CONFIG_PREFIX.length + 1).split("/");
  const [rawSite, sub, extra] = parts;
  if (path === CONFIG_PREFIX || rawSite === "") {
    allowed(method, "GET, HEAD");
    allowOrigin(res, checkOrigin(req, res, ctx.policy));
    await ctx.access.authorize(req, undefined, "read");
    sendJson(res, 200, { sites: await ctx.store.sites() });
    return true;
  }
  const siteKey = siteKeyOf(rawSite as string, ctx.options);
  if (parts.length === 1) {
    if (method === "OPTIONS") {
      answerPreflight(req, res, ctx.policy, "GET, HEAD");
      return true;
    }
    allowed(method, "GET, HEAD, PUT");
    if (method === "PUT") await publish(req, res, ctx, siteKey, false);
    else await serve(req, res, ctx, siteKey);
    return true;
  }
  if (sub === "rollback" && parts.length === 2) {
    allowed(method, "POST");
    await publish(req, res, ctx, siteKey, true);
    return true;
  }
  if (sub === "versions" && parts.length <= 3) {
    allowed(method, "GET, HEAD");
    allowOrigin(res, checkOrigin(req, res, ctx.policy));
    await ctx.access.authorize(req, siteKey, "read");
    if (extra === undefined) {
      sendJson(res, 200, { siteKey, versions: await ctx.store.history(siteKey, MAX_HISTORY) });
    } else {
      const version = await versionOf(ctx.store, siteKey, versionParam(extra, "version"));
      sendJson(res, 200, version, { ETag: etagOf(version.version) });
    }
    return true;
  }
  if (sub === "diff" && parts.length === 2) {
    allowed(method, "GET, HEAD");
    allowOrigin(res, checkOrigin(req, res, ctx.policy));
    await ctx.access.authorize(req, siteKey, "read");
    const from = versionParam(url.searchParams.get("from"), "from");
    const to = versionParam(url.searchParams.get("to"), "to");
    const [a, b] = await Promise.all([
      versionOf(ctx.store, siteKey, from),
      versionOf(ctx.store, siteKey, to),
    ]);
    const changes = diffConfigs(a.config, b.config);
    sendJson(res, 200, {
      siteKey,
      from,
      to,
      changes: changes.map((c) => ({ ...c, text: describeChange(c) })),
    });
    return true;
  }
  throw new HttpError(404, `no route for ${path}`);
}
