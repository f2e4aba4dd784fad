import type { IncomingMessage, ServerResponse } from "node:http";
import { publishProblems } from "../config/publish";
import type { Access } from "./access";
import { describeChange, diffConfigs } from "./config-diff";
import type { ConfigStore, ConfigVersion } from "./config-store";
import { allowOrigin, answerPreflight, checkOrigin, type OriginPolicy } from "./cors";
import { HttpError, sendJson } from "./http";
import { findJsonSyntaxError } from "./json-error";
import type { ResolvedOptions } from "./options";
import { readBody } from "./read-body";
import { describeValue } from "./validate";

/** Where the config routes live: `/v1/config/<siteKey>[/versions[/<n>] | /diff | /rollback]`. */
export const CONFIG_PREFIX = "/v1/config";
/** Browsers and CDNs may reuse a served config this long, then revalidate in the background. */
export const CONFIG_MAX_AGE_SECONDS = 60;
export const CONFIG_STALE_SECONDS = 600;
/** Versions listed by the history route at most. */
export const MAX_HISTORY = 200;
/** Longest publish message kept. */
export const MAX_MESSAGE_LENGTH = 500;
const SITE_KEY = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;

/** What the config routes need from the collector. */
export interface ConfigContext {
  options: ResolvedOptions;
  policy: OriginPolicy;
  access: Access;
  store: ConfigStore;
}

const etagOf = (version: number) => `"v${version}"`;

/** `https://a.example:8443` -> `a.example:8443`; compared with `Host`, so TLS at a proxy is fine. */
function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

const summaryOf = ({ config: _config, ...summary }: ConfigVersion) => summary;

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

function versionParam(raw: string | null | undefined, name: string): number {
  const n = raw !== null && raw !== undefined && /^\d{1,9}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(n >= 1))
    throw new HttpError(
      400,
      `${name}: expected a version number, got ${describeValue(raw ?? undefined)}`,
    );
  return n;
}

async function versionOf(
  store: ConfigStore,
  siteKey: string,
  version: number,
): Promise<ConfigVersion> {
  const found = await store.get(siteKey, version);
  if (!found) throw new HttpError(404, `site key "${siteKey}" has no version ${version}`);
  return found;
}

/** Parses a JSON body, naming the line and column of a syntax error. */
function parseJson(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const error = findJsonSyntaxError(text);
    throw new HttpError(
      400,
      error
        ? `malformed JSON at line ${error.line}, column ${error.column}: ${error.reason}`
        : "malformed JSON",
    );
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new HttpError(400, `body: expected a JSON object, got ${describeValue(value)}`);
  }
  return value as Record<string, unknown>;
}

/**
 * The version a write was edited from: `If-Match: "v3"` or `baseVersion: 3` in the body (0 or
 * missing for a site's first publish). `header` says which, for the status of a conflict.
 */
function baseOf(
  req: IncomingMessage,
  body: Record<string, unknown>,
): { base: number | undefined; header: boolean } {
  const ifMatch = req.headers["if-match"];
  if (typeof ifMatch === "string" && ifMatch) {
    const m = /^(?:W\/)?"v(\d{1,9})"$/.exec(ifMatch.trim());
    if (!m)
      throw new HttpError(
        400,
        `If-Match: expected a version ETag like "v3", got ${describeValue(ifMatch)}`,
      );
    return { base: Number(m[1]), header: true };
  }
  const field = body.baseVersion;
  if (field === undefined) return { base: undefined, header: false };
  if (!Number.isSafeInteger(field) || (field as number) < 0) {
    throw new HttpError(
      400,
      `baseVersion: expected the version number the config was edited from (0 for none), got ${describeValue(field)}`,
    );
  }
  return { base: field as number, header: false };
}

function messageOf(body: Record<string, unknown>, fallback: string): string {
  const message = body.message ?? fallback;
  if (typeof message !== "string" || message.length > MAX_MESSAGE_LENGTH) {
    throw new HttpError(
      400,
      `message: expected text of at most ${MAX_MESSAGE_LENGTH} characters, got ${describeValue(message)}`,
    );
  }
  return message.trim() || fallback;
}

/** Refuses a stale base with what changed since it. */
async function conflict(
  res: ServerResponse,
  ctx: ConfigContext,
  siteKey: string,
  base: number,
  latest: ConfigVersion | undefined,
  header: boolean,
): Promise<void> {
  const status = header ? 412 : 409;
  const latestVersion = latest?.version ?? 0;
  const before = base > 0 ? await ctx.store.get(siteKey, base) : undefined;
  const changes = latest ? diffConfigs(before?.config ?? {}, latest.config) : [];
  const by = latest
    ? `; version ${latest.version} was published by ${latest.author} at ${latest.publishedAt} ("${latest.message}")`
    : "";
  sendJson(res, status, {
    error: `version ${base} is not the latest (${latestVersion})${by}: reload, re-apply your change and publish again`,
    latest: latest ? summaryOf(latest) : null,
    changes: changes.map((c) => ({ ...c, text: describeChange(c) })),
  });
}

async function publish(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: ConfigContext,
  siteKey: string,
  rollback: boolean,
): Promise<void> {
  // Writes come from the collector's own dashboard or from non-browser clients: no other page
  // may publish, and a JSON body cannot be sent cross-site without a preflight we never grant.
  const origin = req.headers.origin;
  if (origin !== undefined && hostOf(origin) !== req.headers.host) {
    throw new HttpError(403, `origin ${origin} may not change configs; use the collector's studio`);
  }
  const type = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
  if (type !== "application/json") {
    throw new HttpError(
      415,
      `expected Content-Type application/json, got ${describeValue(type || undefined)}`,
    );
  }
  const principal = await ctx.access.authorize(req, siteKey, "edit");
  const text = await readBody(req, ctx.options.configLimitBytes);
  const body = text.trim() ? parseJson(text) : {};
  const { base, header } = baseOf(req, body);
  const latest = await ctx.store.latest(siteKey);
  if (base === undefined && latest) {
    throw new HttpError(
      428,
      `name the version you edited: If-Match: "v${latest.version}" or "baseVersion": ${latest.version} (the latest)`,
    );
  }
  const from = base ?? 0;
  if (from !== (latest?.version ?? 0)) return conflict(res, ctx, siteKey, from, latest, header);
  let config: unknown;
  let message: string;
  if (rollback) {
    if (!latest || latest.version < 2)
      throw new HttpError(409, `site key "${siteKey}" has no earlier version to roll back to`);
    const to = body.to === undefined ? latest.version - 1 : versionParam(String(body.to), "to");
    const target = await versionOf(ctx.store, siteKey, to);
    config = target.config;
    message = messageOf(body, `Rollback to version ${to}`);
  } else {
    if (!("config" in body))
      throw new HttpError(400, `config: expected the whole config to publish, got nothing`);
    config = body.config;
    message = messageOf(body, "");
    const problems = publishProblems(config, siteKey);
    if (problems.length) {
      sendJson(res, 422, {
        error: `the config has ${problems.length} problem${problems.length === 1 ? "" : "s"}; nothing was published`,
        problems: problems.map(({ path, message: m }) => ({ path, message: m })),
      });
      return;
    }
  }
  const result = await ctx.store.publish({
    siteKey,
    base: from,
    author: principal.name,
    message,
    config,
    publishedAt: new Date(ctx.options.now()).toISOString(),
  });
  if (!result.ok) return conflict(res, ctx, siteKey, from, result.latest, header);
  const changes = diffConfigs(latest?.config ?? {}, config);
  ctx.options.log(
    `config ${siteKey} version ${result.version.version} published by ${principal.name}`,
  );
  sendJson(
    res,
    201,
    {
      ...summaryOf(result.version),
      changes: changes.map((c) => ({ ...c, text: describeChange(c) })),
    },
    {
      ETag: etagOf(result.version.version),
    },
  );
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
