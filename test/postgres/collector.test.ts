// The collector, its commands and its limits on a real PostgreSQL server.
import { join } from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli";
import { runCollect } from "../../src/cli/collect";
import { createCollector, createToken, openStore, openStores } from "../../src/server";
import type { PostgresStore } from "../../src/server/storage/postgres";
import { PG_SCHEMA_VERSION } from "../../src/server/storage/postgres-schema";
import { capture } from "./engine-collector";
import { freshDatabase, later, makeEvent, messyEvents, tempDir } from "./helpers";

function post(url: string, events: unknown[]) {
  return fetch(`${url}/v1/events`, {
    method: "POST",
    body: JSON.stringify({ schema: 1, sentAt: "2024-05-01T10:00:01.000Z", events }),
    headers: { "content-type": "text/plain;charset=UTF-8" },
  });
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

describe("touchpoint collect on PostgreSQL", () => {
  it("takes DATABASE_URL, stores, de-duplicates and serves the read API", async () => {
    const db = await freshDatabase();
    const { out, io } = capture({ DATABASE_URL: db });
    let stop: (signal: string) => void = () => undefined;
    const stopped = new Promise<string>((resolve) => {
      stop = resolve;
    });
    const exit = runCollect(
      ["--port", "0", "--rate-limit", "off", "--public-read"],
      io,
      () => stopped,
    );
    await until(
      () => out.stdout.includes("Press Ctrl+C") || out.stderr.includes("touchpoint collect:"),
    );
    // Reads are opened on purpose here, and the collector says what that exposes.
    expect(out.stderr).toBe(
      "warning: --public-read: anyone who can reach this collector can read every comment, user id and export\n",
    );
    expect(out.stdout).toContain(`database:  ${db}`);
    const url = /listening on (http:\/\/\S+)/.exec(out.stdout)?.[1] as string;
    const answer = makeEvent({ score: 2 });
    const first = await post(url, [answer, makeEvent({ kind: "impression" })]);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ accepted: 2, stored: 2, duplicates: 0 });
    const again = await post(url, [{ ...answer, comment: "Late comment" }]);
    expect(await again.json()).toEqual({ accepted: 1, stored: 0, duplicates: 1 });
    const comments = await (await fetch(`${url}/v1/comments?segment=detractor`)).json();
    expect(comments.rows.map((row: { comment: string }) => row.comment)).toEqual(["Late comment"]);
    const meta = await (await fetch(`${url}/v1/meta`)).json();
    expect(meta).toEqual({ schemaVersion: PG_SCHEMA_VERSION, sites: ["site-a"], journey: [] });
    const report = await (await fetch(`${url}/v1/report?from=2024-05-01`)).json();
    expect(report.report.surveys[0].touchpoints[0].arms[0]).toMatchObject({
      impressions: 1,
      answers: 1,
    });
    const csv = await (await fetch(`${url}/v1/events.csv`)).text();
    expect(csv.trim().split("\n")).toHaveLength(3);
    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ ok: true });
    stop("SIGTERM");
    expect(await exit).toBe(0);
    expect(out.stdout).toContain("collector closed");
  });

  it("answers 503 with Retry-After, promptly, when every connection is busy", async () => {
    const db = await freshDatabase();
    const collector = createCollector({
      dbPath: db,
      rateLimit: false,
      poolSize: 1,
      poolWaitMs: 200,
    });
    later(() => collector.close());
    const { url } = await collector.listen(0);
    const store = collector.store as PostgresStore;
    const busy = store.pool.query("SELECT pg_sleep(3)");
    const response = await post(url, [makeEvent()]);
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("2");
    expect((await response.json()).error).toBe("the database is unavailable; retry later");
    // So do the config, session and token routes, which share the pool.
    const config = await fetch(`${url}/v1/config/shop`);
    expect([config.status, config.headers.get("retry-after")]).toEqual([503, "2"]);
    await busy;
    expect((await post(url, [makeEvent()])).status).toBe(200);
  });

  it("migrates once when several collectors start together", async () => {
    const db = await freshDatabase();
    const stores = Array.from({ length: 5 }, () => openStore(db));
    for (const store of stores) later(() => store.close());
    await Promise.all(stores.map((store) => store.ready));
    const client = new pg.Client(db);
    await client.connect();
    later(() => client.end());
    const { rows } = await client.query("SELECT version FROM touchpoint_schema");
    expect(rows).toEqual([{ version: PG_SCHEMA_VERSION }]);
    const partitions = await client.query(
      "SELECT count(*)::int AS n FROM pg_inherits WHERE inhparent = 'events'::regclass",
    );
    // The default partition and last month to three months ahead.
    expect(partitions.rows[0].n).toBe(6);
  });

  it("refuses a database written by a newer collector", async () => {
    const db = await freshDatabase();
    const client = new pg.Client(db);
    await client.connect();
    later(() => client.end());
    await client.query("CREATE TABLE touchpoint_schema (version integer NOT NULL)");
    await client.query("INSERT INTO touchpoint_schema VALUES (99)");
    const store = openStore(db);
    later(() => store.close());
    await expect(store.ready).rejects.toThrow(
      `database schema version 99 is newer than this collector supports (${PG_SCHEMA_VERSION})`,
    );
  });
});

describe("touchpoint migrate and report", () => {
  it("copies a SQLite database into PostgreSQL once, and both report the same", async () => {
    const file = join(tempDir(), "feedback.db");
    const sqlite = openStore(file);
    const events = messyEvents(300, 3);
    await sqlite.write(events.slice(0, 500), "2024-06-01T00:00:00.000Z");
    await sqlite.write(events.slice(500), "2024-06-02T00:00:00.000Z");
    await sqlite.close();
    const db = await freshDatabase();

    const first = capture();
    expect(await main(["migrate", "--from", file, "--to", db], first.io)).toBe(0);
    expect(first.out.stdout).toBe(
      `Copied ${events.length} events from ${file} to ${db}: ${events.length} new, 0 already there.\n` +
        "Copied config versions: 0 new, 0 already there. Access tokens: 0 new, 0 already there.\n",
    );
    const second = capture();
    expect(await main(["migrate", "--from", file, "--to", db], second.io)).toBe(0);
    expect(second.out.stdout).toContain(`: 0 new, ${events.length} already there.`);

    const fromFile = capture();
    expect(await main(["report", file, "--json"], fromFile.io)).toBe(0);
    const fromPostgres = capture();
    expect(await main(["report", db, "--json"], fromPostgres.io)).toBe(0);
    expect(fromPostgres.out.stderr).toBe("");
    expect(JSON.parse(fromPostgres.out.stdout)).toEqual(JSON.parse(fromFile.out.stdout));
    expect(JSON.parse(fromPostgres.out.stdout).events.counted).toBeGreaterThan(500);

    const text = capture();
    expect(await main(["report", db], text.io)).toBe(0);
    expect(text.out.stdout).toContain("# Touchpoint report");
    const client = new pg.Client(db);
    await client.connect();
    later(() => client.end());
    const received = await client.query(
      "SELECT count(*)::int AS n, count(DISTINCT received_at)::int AS at FROM events",
    );
    expect(received.rows[0]).toEqual({ n: events.length, at: 2 });
  });

  it("copies config versions and access tokens once; a revoked token stays revoked", async () => {
    const file = join(tempDir(), "feedback.db");
    const source = await openStores(file);
    const config = (question: string) => ({
      collector: "/v1/events",
      surveys: [
        { id: "a", type: "nps", touchpoint: "a", copy: { question }, trigger: { on: "pageview" } },
      ],
    });
    for (const [base, question] of ["One?", "Two?"].entries()) {
      await source.configs.publish({
        siteKey: "shop",
        base,
        author: "Ann",
        message: question,
        config: config(question),
        publishedAt: `2026-11-0${base + 1}T10:00:00.000Z`,
      });
    }
    const kept = await createToken(source.access, { role: "editor", site: "shop", name: "Bo" });
    const gone = await createToken(source.access, { role: "viewer", name: "Cy" });
    await source.close();
    const db = await freshDatabase();
    const migrate = async () => {
      const { out, io } = capture();
      const code = await main(["migrate", "--from", file, "--to", db], io);
      return { code, ...out };
    };

    const first = await migrate();
    expect(first).toMatchObject({ code: 0, stderr: "" });
    expect(first.stdout).toContain(
      "Copied config versions: 2 new, 0 already there. Access tokens: 2 new, 0 already there.\n",
    );
    // Revoked in the source after the first copy: the second copy revokes it in the target.
    const again = await openStores(file);
    await again.access.revokeToken(gone.id, "2026-11-30T12:00:00.000Z");
    await again.close();
    const second = await migrate();
    expect(second.stdout).toContain(
      "Copied config versions: 0 new, 2 already there. Access tokens: 0 new, 2 already there.\n",
    );

    const collector = createCollector({ dbPath: db, rateLimit: false });
    later(() => collector.close());
    const { url } = await collector.listen(0);
    const served = await fetch(`${url}/v1/config/shop`);
    expect(served.headers.get("etag")).toBe('"v2"');
    expect(await served.json()).toEqual(config("Two?"));
    const history = await fetch(`${url}/v1/config/shop/versions`, {
      headers: { authorization: `Bearer ${kept.token}` },
    });
    expect((await history.json()).versions).toEqual([
      {
        siteKey: "shop",
        version: 2,
        publishedAt: "2026-11-02T10:00:00.000Z",
        author: "Ann",
        message: "Two?",
      },
      {
        siteKey: "shop",
        version: 1,
        publishedAt: "2026-11-01T10:00:00.000Z",
        author: "Ann",
        message: "One?",
      },
    ]);
    const revoked = await fetch(`${url}/v1/summary`, {
      headers: { authorization: `Bearer ${gone.token}` },
    });
    expect(revoked.status).toBe(401);

    // A version published on the target meanwhile is kept, and the copy says so.
    const target = await openStores(db);
    await target.configs.publish({
      siteKey: "blog",
      base: 0,
      author: "Dee",
      message: "",
      config: config("Blog?"),
      publishedAt: "2026-11-30T12:00:00.000Z",
    });
    await target.close();
    const source2 = await openStores(file);
    await source2.configs.publish({
      siteKey: "blog",
      base: 0,
      author: "Eve",
      message: "",
      config: config("Other?"),
      publishedAt: "2026-11-30T13:00:00.000Z",
    });
    await source2.close();
    const third = await migrate();
    expect(third.code).toBe(1);
    expect(third.stderr).toBe(
      "config blog version 1: the target's differs (published by Dee at 2026-11-30T12:00:00.000Z); kept\n",
    );
    const blog = await (await fetch(`${url}/v1/config/blog`)).json();
    expect(blog).toEqual(config("Blog?"));
  });

  it("says clearly when it cannot reach the database", async () => {
    const { out, io } = capture();
    expect(await main(["report", "postgres://nobody@127.0.0.1:1/none"], io)).toBe(1);
    expect(out.stderr).toMatch(
      /^touchpoint report: cannot read postgres:\/\/nobody@127\.0\.0\.1:1\/none: /,
    );
  });
});
