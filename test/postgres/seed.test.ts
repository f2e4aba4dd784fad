// `touchpoint seed` on PostgreSQL, as typed: the same simulated data set as on SQLite (events,
// consent and contacts, figures, alerts and follow-up histories), once per site key, and
// replaced on request without touching real events.
import { describe, expect, it } from "vitest";
import { runSeed } from "../../src/cli/seed";
import { openFollowUps } from "../../src/server/followups/open";
import { storeSql } from "../../src/server/storage/store-sql";
import type { EventStore } from "../../src/server/storage/types";
import { capture } from "./engine-collector";
import { makeEvent, openTestStore, target, valid } from "./helpers";

const NOW = Date.parse("2026-11-23T12:00:00.000Z");
const DAY = 86_400_000;
const FLAGS = ["--visitors", "400", "--days", "14"];

/** Runs `touchpoint seed` with `argv`; resolves to its exit code and output. */
async function seed(argv: string[], env: NodeJS.ProcessEnv = {}, now = NOW) {
  const { out, io } = capture(env);
  const code = await runSeed(argv, io, () => now);
  return { code, ...out };
}

/** What a dashboard shows of a seeded database: figures, the inbox, and the stored rows. */
async function shown(store: EventStore) {
  const sql = storeSql(store);
  const count = async (query: string) => Number((await sql.all(query, []))[0]?.n);
  const { followUps } = openFollowUps(store, undefined, () => NOW);
  const report = await store.report({}, {});
  return {
    report: { ...report, generatedAt: undefined },
    summary: await store.summary({}),
    inbox: await followUps.inbox({ siteKey: "demo-shop", status: undefined, limit: 500 }),
    // In no particular order: time to follow-up takes them as a set.
    timings: (await followUps.timings("demo-shop", undefined)).sort((a, b) =>
      `${a.createdAt}${a.touchpoint}`.localeCompare(`${b.createdAt}${b.touchpoint}`),
    ),
    events: await count("SELECT COUNT(*) AS n FROM events"),
    contacts: await count("SELECT COUNT(*) AS n FROM events WHERE contact IS NOT NULL"),
    changes: await count("SELECT COUNT(*) AS n FROM followup_changes"),
  };
}

/** A store on `at`, opened after `touchpoint seed` closed its own. */
async function reopen(at: string) {
  return openTestStore(at.startsWith("postgres") ? "postgres" : "sqlite", at);
}

describe("touchpoint seed on PostgreSQL", () => {
  it("seeds what it seeds on SQLite, follow-ups included, from --db or DATABASE_URL", async () => {
    const [file, url] = await Promise.all([target("sqlite"), target("postgres")]);
    const onFile = await seed(["--db", file, ...FLAGS]);
    const onUrl = await seed(FLAGS, { DATABASE_URL: url });
    expect(onUrl.code, onUrl.stderr).toBe(0);
    expect(onFile.code, onFile.stderr).toBe(0);
    const seeded = /^Seeded .*?: ([\d,]+) events from 400 simulated visitors over 14 days\./;
    expect(onUrl.stdout).toMatch(seeded);
    expect(onUrl.stdout.replace(url, "")).toBe(onFile.stdout.replace(file, ""));
    expect(onUrl.stdout).toMatch(/Follow-ups: [1-9]\d* unhappy answers alerted/);

    const [pg, sqlite] = [await shown(await reopen(url)), await shown(await reopen(file))];
    expect(pg.events).toBe(Number(seeded.exec(onUrl.stdout)?.[1]?.replace(/,/g, "")));
    expect(pg.inbox.length).toBeGreaterThan(10);
    expect(pg.inbox.filter((item) => item.status === "done").length).toBeGreaterThan(0);
    expect(pg.inbox.filter((item) => item.status === "new").length).toBeGreaterThan(0);
    expect(pg.inbox.filter((item) => item.contact !== null).length).toBeGreaterThan(0);
    expect(pg.inbox.every((item) => item.alerts[0]?.status === "delivered")).toBe(true);
    expect(pg).toEqual(sqlite);
  });

  it("adds nothing when run again, and --replace keeps real events and their figures right", async () => {
    const url = await target("postgres");
    const real = await reopen(url);
    const answer = makeEvent({ siteKey: "demo-shop", score: 2, comment: "Real and unhappy" });
    expect(await real.write(valid([answer]), new Date(NOW).toISOString())).toBe(1);

    const first = await seed(["--db", url, ...FLAGS]);
    expect(first.code, first.stderr).toBe(0);
    const before = await shown(real);

    const again = await seed(["--db", url, ...FLAGS], {}, NOW + DAY);
    expect(again).toEqual({
      code: 0,
      stdout: `${url} already holds ${(before.events - 1).toLocaleString("en-US")} simulated events for demo-shop; nothing added (--replace simulates again, up to today).\n`,
      stderr: "",
    });
    expect(await shown(real)).toEqual(before);

    const replaced = await seed(["--db", url, ...FLAGS, "--replace"], {}, NOW + DAY);
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(replaced.stdout).toContain(
      `, replacing ${(before.events - 1).toLocaleString("en-US")} simulated earlier.`,
    );
    const after = await shown(real);
    const stored = Number(/: ([\d,]+) events from/.exec(replaced.stdout)?.[1]?.replace(/,/g, ""));
    expect(after.events).toBe(stored + 1);
    // The figures count what the table holds: the real answer and the new data set only.
    expect(after.report.events.received).toBe(stored + 1);
    const ids = await storeSql(real).all("SELECT COUNT(*) AS n FROM event_ids", []);
    expect(Number(ids[0]?.n)).toBe(stored + 1);
    expect(after.changes).toBe(after.inbox.filter((item) => item.updatedBy !== null).length);

    // Recounted roll-ups, as the writer counts them: the same as one seeding, on SQLite.
    const file = await target("sqlite");
    const fresh = await reopen(file);
    await fresh.write(valid([answer]), new Date(NOW).toISOString());
    expect((await seed(["--db", file, ...FLAGS], {}, NOW + DAY)).code).toBe(0);
    expect(await shown(fresh)).toEqual(after);
  });

  it("names an unreachable database and exits 1", async () => {
    const result = await seed(["--db", "postgres://touchpoint:secret@127.0.0.1:1/none"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^touchpoint seed: database unavailable: .*ECONNREFUSED/);
    expect(result.stderr).not.toContain("secret");
  });
});
