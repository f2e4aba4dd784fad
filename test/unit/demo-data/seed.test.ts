// @vitest-environment node
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runSeed } from "../../../src/cli/seed";
import type { SurveyConfig } from "../../../src/config/types";
import { seedDatabase } from "../../../src/demo-data/seed";
import { INCIDENT, SIMULATED_SURVEYS, simulateJourney } from "../../../src/demo-data/simulate";
import { buildReport } from "../../../src/report/aggregate";
import { npsValue } from "../../../src/report/nps";
import { openStore } from "../../../src/server";
import { openDatabase } from "../../../src/server/db";
import { createEventWriter } from "../../../src/server/store";
import { validateEvent } from "../../../src/wire/validate";
import { capture, countRows, makeEvent, tempDir } from "../server/helpers";

const NOW = Date.parse("2026-11-23T12:00:00.000Z");
const DAY = 86_400_000;
const demoConfig = JSON.parse(
  readFileSync(new URL("../../../demo/touchpoint.json", import.meta.url), "utf8"),
) as { siteKey: string; surveys: SurveyConfig[] };

describe("simulateJourney", () => {
  const events = simulateJourney({ now: NOW });

  it("simulates the demo config's surveys, in its journey order", () => {
    expect(SIMULATED_SURVEYS.map(({ id, type, touchpoint }) => ({ id, type, touchpoint }))).toEqual(
      demoConfig.surveys.map(({ id, type, touchpoint }) => ({ id, type, touchpoint })),
    );
    expect(new Set(events.map((e) => e.siteKey))).toEqual(new Set([demoConfig.siteKey]));
    expect(new Set(events.map((e) => e.surveyId))).toEqual(
      new Set(demoConfig.surveys.map((s) => s.id)),
    );
  });

  it("gives thousands of wire-format events, oldest first, inside the period", () => {
    expect(events.length).toBeGreaterThan(5000);
    expect(events.every((e) => validateEvent(e).ok)).toBe(true);
    const times = events.map((e) => Date.parse(e.createdAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(NOW - 56 * DAY);
    expect(Math.max(...times)).toBeLessThan(NOW);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    expect(events.filter((e) => e.comment).length).toBeGreaterThan(300);
  });

  it("is the same data set for the same seed, ids included, and another for another seed", () => {
    const again = simulateJourney({ now: NOW });
    expect(again.map((e) => e.id)).toEqual(events.map((e) => e.id));
    const other = simulateJourney({ now: NOW, seed: 2, visitors: 100 });
    expect(other[0]?.id).not.toBe(events[0]?.id);
  });

  it("runs the order NPS copy test with a true difference the report finds", () => {
    const report = buildReport(events);
    const order = report.surveys.find((s) => s.surveyId === "nps-order")?.touchpoints[0];
    expect(order?.arms.map((a) => a.variant)).toEqual(["control", "benefit"]);
    const [control, benefit] = order?.arms ?? [];
    expect(benefit?.responseRate?.value).toBeGreaterThan(control?.responseRate?.value ?? 100);
    const responseRate = order?.comparisons.find((c) => c.metric === "responseRate");
    expect(responseRate?.outcome).toBe("better");
    expect(order?.sampleRatio?.flagged).toBe(false);
    expect(order?.winners).toEqual(["benefit"]);
  });

  it("dents the order NPS during the week of late deliveries", () => {
    const from = NOW - INCIDENT.fromDaysAgo * DAY;
    const to = NOW - INCIDENT.toDaysAgo * DAY;
    const nps = (inside: boolean) => {
      const scores = events
        .filter((e) => e.surveyId === "nps-order" && e.kind === "answer")
        .filter((e) => {
          const t = Date.parse(e.createdAt);
          return (t >= from && t < to) === inside;
        })
        .map((e) => npsValue(e.score as number));
      return (100 * scores.reduce((a: number, b) => a + b, 0)) / scores.length;
    };
    expect(nps(false) - nps(true)).toBeGreaterThan(30);
  });
});

describe("seedDatabase", () => {
  it("seeds a site once, replaces its simulated events on request, and never touches real ones", async () => {
    const path = join(tempDir(), "seed.db");
    const db = openDatabase(path);
    const real = { ...makeEvent({ siteKey: "demo-shop" }) };
    try {
      await createEventWriter(db)([real], new Date(NOW).toISOString());
      const first = await seedDatabase(db, { now: NOW, visitors: 500 });
      expect(first).toMatchObject({ existing: 0, skipped: false, replaced: 0 });
      expect(first.stored).toBe(first.events);
      expect(first.events).toBeGreaterThan(200);
      expect(countRows(path)).toBe(first.events + 1);

      const again = await seedDatabase(db, { now: NOW + DAY, visitors: 500 });
      expect(again).toEqual({
        existing: first.events,
        skipped: true,
        replaced: 0,
        events: 0,
        stored: 0,
        followUps: 0,
      });

      const replaced = await seedDatabase(db, { now: NOW + DAY, visitors: 500, replace: true });
      expect(replaced).toMatchObject({ skipped: false, replaced: first.events });
      expect(countRows(path)).toBe(replaced.stored + 1);
      // The roll-ups forget the replaced events: the report counts what the table holds.
      const store = openStore(path);
      const report = await store.report({}, {});
      await store.close();
      expect(report.events.received).toBe(replaced.stored + 1);
      expect(db.prepare("SELECT COUNT(*) AS n FROM events WHERE id = ?").get(real.id)).toEqual({
        n: 1,
      });

      const alerted = db.prepare("SELECT COUNT(*) AS n FROM alert_outbox").get() as { n: number };
      expect(alerted.n).toBe(replaced.followUps);

      const otherSite = await seedDatabase(db, { now: NOW, visitors: 50, siteKey: "other" });
      expect(otherSite.skipped).toBe(false);
    } finally {
      db.close();
    }
  });
});

describe("touchpoint seed", () => {
  it("fills a database and says what the data set holds", async () => {
    const path = join(tempDir(), "feedback.db");
    const { out, io } = capture();
    const args = ["--db", path, "--visitors", "300", "--days", "14"];
    expect(await runSeed(args, io, () => NOW)).toBe(0);
    expect(out.stdout).toMatch(
      /^Seeded .*feedback\.db: [\d,]+ events from 300 simulated visitors over 14 days\./,
    );
    expect(out.stdout).toContain(
      "nps-order at order_confirmation, A/B test of the question copy (control vs benefit)",
    );
    expect(out.stdout).toContain("control: response rate 30%, NPS +22");
    expect(out.stdout).toContain("benefit: response rate 37%, NPS +33");
    expect(countRows(path)).toBeGreaterThan(0);
    const again = capture();
    expect(await runSeed(args, again.io, () => NOW)).toBe(0);
    expect(again.out.stdout).toMatch(
      /^.*feedback\.db already holds [\d,]+ simulated events for demo-shop; nothing added \(--replace simulates again, up to today\)\.\n$/,
    );
    const replace = capture();
    expect(await runSeed([...args, "--replace"], replace.io, () => NOW)).toBe(0);
    expect(replace.out.stdout).toMatch(/, replacing [\d,]+ simulated earlier\./);
  });

  it.each([
    [[], "--db: required, e.g. --db feedback.db"],
    [
      ["--db", "x.db", "--visitors", "many"],
      '--visitors: expected an integer from 1 to 200000, got "many"',
    ],
    [["--db", "x.db", "--days", "0"], '--days: expected an integer from 1 to 3650, got "0"'],
    [
      ["--db", "x.db", "--site-key", "a b"],
      '--site-key: expected letters, digits, _ or -, got "a b"',
    ],
    [
      ["--db", "x.db", "--origin", "shop"],
      '--origin: expected an origin like "https://shop.example" or "*", got "shop"',
    ],
    [["--db", "x.db", "--fast"], "Unknown option '--fast'"],
  ])("exits 2 on %j with a clear message", async (argv, message) => {
    const { out, io } = capture();
    expect(await runSeed(argv, io, () => NOW)).toBe(2);
    expect(out.stderr).toContain(`touchpoint seed: ${message}`);
    expect(out.stderr).toContain("Usage: touchpoint seed");
  });

  it("prints its usage on --help", async () => {
    const { out, io } = capture();
    expect(await runSeed(["--help"], io, () => NOW)).toBe(0);
    expect(out.stdout).toContain("Usage: touchpoint seed --db feedback.db [options]");
  });
});

describe("simulated follow-ups", () => {
  it("alerts every unhappy simulated answer, some followed up fast, some late, some overdue, contacts only with consent", async () => {
    const path = join(tempDir(), "seed.db");
    const db = openDatabase(path);
    try {
      const result = await seedDatabase(db, { now: NOW, visitors: 3000 });
      expect(result.followUps).toBeGreaterThan(50);
      const { SqliteFollowUpStore } = await import("../../../src/server/followups/sqlite");
      const { SqliteAlertOutbox } = await import("../../../src/server/alerts/sqlite-outbox");
      const { followUpTimes } = await import("../../../src/server/followups/times");
      const store = new SqliteFollowUpStore(db, new SqliteAlertOutbox(db));
      const times = followUpTimes(await store.timings("demo-shop", undefined), 48, NOW);
      expect(times.overall.alerted).toBe(result.followUps);
      expect(times.overall.followedUp).toBeGreaterThan(0);
      expect(times.overall.late).toBeGreaterThan(0);
      expect(times.overall.overdue).toBeGreaterThan(0);
      expect(times.overall.medianHours).toBeLessThan(48);
      const withoutConsent = db
        .prepare("SELECT COUNT(*) AS n FROM events WHERE contact IS NOT NULL AND consent IS NOT 1")
        .get();
      expect(withoutConsent).toEqual({ n: 0 });
      const contacts = db
        .prepare("SELECT COUNT(*) AS n FROM events WHERE contact IS NOT NULL")
        .get();
      expect((contacts as { n: number }).n).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  });
});
