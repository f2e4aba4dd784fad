import { describe, expect, it } from "vitest";
import { createTransport, parseRetryAfter } from "../../../src/outbox/transport";
import { event, fakeClock, NOW } from "./fixtures";

function transport(answer: () => Response | Promise<Response>, extra = {}) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const beacons: Array<{ url: string; data: Blob }> = [];
  const t = createTransport({
    url: "https://collector.test/v1/events",
    format: "json",
    headers: { "X-Api-Key": "k" },
    timeoutMs: 1000,
    fetch: (async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return answer();
    }) as typeof fetch,
    beacon: (url, data) => beacons.push({ url, data }) > 0,
    keepalive: true,
    ...fakeClock(),
    ...extra,
  });
  return { t, calls, beacons };
}

describe("transport", () => {
  it("POSTs text/plain without credentials, with the site's headers and the batch envelope", async () => {
    const { t, calls } = transport(() => new Response("{}", { status: 200 }));
    expect(await t.send(t.encode([event(1)]))).toEqual({ ok: true });
    const init = calls[0]?.init;
    expect(init).toMatchObject({ method: "POST", credentials: "omit", keepalive: false });
    expect(init?.headers).toEqual({ "Content-Type": "text/plain;charset=UTF-8", "X-Api-Key": "k" });
    expect(JSON.parse(String(init?.body))).toEqual({
      schema: 1,
      sentAt: new Date(NOW).toISOString(),
      events: [event(1)],
    });
  });

  it("retries 408, 429 and 5xx; refuses other 4xx for good", async () => {
    for (const [status, retry] of [
      [408, true],
      [429, true],
      [500, true],
      [503, true],
      [400, false],
      [401, false],
      [404, false],
      [413, false],
      [422, false],
    ] as const) {
      const { t } = transport(() => new Response("{}", { status }));
      expect(await t.send("{}"), String(status)).toMatchObject({ ok: false, retry });
    }
  });

  it("reads Retry-After in seconds or as an HTTP date, clamped to [0, 1 h]", () => {
    expect(parseRetryAfter("120", NOW)).toBe(120_000);
    expect(parseRetryAfter(new Date(NOW + 90_000).toUTCString(), NOW)).toBe(90_000);
    expect(parseRetryAfter(new Date(NOW - 90_000).toUTCString(), NOW)).toBe(0);
    expect(parseRetryAfter("-5", NOW)).toBe(0);
    expect(parseRetryAfter("999999", NOW)).toBe(3_600_000);
    expect(parseRetryAfter("soon", NOW)).toBeUndefined();
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
  });

  it("uses sendBeacon while unloading where fetch has no keepalive", async () => {
    const { t, calls, beacons } = transport(() => new Response("{}"), { keepalive: false });
    expect(await t.send("body", true)).toMatchObject({ ok: false, retry: true });
    expect(calls).toEqual([]);
    expect(beacons[0]?.data.type).toBe("text/plain;charset=utf-8");
  });

  it("keeps using the fetch it was given when the page replaces window.fetch (26)", async () => {
    const { t, calls } = transport(() => new Response("{}", { status: 200 }));
    const original = window.fetch;
    window.fetch = () => Promise.reject(new Error("host page broke fetch"));
    try {
      expect(await t.send("{}")).toEqual({ ok: true });
    } finally {
      window.fetch = original;
    }
    expect(calls).toHaveLength(1);
  });
});
