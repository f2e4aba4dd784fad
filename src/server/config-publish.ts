import type { IncomingMessage, ServerResponse } from "node:http";
import { publishProblems } from "../config/publish";
import { describeValue } from "../wire/validate";
import type { ConfigContext } from "./config-api";
import { describeChange, diffConfigs } from "./config-diff";
import type { ConfigStore, ConfigVersion } from "./config-store";
import { HttpError, sendJson } from "./http";
import { findJsonSyntaxError } from "./json-error";
import { readBody } from "./read-body";

/** Longest publish message kept. */
export const MAX_MESSAGE_LENGTH = 500;

export const etagOf = (version: number) => `"v${version}"`;

/** `https://a.example:8443` -> `a.example:8443`; compared with `Host`, so TLS at a proxy is fine. */
function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

export const summaryOf = ({ config: _config, ...summary }: ConfigVersion) => summary;

export function versionParam(raw: string | null | undefined, name: string): number {
  const n = raw !== null && raw !== undefined && /^\d{1,9}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(n >= 1))
    throw new HttpError(
      400,
      `${name}: expected a version number, got ${describeValue(raw ?? undefined)}`,
    );
  return n;
}

export async function versionOf(
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

/**
 * `PUT /v1/config/<site>` (a new config) and `POST …/rollback` (an earlier one again): checks the
 * writer, the body and the base version, then writes the next version in one transaction.
 */
export async function publish(
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
