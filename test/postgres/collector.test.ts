// The collector, its commands and its limits on a real PostgreSQL server.
import { join } from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli";
import { runCollect } from "../../src/cli/collect";
import { createCollector, createToken, openStore, openStores } from "../../src/server";
import { resolveAlerts } from "../../src/server/alerts/config";
import { openFollowUps } from "../../src/server/followups/open";
import { PENDING_IN_SOURCE } from "../../src/server/storage/copy-followups";
import type { PostgresStore } from "../../src/server/storage/postgres";
import { PG_SCHEMA_VERSION } from "../../src/server/storage/postgres-schema";
import { storeSql } from "../../src/server/storage/store-sql";
import { alertsFor } from "../unit/server/alert-helpers";
import { capture } from "./engine-collector";
import { freshDatabase, later, makeEvent, messyEvents, tempDir, valid } from "./helpers";

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
      // Long enough to connect on a busy machine, well inside the busy statement's 5 s.
      poolWaitMs: 1000,
    });
    later(() => collector.close());
    const { url } = await collector.listen(0);
    const store = collector.store as PostgresStore;
    const busy = store.pool.query("SELECT pg_sleep(5)");
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
        "Copied config versions: 0 new, 0 already there. Access tokens: 0 new, 0 already there.\n" +
        "Copied alerts: 0 new or settled since, 0 already there (0 dead letters in the source). Follow-up statuses: 0 new, 0 already there.\n",
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

  it("copies consent, contact, alerts and follow-up statuses once, both ways", async () => {
    const file = join(tempDir(), "feedback.db");
    const sqlite = openStore(file);
    const rules = resolveAlerts(alertsFor("http://127.0.0.1:9/none"), "alerts").rules;
    const { outbox, followUps } = openFollowUps(sqlite, rules, () => 1000);
    const [ann, bo, cy, dee] = [
      makeEvent({ score: 2, consent: true, contact: "ann@example.com", comment: "Slow" }),
      makeEvent({ score: 1, consent: true, contact: "bo@example.com" }),
      makeEvent({ score: 3, consent: false }),
      makeEvent({ score: 10, consent: true, contact: "dee@example.com" }),
    ];
    await sqlite.write(valid([ann, bo, cy, dee]), "2024-06-01T00:00:00.000Z");
    const alertOf = (event: { id: string }) => `${event.id}.detractors.hook`;
    await outbox.delivered(alertOf(ann), "2024-06-01T00:00:01.000Z");
    await outbox.failed(alertOf(bo), "HTTP 410", "2024-06-01T00:00:02.000Z", undefined);
    const change = (status: "in_progress" | "done", note: string | undefined, at: string) => ({
      status,
      note,
      who: "Eve",
      at,
    });
    await followUps.setStatus(ann.id, change("in_progress", "Called", "2024-06-02T09:00:00.000Z"));
    await followUps.setStatus(ann.id, change("done", "Refunded", "2024-06-03T09:00:00.000Z"));
    await followUps.setStatus(bo.id, change("done", undefined, "2024-06-04T09:00:00.000Z"));
    await sqlite.close();
    const db = await freshDatabase();
    const migrate = async (from: string, to: string) => {
      const { out, io } = capture();
      const code = await main(["migrate", "--from", from, "--to", to], io);
      return { code, ...out };
    };

    const first = await migrate(file, db);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(
      "Copied alerts: 3 new or settled since, 0 already there (1 dead letters in the source). Follow-up statuses: 2 new, 0 already there.\n",
    );
    expect(first.stderr).toBe(
      `1 alert(s) still pending in ${file}: copied as dead letters (${PENDING_IN_SOURCE}). Let the source deliver them and run migrate again, or re-send them from the target.\n`,
    );
    const second = await migrate(file, db);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(": 0 new, 4 already there.");
    expect(second.stdout).toContain(
      "Copied alerts: 0 new or settled since, 3 already there (1 dead letters in the source). Follow-up statuses: 0 new, 2 already there.\n",
    );

    const rowsOf = async (where: string) => {
      const store = openStore(where);
      await store.ready;
      const sql = storeSql(store);
      const read = (query: string) => sql.all(query, []);
      try {
        return {
          contacts: await read(
            "SELECT id, consent, contact FROM events WHERE consent IS NOT NULL ORDER BY id",
          ),
          alerts: await read("SELECT id, status, last_error FROM alert_outbox ORDER BY id"),
          followUps: await read(
            "SELECT event_id, site_key, status, note, updated_by, updated_at, first_changed_at FROM followups ORDER BY event_id",
          ),
          history: await read(
            "SELECT event_id, status, note, changed_by, changed_at FROM followup_changes ORDER BY event_id, changed_at",
          ),
        };
      } finally {
        await store.close();
      }
    };
    const inFile = await rowsOf(file);
    const inPostgres = await rowsOf(db);
    expect(inPostgres.contacts).toEqual([
      { id: ann.id, consent: 1, contact: "ann@example.com" },
      { id: bo.id, consent: 1, contact: "bo@example.com" },
      { id: cy.id, consent: 0, contact: null },
      { id: dee.id, consent: 1, contact: "dee@example.com" },
    ]);
    expect(inPostgres.followUps).toEqual(inFile.followUps);
    expect(inPostgres.followUps.map((row) => [row.status, row.note])).toEqual([
      ["done", "Refunded"],
      ["done", null],
    ]);
    expect(inPostgres.history).toEqual(inFile.history);
    expect(inPostgres.history).toHaveLength(3);
    expect(inPostgres.alerts).toEqual([
      { id: alertOf(ann), status: "delivered", last_error: null },
      { id: alertOf(bo), status: "dead", last_error: "HTTP 410" },
      { id: alertOf(cy), status: "dead", last_error: PENDING_IN_SOURCE },
    ]);

    // The target's inbox shows the contacts and statuses; one changed there first is kept.
    const target = openStore(db);
    later(() => target.close());
    const inbox = await openFollowUps(target, undefined, () => 1000).followUps.inbox({
      siteKey: undefined,
      status: undefined,
      limit: 10,
    });
    expect(inbox.map((item) => [item.contact, item.status])).toEqual([
      [null, "new"],
      ["bo@example.com", "done"],
      ["ann@example.com", "done"],
    ]);
    await storeSql(target).run("UPDATE followups SET status = 'new' WHERE event_id = ?", [bo.id]);
    const third = await migrate(file, db);
    expect(third.code).toBe(1);
    expect(third.stderr).toContain(
      `follow-up ${bo.id}: the target's differs (new by Eve at 2024-06-04T09:00:00.000Z); kept\n`,
    );

    // And back: PostgreSQL into a new SQLite file carries the same rows.
    const back = join(tempDir(), "back.db");
    expect((await migrate(db, back)).code).toBe(0);
    const inBack = await rowsOf(back);
    expect(inBack.contacts).toEqual(inPostgres.contacts);
    expect(inBack.history).toEqual(inPostgres.history);
    expect(inBack.alerts).toEqual(inPostgres.alerts);
    expect(inBack.followUps.map((row) => row.status)).toEqual(["done", "new"]);

    // Delivered by the source since: the next run gives the placeholder that outcome. An answer
    // an older migrate copied without its consent and contact gets them filled in.
    const source = openStore(file);
    await openFollowUps(source, undefined, () => 1000).outbox.delivered(
      alertOf(cy),
      "2024-06-05T00:00:00.000Z",
    );
    await source.close();
    await storeSql(target).run("UPDATE events SET consent = NULL, contact = NULL WHERE id = ?", [
      ann.id,
    ]);
    const fourth = await migrate(file, db);
    expect(fourth.stderr).not.toContain("still pending");
    expect(fourth.stdout).toContain("Copied alerts: 1 new or settled since, 2 already there");
    const settled = await rowsOf(db);
    expect(settled.alerts[2]).toEqual({ id: alertOf(cy), status: "delivered", last_error: null });
    expect(settled.contacts).toEqual(inPostgres.contacts);
  });

  it("says clearly when it cannot reach the database", async () => {
    const { out, io } = capture();
    expect(await main(["report", "postgres://nobody@127.0.0.1:1/none"], io)).toBe(1);
    expect(out.stderr).toMatch(
      /^touchpoint report: cannot read postgres:\/\/nobody@127\.0\.0\.1:1\/none: /,
    );
  });
});
