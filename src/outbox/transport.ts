import type { EventBatch, TouchpointEvent } from "./event";

/** How one delivery attempt ended. */
export type SendResult =
  | { ok: true }
  | { ok: false; retry: true; reason: string; retryAfterMs?: number }
  | { ok: false; retry: false; reason: string; status: number };

export interface TransportOptions {
  url: string;
  format: "json" | "ndjson";
  headers: Record<string, string>;
  fetch: typeof fetch;
  now: () => number;
  setTimeout: (cb: () => void, ms: number) => number;
  clearTimeout: (id: number) => void;
}

export type Transport = (
  events: TouchpointEvent[],
  options?: { keepalive?: boolean },
) => Promise<SendResult>;

/** A collector that has not answered by then is treated like a network error. */
export const REQUEST_TIMEOUT_MS = 15_000;
const MAX_RETRY_AFTER_MS = 3_600_000;

export function encodeBatch(
  events: TouchpointEvent[],
  format: "json" | "ndjson",
  sentAt: string,
): string {
  if (format === "ndjson") return events.map((e) => JSON.stringify(e)).join("\n");
  const batch: EventBatch = { schema: 1, sentAt, events };
  return JSON.stringify(batch);
}

/** `Retry-After` in seconds or as an HTTP date, clamped to a sane range. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - now;
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS) : undefined;
}

/**
 * POSTs events as `text/plain`, a CORS "simple" request, so no preflight is needed and the same
 * request works with `keepalive` while the page unloads. Cookies are never sent.
 */
export function createTransport(options: TransportOptions): Transport {
  return async (events, { keepalive = false } = {}) => {
    const controller = typeof AbortController === "function" ? new AbortController() : undefined;
    const timer = options.setTimeout(() => controller?.abort(), REQUEST_TIMEOUT_MS);
    try {
      const response = await options.fetch(options.url, {
        method: "POST",
        body: encodeBatch(events, options.format, new Date(options.now()).toISOString()),
        headers: { "Content-Type": "text/plain;charset=UTF-8", ...options.headers },
        credentials: "omit",
        keepalive,
        ...(controller ? { signal: controller.signal } : {}),
      });
      const { status } = response;
      if (status >= 200 && status < 300) return { ok: true };
      const reason = `collector answered ${status}`;
      if (status === 408 || status === 429 || status >= 500) {
        const retryAfterMs = parseRetryAfter(response.headers.get("Retry-After"), options.now());
        return retryAfterMs === undefined
          ? { ok: false, retry: true, reason }
          : { ok: false, retry: true, reason, retryAfterMs };
      }
      return { ok: false, retry: false, reason, status };
    } catch (error) {
      return {
        ok: false,
        retry: true,
        reason: `network error (${error instanceof Error ? error.message : String(error)})`,
      };
    } finally {
      options.clearTimeout(timer);
    }
  };
}
