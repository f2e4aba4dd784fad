// @vitest-environment node
import { describe, expect, it } from "vitest";
import { batch, countRows, makeEvent, post, startCollector } from "./helpers";

const SHOP = "https://shop.example";
const EVIL = "https://evil.example";

function preflight(url: string, origin: string) {
  return fetch(url, {
    method: "OPTIONS",
    headers: {
      origin,
      "access-control-request-method": "POST",
      "access-control-request-headers": "content-type,x-touchpoint-site-key",
    },
  });
}

describe("CORS with allowOrigins", () => {
  it("answers a preflight from an allowed origin", async () => {
    const { url } = await startCollector({ allowOrigins: [`${SHOP}/`] });
    const response = await preflight(`${url}/v1/events`, SHOP);
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe(SHOP);
    expect(response.headers.get("access-control-allow-methods")).toBe("POST");
    expect(response.headers.get("access-control-allow-headers")).toBe(
      "content-type, x-touchpoint-site-key",
    );
    expect(response.headers.get("access-control-allow-credentials")).toBeNull();
    expect(response.headers.get("vary")).toBe("Origin");
  });

  it("refuses a preflight from another origin without an allow header", async () => {
    const { url } = await startCollector({ allowOrigins: [SHOP] });
    const response = await preflight(`${url}/v1/events`, EVIL);
    expect(response.status).toBe(403);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("echoes an allowed origin on a POST and stores the events", async () => {
    const { url, dbPath } = await startCollector({ allowOrigins: [SHOP] });
    const response = await post(`${url}/v1/events`, batch([makeEvent()]), { origin: SHOP });
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe(SHOP);
    expect(response.headers.get("vary")).toBe("Origin");
    expect(countRows(dbPath)).toBe(1);
  });

  it("refuses a POST from a disallowed origin with 403, no allow header, nothing stored", async () => {
    const { url, dbPath } = await startCollector({ allowOrigins: [SHOP] });
    const response = await post(`${url}/v1/events`, batch([makeEvent()]), { origin: EVIL });
    expect(response.status).toBe(403);
    expect(response.json.error).toBe(`origin ${EVIL} is not allowed to call this collector`);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    expect(countRows(dbPath)).toBe(0);
  });

  it('allows any origin with "*" and still echoes the origin', async () => {
    const { url } = await startCollector({ allowOrigins: ["*"] });
    const response = await post(`${url}/v1/events`, batch([makeEvent()]), { origin: EVIL });
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe(EVIL);
  });

  it("accepts requests without an Origin and same-origin requests when no origin is allowed", async () => {
    const { url, dbPath } = await startCollector();
    expect((await post(`${url}/v1/events`, batch([makeEvent()]))).status).toBe(200);
    const same = await post(`${url}/v1/events`, batch([makeEvent()]), { origin: url });
    expect(same.status).toBe(200);
    expect(countRows(dbPath)).toBe(2);
  });

  it("never opens the read API to other origins, whatever the ingest origins (issue 13, item 7)", async () => {
    const { url, auth } = await startCollector({ allowOrigins: ["*"] });
    await post(`${url}/v1/events`, batch([makeEvent({ comment: "private" })]));
    const anonymous = await fetch(`${url}/v1/comments`, { headers: { origin: EVIL } });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("access-control-allow-origin")).toBeNull();
    // Even a request that holds a token gets no CORS header: a page of another origin cannot
    // read the answer, so a token pasted into some website's script leaks nothing through it.
    const withToken = await fetch(`${url}/v1/comments`, { headers: { origin: SHOP, ...auth } });
    expect(withToken.status).toBe(200);
    expect(withToken.headers.get("access-control-allow-origin")).toBeNull();
    const readPreflight = await preflight(`${url}/v1/comments`, SHOP);
    expect(readPreflight.status).toBe(405);
    expect(readPreflight.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("CORS and site keys with sites", () => {
  const sites = {
    "site-a": { allowedOrigins: [SHOP] },
    "site-b": { allowedOrigins: ["https://blog.example"] },
  };

  it("accepts a known site key from its own origin", async () => {
    const { url } = await startCollector({ sites });
    const response = await post(`${url}/v1/events`, batch([makeEvent()]), { origin: SHOP });
    expect(response.status).toBe(200);
  });

  it("refuses an unknown site key with 403 naming it", async () => {
    const { url, dbPath } = await startCollector({ sites });
    const events = [makeEvent({ siteKey: "site-x" })];
    const response = await post(`${url}/v1/events`, batch(events), { origin: SHOP });
    expect(response.status).toBe(403);
    expect(response.json.error).toBe('unknown site key "site-x"');
    expect(countRows(dbPath)).toBe(0);
  });

  it("refuses an unknown site key in the header before reading the body", async () => {
    const { url } = await startCollector({ sites });
    const response = await post(`${url}/v1/events`, "not even json", {
      "x-touchpoint-site-key": "site-x",
    });
    expect(response.status).toBe(403);
    expect(response.json.error).toBe('unknown site key "site-x"');
  });

  it("refuses a header site key that the events contradict", async () => {
    const { url } = await startCollector({ sites });
    const response = await post(`${url}/v1/events`, batch([makeEvent()]), {
      "x-touchpoint-site-key": "site-b",
    });
    expect(response.status).toBe(400);
    expect(response.json.error).toBe(
      'events[0].siteKey: expected "site-b" like the rest of the request, got "site-a"',
    );
  });

  it("refuses a site key sent from another site's origin, without an allow header", async () => {
    const { url, dbPath } = await startCollector({ sites });
    const response = await post(`${url}/v1/events`, batch([makeEvent()]), {
      origin: "https://blog.example",
    });
    expect(response.status).toBe(403);
    expect(response.json.error).toBe(
      'origin https://blog.example is not allowed for site key "site-a"',
    );
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    expect(countRows(dbPath)).toBe(0);
  });

  it("answers preflights for any configured site's origin", async () => {
    const { url } = await startCollector({ sites });
    const response = await preflight(`${url}/v1/events`, "https://blog.example");
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("https://blog.example");
  });
});
