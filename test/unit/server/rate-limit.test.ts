// @vitest-environment node
import { describe, expect, it } from "vitest";
import { MAX_RATE_BUCKETS, RateLimiter } from "../../../src/server/rate-limit";
import { batch, countRows, makeEvent, post, startCollector } from "./helpers";

describe("RateLimiter", () => {
  it("allows a burst, then one request per refill interval", () => {
    let now = 0;
    const limiter = new RateLimiter({ requestsPerSecond: 2, burst: 3 }, () => now);
    expect([limiter.take("a"), limiter.take("a"), limiter.take("a")]).toEqual([0, 0, 0]);
    expect(limiter.take("a")).toBe(1);
    now += 499;
    expect(limiter.take("a")).toBe(1);
    now += 1;
    expect(limiter.take("a")).toBe(0);
    expect(limiter.take("b")).toBe(0);
  });

  it("says how many whole seconds to wait when the refill is slow", () => {
    const limiter = new RateLimiter({ requestsPerSecond: 0.25, burst: 1 }, () => 0);
    limiter.take("a");
    expect(limiter.take("a")).toBe(4);
  });

  it("forgets the oldest bucket rather than growing without bound", () => {
    const limiter = new RateLimiter({ requestsPerSecond: 1, burst: 1 }, () => 0);
    limiter.take("first");
    for (let i = 0; i < MAX_RATE_BUCKETS; i++) limiter.take(`key-${i}`);
    expect(limiter.take("first")).toBe(0);
    expect(limiter.take(`key-${MAX_RATE_BUCKETS - 1}`)).toBe(1);
  });
});

describe("ingest rate limit", () => {
  it("answers 429 with Retry-After once a site key's burst is spent, and stores nothing", async () => {
    let now = 1_000_000;
    const { url, dbPath } = await startCollector({
      rateLimit: { requestsPerSecond: 1, burst: 2 },
      now: () => now,
    });
    const send = () => post(`${url}/v1/events`, batch([makeEvent()]));
    expect((await send()).status).toBe(200);
    expect((await send()).status).toBe(200);
    const limited = await send();
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("1");
    expect(limited.json.error).toBe('too many requests for site key "site-a"; retry in 1 s');
    expect(countRows(dbPath)).toBe(2);
    const other = await post(`${url}/v1/events`, batch([makeEvent({ siteKey: "site-b" })]));
    expect(other.status).toBe(200);
    now += 1000;
    expect((await send()).status).toBe(200);
  });

  it("charges the header site key before reading the body", async () => {
    const { url } = await startCollector({
      rateLimit: { requestsPerSecond: 1, burst: 1 },
      now: () => 0,
    });
    const headers = { "x-touchpoint-site-key": "site-a" };
    expect((await post(`${url}/v1/events`, batch([makeEvent()]), headers)).status).toBe(200);
    const limited = await post(`${url}/v1/events`, "not json", headers);
    expect(limited.status).toBe(429);
  });
});
