import type { EventBatch, TouchpointEvent } from "../wire/event";

/** How one delivery attempt ended. */
export type SendResult =
  | { ok: true }
  | {
      ok: false;
      retry: true;
      reason: string;
      retryAfterMs?: number;
      /** The page itself is at fault (its fetch or JSON is broken): worth telling the site. */
      fault?: boolean;
    }
  | { ok: false; retry: false; reason: string; status: number };

export interface TransportOptions {
  url: string;
  format: "json" | "ndjson";
  headers: Record<string, string>;
  /** Reshapes a batch for a collector that wants another body (see `CollectorConfig`). */
  transform?: ((batch: EventBatch) => unknown) | undefined;
  /** A collector that has not answered by then counts as a network error. */
  timeoutMs: number;
  /** The page's own fetch, captured before the host page could replace it. */
  fetch: typeof fetch;
  /** `JSON.stringify`, captured at load for the same reason. */
  stringify?: typeof JSON.stringify | undefined;
  /** `navigator.sendBeacon`: the unload fallback where keepalive fetch is missing or refused. */
  beacon?: ((url: string, data: Blob) => boolean) | undefined;
  /** Whether this browser's fetch supports `keepalive`. */
  keepalive: boolean;
  now: () => number;
  setTimeout: (cb: () => void, ms: number) => number;
  clearTimeout: (id: number) => void;
}

export interface Transport {
  /** The request body for these events; throws when the `transform` hook throws. */
  encode(events: TouchpointEvent[]): string;
  /** POSTs a body; `keepalive` for a page that is going away. */
  send(body: string, keepalive?: boolean): Promise<SendResult>;
}

export const REQUEST_TIMEOUT_MS = 15_000;
/** Longest `Retry-After` honoured: a collector cannot park events for longer than this. */
export const MAX_RETRY_AFTER_MS = 3_600_000;
const TEXT = "text/plain;charset=UTF-8";
/** The name of the error `encode` throws when JSON fails (the page broke it), not a transform. */
export const SERIALIZE_ERROR = "SerializeError";

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
export function createTransport(o: TransportOptions): Transport {
  const beacon = (body: string): SendResult => {
    o.beacon?.(o.url, new Blob([body], { type: TEXT }));
    // A beacon's answer is never known: the events stay queued until a later flush is answered.
    return { ok: false, retry: true, reason: "sent by beacon" };
  };
  return {
    encode(events) {
      const json = o.stringify ?? JSON.stringify;
      const sentAt = new Date(o.now()).toISOString();
      if (o.transform) {
        const body = o.transform({ schema: 1, sentAt, events });
        return typeof body === "string" ? body : json(body);
      }
      try {
        if (o.format === "ndjson") return events.map((e) => json(e)).join("\n");
        const batch: EventBatch = { schema: 1, sentAt, events };
        return json(batch);
      } catch (error) {
        const problem = new Error(`events could not be serialized: ${String(error)}`);
        problem.name = SERIALIZE_ERROR;
        throw problem;
      }
    },
    async send(body, keepalive = false) {
      if (keepalive && !o.keepalive) return beacon(body);
      const controller = new AbortController();
      const timer = o.setTimeout(() => controller.abort(), o.timeoutMs);
      // A browser's fetch returns a promise (rejected on network errors) of a Response; one that
      // throws at once or gives anything else was broken by the page.
      let stage = 0; // 1: fetch returned its promise, 2: it resolved
      try {
        const pending = o.fetch(o.url, {
          method: "POST",
          body,
          headers: { "Content-Type": TEXT, ...o.headers },
          credentials: "omit",
          keepalive,
          signal: controller.signal,
        });
        stage = 1;
        const response = await pending;
        stage = 2;
        // Not a Response (undefined, {}): reading it throws, at stage 2.
        const { status, headers } = response;
        if (status >= 200 && status < 300) return { ok: true };
        const reason = `collector answered ${status}`;
        if (status !== 408 && status !== 429 && status < 500)
          return { ok: false, retry: false, reason, status };
        const retryAfterMs = parseRetryAfter(headers.get("Retry-After"), o.now());
        return retryAfterMs === undefined
          ? { ok: false, retry: true, reason }
          : { ok: false, retry: true, reason, retryAfterMs };
      } catch (error) {
        // Over the keepalive budget, or the page is going: a beacon may still get it out.
        if (keepalive) return beacon(body);
        if (stage !== 1)
          return {
            ok: false,
            retry: true,
            reason: `the page's fetch is broken (${String(error)})`,
            fault: true,
          };
        return {
          ok: false,
          retry: true,
          reason: controller.signal.aborted
            ? `no answer within ${o.timeoutMs} ms`
            : `network error (${String(error)})`,
        };
      } finally {
        o.clearTimeout(timer);
      }
    },
  };
}
