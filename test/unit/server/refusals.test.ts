// @vitest-environment node
import { describe, expect, it } from "vitest";
import type { CollectorOptions } from "../../../src/server";
import { batch, countRows, makeEvent, post, startCollector } from "./helpers";

const SHOP = "https://shop.example";

interface Refusal {
  name: string;
  options?: Partial<CollectorOptions>;
  /** The refused request: two good events and whatever makes it bad. */
  send: (url: string, good: ReturnType<typeof makeEvent>[]) => ReturnType<typeof post>;
  status: number;
  error: string | RegExp;
}

const refusals: Refusal[] = [
  {
    name: "a wrong content type",
    send: (url, good) => post(url, batch(good), { "content-type": "application/xml" }),
    status: 415,
    error:
      'expected Content-Type text/plain, application/json or application/x-ndjson, got Content-Type "application/xml"',
  },
  {
    name: "malformed JSON",
    send: (url, good) => post(url, batch(good).slice(0, -3)),
    status: 400,
    error: /^malformed JSON at line 1, column \d+: expected "," or "}", found end of input$/,
  },
  {
    name: "an oversized body",
    options: { bodyLimitBytes: 2000 },
    send: (url, good) => post(url, batch([...good, makeEvent({ comment: "x".repeat(1500) })])),
    status: 413,
    error: "request body is larger than the limit of 2000 bytes",
  },
  {
    name: "a missing field",
    send: (url, good) => post(url, batch([...good, { ...makeEvent(), sessionId: undefined }])),
    status: 400,
    error:
      "events[2].sessionId: expected a string of 1 to 128 characters without control characters, got nothing",
  },
  {
    name: "a wrong site key",
    options: { sites: { "site-a": { allowedOrigins: [SHOP] } } },
    send: (url, good) =>
      post(url, batch(good.map((e) => ({ ...e, siteKey: "site-x" }))), { origin: SHOP }),
    status: 403,
    error: 'unknown site key "site-x"',
  },
  {
    name: "one event of another site key",
    send: (url, good) => post(url, batch([...good, makeEvent({ siteKey: "site-b" })])),
    status: 400,
    error: 'events[2].siteKey: expected "site-a" like the rest of the request, got "site-b"',
  },
  {
    name: "a disallowed origin",
    options: { allowOrigins: [SHOP] },
    send: (url, good) => post(url, batch(good), { origin: "https://evil.example" }),
    status: 403,
    error: "origin https://evil.example is not allowed to call this collector",
  },
  {
    name: "an origin allowed for another site key",
    options: {
      sites: {
        "site-a": { allowedOrigins: [SHOP] },
        "site-b": { allowedOrigins: ["https://blog.example"] },
      },
    },
    send: (url, good) => post(url, batch(good), { origin: "https://blog.example" }),
    status: 403,
    error: 'origin https://blog.example is not allowed for site key "site-a"',
  },
];

describe("a refused batch leaves no trace", () => {
  for (const { name, options, send, status, error } of refusals) {
    it(`refuses ${name} with ${status} and a message, and stores the same events later`, async () => {
      const { url, dbPath } = await startCollector({ allowOrigins: [SHOP], ...options });
      const dismissal = makeEvent({ kind: "dismissal" });
      delete dismissal.score;
      const good = [makeEvent(), dismissal];
      const refused = await send(`${url}/v1/events`, good);
      expect(refused.status).toBe(status);
      if (typeof error === "string") expect(refused.json.error).toBe(error);
      else expect(refused.json.error).toMatch(error);
      expect(countRows(dbPath)).toBe(0);
      // Not even the ids were kept: the same events sent properly are new.
      const accepted = await post(`${url}/v1/events`, batch(good), { origin: SHOP });
      expect(accepted.json).toEqual({ accepted: 2, stored: 2, duplicates: 0 });
      expect(countRows(dbPath)).toBe(2);
    });
  }

  it("refuses a request over the rate limit with 429 and Retry-After, and stores it once allowed", async () => {
    let now = Date.parse("2024-05-01T10:00:00Z");
    const { url, dbPath } = await startCollector({
      rateLimit: { requestsPerSecond: 1, burst: 1 },
      now: () => now,
    });
    expect((await post(`${url}/v1/events`, batch([makeEvent()]))).status).toBe(200);
    const good = [makeEvent(), makeEvent()];
    const refused = await post(`${url}/v1/events`, batch(good));
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(refused.json.error).toBe('too many requests for site key "site-a"; retry in 1 s');
    expect(countRows(dbPath)).toBe(1);
    now += 1000;
    const accepted = await post(`${url}/v1/events`, batch(good));
    expect(accepted.json).toEqual({ accepted: 2, stored: 2, duplicates: 0 });
  });
});
