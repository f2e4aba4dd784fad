// @vitest-environment node
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { HttpError } from "../../../src/server/http";
import { startCollector } from "./helpers";

const survey = (question: string, extra: Record<string, unknown> = {}) => ({
  id: "nps-order",
  type: "nps",
  touchpoint: "order_confirmation",
  copy: { question },
  trigger: { on: "event", event: "order_completed" },
  ...extra,
});
const config = (question: string) => ({
  siteKey: "shop",
  collector: "https://feedback.example/v1/events",
  surveys: [survey(question)],
});

async function call(url: string, init: RequestInit = {}) {
  const response = await fetch(url, init);
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    json: text ? JSON.parse(text) : undefined,
  };
}

const put = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  call(url, {
    method: "PUT",
    body: typeof body === "string" ? body : JSON.stringify(body),
    headers: { "content-type": "application/json", ...headers },
  });

describe("config API", () => {
  it("publishes versions, serves the latest with an ETag and answers 304 to If-None-Match", async () => {
    const { url } = await startCollector({ allowOrigins: ["https://shop.example"] });
    const site = `${url}/v1/config/shop`;
    expect((await call(site)).status).toBe(404);
    const first = await put(site, { config: config("First?"), message: "first", baseVersion: 0 });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({
      siteKey: "shop",
      version: 1,
      author: "anonymous",
      message: "first",
    });
    const second = await put(
      site,
      { config: config("Second?"), message: "wording" },
      { "If-Match": '"v1"' },
    );
    expect(second.status).toBe(201);
    expect(second.json.changes.map((c: { text: string }) => c.text)).toEqual([
      'surveys[nps-order].copy.question: "First?" -> "Second?"',
    ]);

    const served = await call(site, { headers: { Origin: "https://shop.example" } });
    expect(served.status).toBe(200);
    expect(served.json.surveys[0].copy.question).toBe("Second?");
    expect(served.headers.get("etag")).toBe('"v2"');
    expect(served.headers.get("cache-control")).toMatch(/max-age=60, stale-while-revalidate=\d+/);
    expect(served.headers.get("access-control-allow-origin")).toBe("https://shop.example");
    const cached = await fetch(site, { headers: { "If-None-Match": '"v2"' } });
    expect(cached.status).toBe(304);
    expect(await cached.text()).toBe("");
    const other = await call(site, { headers: { Origin: "https://evil.example" } });
    expect(other.status).toBe(403);
  });

  it("refuses an invalid config with every problem and its path, and changes nothing", async () => {
    const { url } = await startCollector();
    const site = `${url}/v1/config/shop`;
    await put(site, { config: config("Kept?"), baseVersion: 0 });
    const bad = config("Bad?");
    bad.surveys[0] = survey("Bad?", { percent: "fifty", trigger: { on: "event" } });
    const refused = await put(site, {
      config: { ...bad, chunksUrl: "https://cdn.evil/" },
      baseVersion: 1,
    });
    expect(refused.status).toBe(422);
    expect(refused.json.problems).toEqual(
      expect.arrayContaining([
        {
          path: "surveys[0].percent",
          message: 'surveys[0].percent: expected a number from 1 to 100, got "fifty"',
        },
        expect.objectContaining({ path: "surveys[0].trigger.event" }),
        expect.objectContaining({ path: "chunksUrl" }),
      ]),
    );
    expect((await call(site)).json.surveys[0].copy.question).toBe("Kept?");
    const wrongSite = await put(site, {
      config: { ...config("x"), siteKey: "other" },
      baseVersion: 1,
    });
    expect(wrongSite.json.problems[0].path).toBe("siteKey");
  });

  it("refuses a stale base with what changed since, so two editors never overwrite each other", async () => {
    const { url } = await startCollector();
    const site = `${url}/v1/config/shop`;
    await put(site, { config: config("One?"), baseVersion: 0 });
    await put(site, { config: config("Two?"), baseVersion: 1, message: "Ann's change" });
    const stale = await put(site, { config: config("Mine?"), baseVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.json.error).toMatch(
      /version 1 is not the latest \(2\); version 2 was published by anonymous .*"Ann's change"/,
    );
    expect(stale.json.changes[0].text).toBe('surveys[nps-order].copy.question: "One?" -> "Two?"');
    const staleHeader = await put(site, { config: config("Mine?") }, { "If-Match": '"v1"' });
    expect(staleHeader.status).toBe(412);
    const unnamed = await put(site, { config: config("Mine?") });
    expect(unnamed.status).toBe(428);
    expect((await call(site)).json.surveys[0].copy.question).toBe("Two?");
  });

  it("lists history, diffs any two versions and rolls back one step as a new version", async () => {
    const { url, dbPath } = await startCollector();
    const site = `${url}/v1/config/shop`;
    await put(site, { config: config("One?"), baseVersion: 0, message: "one" });
    await put(site, { config: config("Two?"), baseVersion: 1, message: "two" });
    const history = await call(`${site}/versions`);
    expect(
      history.json.versions.map((v: { version: number; message: string }) => [
        v.version,
        v.message,
      ]),
    ).toEqual([
      [2, "two"],
      [1, "one"],
    ]);
    const diff = await call(`${site}/diff?from=2&to=1`);
    expect(diff.json.changes[0].text).toBe('surveys[nps-order].copy.question: "Two?" -> "One?"');
    const rolled = await call(`${site}/rollback`, {
      method: "POST",
      body: JSON.stringify({ baseVersion: 2 }),
      headers: { "content-type": "application/json" },
    });
    expect(rolled.status).toBe(201);
    expect(rolled.json).toMatchObject({ version: 3, message: "Rollback to version 1" });
    expect((await call(site)).json.surveys[0].copy.question).toBe("One?");
    expect((await call(`${site}/versions/2`)).json.config.surveys[0].copy.question).toBe("Two?");
    const db = new Database(dbPath, { readonly: true });
    const rows = db.prepare("SELECT version, author FROM config_versions ORDER BY version").all();
    db.close();
    expect(rows).toEqual([1, 2, 3].map((version) => ({ version, author: "anonymous" })));
  });

  it("names malformed JSON, oversized configs and unknown site keys, and stores nothing", async () => {
    const { url, dbPath } = await startCollector({
      sites: { shop: { allowedOrigins: ["https://shop.example"] } },
      configLimitBytes: 2000,
    });
    const site = `${url}/v1/config/shop`;
    const malformed = await put(site, '{"config": {"surveys": [}');
    expect(malformed.status).toBe(400);
    expect(malformed.json.error).toMatch(/malformed JSON at line 1, column 25/);
    const big = await put(site, { config: { ...config("x".repeat(3000)) }, baseVersion: 0 });
    expect(big.status).toBe(413);
    const unknown = await put(`${url}/v1/config/nope`, { config: config("x"), baseVersion: 0 });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error).toBe('unknown site key "nope"');
    expect((await call(`${url}/v1/config/bad%20key`)).status).toBe(400);
    expect((await call(`${site}/diff?from=1&to=x`)).status).toBe(400);
    const db = new Database(dbPath, { readonly: true });
    expect(db.prepare("SELECT COUNT(*) AS n FROM config_versions").get()).toEqual({ n: 0 });
    db.close();
  });

  it("takes writes only as JSON and never from another origin's page", async () => {
    const { url } = await startCollector({ allowOrigins: ["https://shop.example"] });
    const site = `${url}/v1/config/shop`;
    const body = { config: config("x"), baseVersion: 0 };
    const crossSite = await put(site, body, { Origin: "https://shop.example" });
    expect(crossSite.status).toBe(403);
    expect(crossSite.json.error).toBe(
      "origin https://shop.example may not change configs; use the collector's studio",
    );
    const form = await put(site, body, { "content-type": "text/plain" });
    expect(form.status).toBe(415);
    expect((await call(site)).status).toBe(404);
  });

  it("asks access control for the edit right and records the principal's name", async () => {
    const rights: string[] = [];
    const { url } = await startCollector({
      access: {
        authorize: async (req, site, right) => {
          rights.push(`${right}:${site}`);
          if (req.headers.authorization !== "Bearer ok") throw new HttpError(401, "sign in");
          return { name: "Ann", role: "editor" };
        },
      },
    });
    const site = `${url}/v1/config/shop`;
    expect((await put(site, { config: config("x"), baseVersion: 0 })).status).toBe(401);
    const ok = await put(
      site,
      { config: config("x"), baseVersion: 0 },
      { Authorization: "Bearer ok" },
    );
    expect(ok.json.author).toBe("Ann");
    expect((await call(site)).status).toBe(200);
    expect(rights).toEqual(["edit:shop", "edit:shop"]);
  });
});
