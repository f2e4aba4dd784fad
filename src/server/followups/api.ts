import type { IncomingMessage, ServerResponse } from "node:http";
import { MAX_NAME_LENGTH } from "../../wire/limits";
import { describeValue } from "../../wire/validate";
import type { Access } from "../access";
import type { AlertOutbox } from "../alerts/outbox";
import { HttpError, sendJson } from "../http";
import { readBody } from "../read-body";
import { FOLLOW_UP_STATUSES, type FollowUpStatus, type FollowUpStore } from "./store";
import { followUpTimes } from "./times";

/** Longest note on a follow-up. */
export const MAX_NOTE_LENGTH = 2000;
/** Most inbox items in one response. */
export const MAX_INBOX = 500;
const DEFAULT_INBOX = 100;
const BODY_LIMIT = 16 * 1024;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** What the follow-up routes need from the collector. */
export interface FollowUpContext {
  access: Access;
  followUps: FollowUpStore;
  outbox: AlertOutbox;
  targetHours: number;
  now: () => number;
  /** Wakes alert delivery after a dead letter is queued again. */
  wake: () => void;
}

/** Paths under which {@link handleFollowUps} answers. */
export const FOLLOW_UP_PREFIXES = ["/v1/followups", "/v1/alerts/"];

function siteParam(params: URLSearchParams): string | undefined {
  const value = params.get("siteKey");
  if (value === null || value === "") return undefined;
  if (value.length > MAX_NAME_LENGTH) {
    throw new HttpError(400, `siteKey: expected at most ${MAX_NAME_LENGTH} characters`);
  }
  return value;
}

function statusOf(value: unknown, field: string): FollowUpStatus {
  if ((FOLLOW_UP_STATUSES as readonly unknown[]).includes(value)) return value as FollowUpStatus;
  throw new HttpError(
    400,
    `${field}: expected one of ${FOLLOW_UP_STATUSES.map((s) => `"${s}"`).join(", ")}, got ${describeValue(value)}`,
  );
}

function limitOf(params: URLSearchParams): number {
  const raw = params.get("limit");
  if (raw === null || raw === "") return DEFAULT_INBOX;
  const limit = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(limit >= 1 && limit <= MAX_INBOX)) {
    throw new HttpError(
      400,
      `limit: expected an integer from 1 to ${MAX_INBOX}, got ${describeValue(raw)}`,
    );
  }
  return limit;
}

async function jsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const type = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
  if (type !== "application/json") {
    throw new HttpError(
      415,
      `expected Content-Type application/json, got ${describeValue(req.headers["content-type"])}`,
    );
  }
  const text = await readBody(req, BODY_LIMIT);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HttpError(400, "body: expected a JSON object");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new HttpError(400, `body: expected a JSON object, got ${describeValue(value)}`);
  }
  return value as Record<string, unknown>;
}

function noteOf(value: unknown): string | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value !== "string" || value.length > MAX_NOTE_LENGTH) {
    throw new HttpError(
      400,
      `note: expected a text of at most ${MAX_NOTE_LENGTH} characters, got ${describeValue(value)}`,
    );
  }
  return value;
}

/**
 * `GET /v1/followups` (inbox), `GET /v1/followups/times` (time to follow-up),
 * `POST /v1/followups/<event id>` (status), `GET /v1/alerts/dead`, `POST /v1/alerts/<id>/resend`.
 * Reading needs the `read` right on the site, changing needs `follow-up`. Resolves to false when
 * the path is not one of them.
 */
/**
 * The `siteKey` asked for once the `read` right on it is checked; a token for one site that asks
 * for every site gets its own site, so other sites' answers never leak.
 */
async function readableSite(
  req: IncomingMessage,
  params: URLSearchParams,
  ctx: FollowUpContext,
): Promise<string | undefined> {
  const siteKey = siteParam(params);
  const principal = await ctx.access.authorize(req, siteKey, "read");
  return siteKey ?? principal.site;
}

export async function handleFollowUps(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  ctx: FollowUpContext,
): Promise<boolean> {
  const path = url.pathname;
  const method = req.method ?? "GET";
  const params = url.searchParams;
  const need = (allow: string) => {
    if (!allow.split(", ").includes(method)) {
      throw new HttpError(405, `method not allowed; use ${allow}`, { Allow: allow });
    }
  };
  if (path === "/v1/followups") {
    need("GET, HEAD");
    const siteKey = await readableSite(req, params, ctx);
    const status = params.get("status") ? statusOf(params.get("status"), "status") : undefined;
    const rows = await ctx.followUps.inbox({ siteKey, status, limit: limitOf(params) });
    sendJson(res, 200, { siteKey: siteKey ?? null, targetHours: ctx.targetHours, rows });
    return true;
  }
  if (path === "/v1/followups/times") {
    need("GET, HEAD");
    const siteKey = await readableSite(req, params, ctx);
    const from = params.get("from") || undefined;
    if (from !== undefined && !(DATE_ONLY.test(from) && !Number.isNaN(Date.parse(from)))) {
      throw new HttpError(400, `from: expected a date like 2024-05-01, got ${describeValue(from)}`);
    }
    const timings = await ctx.followUps.timings(siteKey, from);
    sendJson(res, 200, {
      siteKey: siteKey ?? null,
      targetHours: ctx.targetHours,
      method: "median and 90th percentile by linear interpolation (Hyndman & Fan type 7)",
      ...followUpTimes(timings, ctx.targetHours, ctx.now()),
    });
    return true;
  }
  if (path === "/v1/alerts/dead") {
    need("GET, HEAD");
    const siteKey = await readableSite(req, params, ctx);
    sendJson(res, 200, { rows: await ctx.outbox.dead(siteKey, limitOf(params)) });
    return true;
  }
  const status = /^\/v1\/followups\/([A-Za-z0-9-]{8,64})$/.exec(path);
  if (status) {
    need("POST");
    const eventId = status[1] as string;
    const siteKey = await ctx.followUps.siteOf(eventId);
    if (siteKey === undefined) throw new HttpError(404, `no alerted answer with id ${eventId}`);
    const principal = await ctx.access.authorize(req, siteKey, "follow-up");
    const body = await jsonBody(req);
    const item = await ctx.followUps.setStatus(eventId, {
      status: statusOf(body.status, "status"),
      note: noteOf(body.note),
      who: principal.name,
      at: new Date(ctx.now()).toISOString(),
    });
    sendJson(res, 200, item);
    return true;
  }
  const resend = /^\/v1\/alerts\/([^/]{1,300})\/resend$/.exec(path);
  if (resend) {
    need("POST");
    let id: string;
    try {
      id = decodeURIComponent(resend[1] as string);
    } catch {
      throw new HttpError(400, "alert id: expected a URL-encoded id");
    }
    const [record] = (await ctx.outbox.forEvents([id.split(".")[0] ?? ""])).filter(
      (a) => a.id === id,
    );
    if (!record) throw new HttpError(404, `no alert with id ${id}`);
    await ctx.access.authorize(req, record.siteKey, "follow-up");
    if (!(await ctx.outbox.resend(id, ctx.now()))) {
      throw new HttpError(
        409,
        `alert ${id} is ${record.status}; only a dead letter can be sent again`,
      );
    }
    ctx.wake();
    sendJson(res, 200, { id, status: "pending" });
    return true;
  }
  return false;
}
