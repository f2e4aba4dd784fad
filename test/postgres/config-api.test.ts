// The config API (the studio's publishing) and `touchpoint publish`, one suite run against each
// engine: a config published through one collector is the same on SQLite and PostgreSQL, and
// collectors sharing one database never both publish from the same version.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli";
import { createCollector, type EventStore, openStores, storesOf } from "../../src/server";
import { HttpError } from "../../src/server/http";
import { PostgresStore } from "../../src/server/storage/postgres";
import { capture, startTestCollector } from "./engine-collector";
import { type EngineName, freshDatabase, later, tempDir } from "./helpers";

const ENGINES: EngineName[] = ["sqlite", "postgres"];

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

/** The admin token of the collector the test started last (see `started`). */
let auth: Record<string, string> = {};

/** Every version of a site's config as stored: version and author, oldest first. */
async function stored(collector: { store: EventStore }) {
  const history = await storesOf(collector.store).configs.history("shop", 100);
  return history.map(({ version, author }) => ({ version, author })).reverse();
}

async function call(url: string, init: RequestInit = {}) {
  const given = (init.headers as Record<string, string> | undefined) ?? {};
  const named = Object.keys(given).some((name) => name.toLowerCase() === "authorization");
  const headers = { ...(named ? {} : auth), ...given };
  const response = await fetch(url, { ...init, headers });
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

describe.each(ENGINES)("config API on %s", (engine) => {
  async function started(options: Parameters<typeof startTestCollector>[1] = {}) {
    const collector = await startTestCollector(engine, options);
    auth = collector.auth;
    return collector;
  }

  it("publishes versions, serves the latest with an ETag and answers 304 to If-None-Match", async () => {
    const { url } = await started({ allowOrigins: ["https://shop.example"] });
    const site = `${url}/v1/config/shop`;
    expect((await call(site)).status).toBe(404);
    const first = await put(site, { config: config("First?"), message: "first", baseVersion: 0 });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({
      siteKey: "shop",
      version: 1,
      author: "test admin",
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
    const { url } = await started();
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
    const { url } = await started();
    const site = `${url}/v1/config/shop`;
    await put(site, { config: config("One?"), baseVersion: 0 });
    await put(site, { config: config("Two?"), baseVersion: 1, message: "Ann's change" });
    const stale = await put(site, { config: config("Mine?"), baseVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.json.error).toMatch(
      /version 1 is not the latest \(2\); version 2 was published by test admin .*"Ann's change"/,
    );
    expect(stale.json.changes[0].text).toBe('surveys[nps-order].copy.question: "One?" -> "Two?"');
    const staleHeader = await put(site, { config: config("Mine?") }, { "If-Match": '"v1"' });
    expect(staleHeader.status).toBe(412);
    const unnamed = await put(site, { config: config("Mine?") });
    expect(unnamed.status).toBe(428);
    expect((await call(site)).json.surveys[0].copy.question).toBe("Two?");
  });

  it("lists history, diffs any two versions and rolls back one step as a new version", async () => {
    const { url, collector } = await started();
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
    expect(await stored(collector)).toEqual(
      [1, 2, 3].map((version) => ({ version, author: "test admin" })),
    );
  });

  it("names malformed JSON, oversized configs and unknown site keys, and stores nothing", async () => {
    const { url, collector } = await started({
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
    expect(await stored(collector)).toEqual([]);
  });

  it("takes writes only as JSON and never from another origin's page", async () => {
    const { url } = await started({ allowOrigins: ["https://shop.example"] });
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
    const { url } = await started({
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
  it("lets exactly one of two collectors sharing the database publish from the same version", async () => {
    const first = await started();
    const second = createCollector({ dbPath: first.dbPath, rateLimit: false });
    later(() => second.close());
    const other = (await second.listen(0, "127.0.0.1")).url;
    await put(`${first.url}/v1/config/shop`, { config: config("One?"), baseVersion: 0 });
    for (let round = 1; round <= 3; round++) {
      // Both editors opened version `round` and publish at once, one through each collector.
      const answers = await Promise.all(
        [first.url, other].map((base, i) =>
          put(
            `${base}/v1/config/shop`,
            { config: config(`Round ${round}, editor ${i}?`) },
            { "If-Match": `"v${round}"` },
          ),
        ),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([201, 412]);
      const winner = answers.find((a) => a.status === 201);
      const loser = answers.find((a) => a.status === 412);
      expect(winner?.json.version).toBe(round + 1);
      expect(loser?.json.latest.version).toBe(round + 1);
    }
    expect((await stored(first.collector)).map((v) => v.version)).toEqual([1, 2, 3, 4]);
  });

  it("stores one version of many publishes racing from the same base, and refuses the rest", async () => {
    const { collector } = await started();
    const { configs } = storesOf(collector.store);
    const publish = (base: number, question: string) =>
      configs.publish({
        siteKey: "shop",
        base,
        author: question,
        message: "",
        config: config(question),
        publishedAt: "2026-11-30T12:00:00.000Z",
      });
    await publish(0, "first");
    const racers = Array.from({ length: 8 }, (_, i) => `racer ${i}`);
    // Open a connection per racer first, so that on PostgreSQL the publishes really overlap.
    if (collector.store instanceof PostgresStore) {
      const store = collector.store;
      await Promise.all(racers.map(() => store.query("SELECT pg_sleep(0.1)")));
    }
    const results = await Promise.all(racers.map((racer) => publish(1, racer)));
    const won = results.filter((r) => r.ok);
    expect(won).toHaveLength(1);
    const winner = won[0]?.ok ? won[0].version.author : "";
    for (const lost of results.filter((r) => !r.ok)) {
      expect(lost).toEqual({
        ok: false,
        latest: expect.objectContaining({ version: 2, author: winner }),
      });
    }
    expect(await stored(collector)).toEqual([
      { version: 1, author: "first" },
      { version: 2, author: winner },
    ]);
    expect((await configs.latest("shop"))?.config).toEqual(config(winner));
    // A stale or future base never writes.
    expect((await publish(1, "late")).ok).toBe(false);
    expect((await publish(7, "ahead")).ok).toBe(false);
    expect(await configs.sites()).toEqual([
      { siteKey: "shop", version: 2, publishedAt: "2026-11-30T12:00:00.000Z" },
    ]);
  });
});

/** A survey as a file passed to `touchpoint publish` holds it. */
const fileSurvey = (id: string, question: string) => ({
  id,
  type: "nps",
  touchpoint: id,
  copy: { question },
  trigger: { on: "pageview" },
});

describe.each(ENGINES)("touchpoint publish on %s", (engine) => {
  /** The command's arguments and environment: a file path, or DATABASE_URL for PostgreSQL. */
  async function database() {
    const at = engine === "sqlite" ? join(tempDir(), "feedback.db") : await freshDatabase();
    return {
      at,
      args: engine === "sqlite" ? ["--db", at] : [],
      env: engine === "sqlite" ? {} : { DATABASE_URL: at },
    };
  }

  it("publishes a valid file as the next version, which the collector then serves", async () => {
    const db = await database();
    const file = join(tempDir(), "touchpoint.json");
    writeFileSync(
      file,
      JSON.stringify({ $schema: "x", collector: "/v1/events", surveys: [fileSurvey("a", "One?")] }),
    );
    const { out, io } = capture(db.env);
    expect(await main(["publish", file, ...db.args, "--site", "shop", "--author", "ci"], io)).toBe(
      0,
    );
    expect(out.stdout).toContain("shop: published");
    expect(out.stdout).toContain("as version 1");
    const { url, auth: admin } = await startTestCollector(engine, { dbPath: db.at });
    const served = await (await fetch(`${url}/v1/config/shop`)).json();
    expect(served).toEqual({ collector: "/v1/events", surveys: [fileSurvey("a", "One?")] });
    const history = await (
      await fetch(`${url}/v1/config/shop/versions`, { headers: admin })
    ).json();
    expect(history.versions[0]).toMatchObject({ version: 1, author: "ci" });
  });

  it("refuses a file with problems, naming each, and keeps studio edits with --if-unchanged-by", async () => {
    const db = await database();
    const file = join(tempDir(), "touchpoint.json");
    writeFileSync(
      file,
      JSON.stringify({ collector: "/c", surveys: [{ ...fileSurvey("a", "x"), percent: 0 }] }),
    );
    const bad = capture(db.env);
    expect(await main(["publish", file, ...db.args, "--site", "shop"], bad.io)).toBe(1);
    expect(bad.out.stderr).toContain("surveys[0].percent: expected a number from 1 to 100, got 0");

    writeFileSync(
      file,
      JSON.stringify({ collector: "/c", surveys: [fileSurvey("a", "From file?")] }),
    );
    const args = [
      "publish",
      file,
      ...db.args,
      "--site",
      "shop",
      "--author",
      "demo",
      "--if-unchanged-by",
      "demo",
    ];
    expect(await main(args, capture(db.env).io)).toBe(0);
    const stores = await openStores(db.at);
    await stores.configs.publish({
      siteKey: "shop",
      base: 1,
      author: "Ann",
      message: "studio edit",
      config: { collector: "/c", surveys: [fileSurvey("a", "From the studio?")] },
      publishedAt: new Date().toISOString(),
    });
    await stores.close();
    const kept = capture(db.env);
    expect(await main(args, kept.io)).toBe(0);
    expect(kept.out.stdout).toBe(`shop: version 2 (by Ann) kept; ${file} not published\n`);
  });
});
