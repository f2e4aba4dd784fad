import type { IncomingMessage, ServerResponse } from "node:http";
import { type ValidEvent, validateEvent } from "../wire/validate";
import { allowOrigin, checkOrigin, type OriginPolicy } from "./cors";
import { HttpError, sendJson } from "./http";
import type { ResolvedOptions } from "./options";
import { fieldPath, parseBody } from "./parse-body";
import type { RateLimiter } from "./rate-limit";
import { readBody } from "./read-body";
import type { EventWriter } from "./store";

/** Content types the SDK sends: `text/plain` keeps a cross-origin POST free of preflight. */
const ACCEPTED_TYPES = new Set(["text/plain", "application/json", "application/x-ndjson"]);
const SITE_KEY_HEADER = "x-touchpoint-site-key";

/** What the ingest route needs from the collector. */
export interface IngestContext {
  options: ResolvedOptions;
  policy: OriginPolicy;
  limiter: RateLimiter | undefined;
  write: EventWriter;
}

/** Body of a successful ingest response. */
export interface IngestResult {
  /** Events in the request. */
  accepted: number;
  /** Events stored for the first time. */
  stored: number;
  /** Events already stored by an earlier request (or twice in this one). */
  duplicates: number;
}

function checkContentType(req: IncomingMessage): void {
  const header = req.headers["content-type"];
  const [type = "", ...params] = (header ?? "").toLowerCase().split(";");
  const charset = params.map((p) => p.trim()).find((p) => p.startsWith("charset="));
  if (!ACCEPTED_TYPES.has(type.trim())) {
    const got = header === undefined ? "no Content-Type" : `Content-Type "${header}"`;
    throw new HttpError(
      415,
      `expected Content-Type text/plain, application/json or application/x-ndjson, got ${got}`,
    );
  }
  if (charset !== undefined && charset.replace(/"/g, "") !== "charset=utf-8") {
    throw new HttpError(415, `expected UTF-8 text, got Content-Type "${header}"`);
  }
}

function checkSiteKey(siteKey: string, options: ResolvedOptions): void {
  if (options.sites && !options.sites.has(siteKey)) {
    throw new HttpError(403, `unknown site key "${siteKey}"`);
  }
}

function charge(limiter: RateLimiter | undefined, siteKey: string): void {
  const wait = limiter?.take(siteKey) ?? 0;
  if (wait > 0) {
    throw new HttpError(429, `too many requests for site key "${siteKey}"; retry in ${wait} s`, {
      "Retry-After": String(wait),
    });
  }
}

function validateAll(body: string, options: ResolvedOptions): ValidEvent[] {
  return parseBody(body, options.maxEventsPerBatch).map((raw) => {
    const result = validateEvent(raw.value);
    if (!result.ok) throw new HttpError(400, `${fieldPath(raw, result.field)}: ${result.problem}`);
    return result.event;
  });
}

/** One site key per request: the SDK's outbox is namespaced per site key. */
function batchSiteKey(events: readonly ValidEvent[], header: string | undefined): string {
  const siteKey = header ?? (events[0] as ValidEvent).siteKey;
  const stray = events.findIndex((event) => event.siteKey !== siteKey);
  if (stray >= 0) {
    throw new HttpError(
      400,
      `events[${stray}].siteKey: expected "${siteKey}" like the rest of the request, got "${(events[stray] as ValidEvent).siteKey}"`,
    );
  }
  return siteKey;
}

/**
 * `POST /v1/events`: validates every event before writing any, stores the batch in one
 * transaction and answers only after it committed, so a 2xx means the events are durable.
 */
export async function handleIngest(
  req: IncomingMessage,
  res: ServerResponse,
  context: IngestContext,
): Promise<void> {
  const { options, policy, limiter } = context;
  const origin = checkOrigin(req, res, policy);
  allowOrigin(res, origin);
  checkContentType(req);
  const headerValue = req.headers[SITE_KEY_HEADER];
  const headerKey = typeof headerValue === "string" && headerValue ? headerValue : undefined;
  if (headerKey !== undefined) {
    checkSiteKey(headerKey, options);
    charge(limiter, headerKey);
  }
  const events = validateAll(await readBody(req, options.bodyLimitBytes), options);
  const siteKey = batchSiteKey(events, headerKey);
  if (headerKey === undefined) checkSiteKey(siteKey, options);
  if (origin !== undefined && !policy.allowsFor(siteKey, origin)) {
    res.removeHeader("Access-Control-Allow-Origin");
    throw new HttpError(403, `origin ${origin} is not allowed for site key "${siteKey}"`);
  }
  if (headerKey === undefined) charge(limiter, siteKey);
  const stored = await context.write(events, new Date(options.now()).toISOString());
  const result: IngestResult = {
    accepted: events.length,
    stored,
    duplicates: events.length - stored,
  };
  sendJson(res, 200, result);
  options.onIngest(events, stored);
}
