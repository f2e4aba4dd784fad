// @vitest-environment node
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../../../src/cli/report";
import type { Report } from "../../../src/report/types";
import type { TouchpointEvent } from "../../../src/wire/event";
import { armEvents, event, repeat } from "../report/fixtures";

let dir = "";

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "touchpoint-report-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function runCli(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
  return { code, stdout: out.join(""), stderr: err.join("") };
}

const sample = () => [
  ...armEvents("control", { shown: 300, scores: [...repeat(10, 40), ...repeat(2, 20)] }),
  ...armEvents("b", { shown: 300, scores: [...repeat(10, 70), ...repeat(2, 20)] }),
];

const toNdjson = (events: readonly unknown[]) => events.map((e) => JSON.stringify(e)).join("\n");

function createDatabase(file: string, events: readonly TouchpointEvent[]): void {
  const db = new Database(file);
  db.exec(`CREATE TABLE events (
    id TEXT PRIMARY KEY, site_key TEXT, kind TEXT, survey_id TEXT, survey_type TEXT,
    touchpoint TEXT, variant TEXT, forced INTEGER, holdout INTEGER, score REAL NULL,
    comment TEXT NULL, created_at TEXT, received_at TEXT, visitor_id TEXT, user_id TEXT NULL,
    session_id TEXT, url TEXT, locale TEXT, sdk_version TEXT)`);
  const insert = db.prepare(
    `INSERT INTO events VALUES (@id, @siteKey, @kind, @surveyId, @surveyType, @touchpoint,
      @variant, @forced, @holdout, @score, @comment, @createdAt, @createdAt, @visitorId, @userId,
      @sessionId, @url, @locale, @sdkVersion)`,
  );
  const insertAll = db.transaction((rows: readonly TouchpointEvent[]) => {
    for (const e of rows) {
      insert.run({
        ...e,
        forced: e.forced ? 1 : 0,
        holdout: e.holdout ? 1 : 0,
        score: e.score ?? null,
        comment: e.comment ?? null,
        userId: e.userId ?? null,
      });
    }
  });
  insertAll(events);
  db.close();
}

describe("touchpoint report", () => {
  it("prints the report of an NDJSON file and lists bad lines on stderr", async () => {
    const file = join(dir, "events.ndjson");
    const lines = toNdjson(sample()).split("\n");
    lines.splice(11, 0, "{oops", JSON.stringify({ ...event(), visitorId: "" }));
    await writeFile(file, `${lines.join("\n")}\n`);
    const { code, stdout, stderr } = await runCli([file]);
    expect(code).toBe(0);
    expect(stderr).toMatch(/^line 12: not valid JSON/);
    expect(stderr).toContain(
      'line 13: visitorId: expected a string of 1 to 128 characters without control characters, got ""\n',
    );
    expect(stderr).toContain("2 bad lines skipped; the report covers the 750 good events\n");
    expect(stdout).toContain("# Touchpoint report");
    expect(stdout).toContain("| b | 300 | 90 | 0 | 30.0% (");
    // 30% against 20% of 300 each is not yet enough for an always-valid verdict.
    expect(stdout).toMatch(/- variant b vs control: response rate \+10\.0 points, 97\.5% interval/);
    expect(stdout).toContain(
      "**No winner yet: keep the test running and look as often as you like;",
    );
    expect(stdout).toContain(
      "Method: always-valid 95% confidence sequences (Waudby-Smith et al. 2023",
    );
  });

  it("uses fixed-horizon tests with --fixed and plans for --mde", async () => {
    const file = join(dir, "fixed.ndjson");
    await writeFile(file, toNdjson(sample()));
    const { code, stdout } = await runCli([file, "--fixed", "--mde", "5"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/- variant b beats control: response rate \+10\.0 points/);
    expect(stdout).toContain("Method: fixed-horizon two-proportion z and Welch t tests");
    // 20% baseline, +5 points, alpha 0.05 / 2 primary comparisons, 80% power:
    // (2.241403 + 0.841621)^2 * (0.16 + 0.1875) / 0.05^2 = 1321.2 -> 1,322.
    expect(stdout).toContain(
      "Planning: to find a 5.0-point lift over a 20.0% response rate (80% power): 1,322 visitors shown per variant",
    );
    const bad = await runCli([file, "--mde", "lots"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      '--mde: expected points of response rate between 0 and 100, such as 3, got "lots"',
    );
  });

  it("prints JSON with --json and uses --weights for the sample ratio check", async () => {
    const file = join(dir, "weights.jsonl");
    await writeFile(file, toNdjson(sample()));
    const { code, stdout, stderr } = await runCli([file, "--json", "--weights", "control=90,b=10"]);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    const report = JSON.parse(stdout) as Report;
    const touchpoint = report.surveys[0]?.touchpoints[0];
    expect(touchpoint?.sampleRatio).toMatchObject({ weights: "given", flagged: true });
    expect(touchpoint?.winners).toEqual([]);
    const equal = JSON.parse((await runCli([file, "--json", "--fixed"])).stdout) as Report;
    expect(equal.surveys[0]?.touchpoints[0]?.winners).toEqual(["b"]);
  });

  it("warns by name about a --weights key no event has and an event key the weights miss", async () => {
    const file = join(dir, "typo.ndjson");
    await writeFile(
      file,
      toNdjson([
        ...sample(),
        ...armEvents("contrl", { shown: 3 }),
        ...armEvents("control", { shown: 2, extra: { surveyId: "other" } }),
      ]),
    );
    const { code, stdout } = await runCli([file, "--weights", "control=50,benefti=50"]);
    expect(code).toBe(0);
    expect(stdout).toContain(
      'Warning: variant "contrl" is in the events but not in the weights ("control", "benefti"): check for a typo',
    );
    expect(stdout).toContain('Warning: variant "b" is in the events but not in the weights');
    expect(stdout).toContain(
      'Warning: the weights name variant "benefti", which no event here has (variants seen: "control", "b", "contrl").',
    );
    // A survey with one copy and no experiment gets no warning about the weights.
    expect(stdout.match(/Warning: /g)?.length).toBe(3);
  });

  it("reads a .json array or batch", async () => {
    const file = join(dir, "batch.json");
    await writeFile(
      file,
      JSON.stringify({ schema: 1, sentAt: "2025-03-01T10:00:00Z", events: [event(), { kind: 1 }] }),
    );
    const { code, stdout, stderr } = await runCli([file, "--json"]);
    expect(code).toBe(0);
    expect(stderr).toMatch(
      /^event 2: id: expected 8 to 64 letters, digits or dashes, got nothing\n/,
    );
    expect((JSON.parse(stdout) as Report).events.counted).toBe(1);
  });

  it("reads the collector's SQLite database", async () => {
    const file = join(dir, "feedback.db");
    const events = [...sample(), ...armEvents("b", { shown: 5, extra: { forced: true } })];
    createDatabase(file, events);
    const { code, stdout, stderr } = await runCli([file, "--json"]);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    const report = JSON.parse(stdout) as Report;
    expect(report.events).toMatchObject({ counted: 750, forcedPreviews: 5 });
    expect(report.surveys[0]?.touchpoints[0]?.arms.map((a) => [a.variant, a.answers])).toEqual([
      ["control", 60],
      ["b", 90],
    ]);
  });

  it("fails clearly when the file is missing, unreadable or not a collector database", async () => {
    const missing = await runCli([join(dir, "nope.ndjson")]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(
      /^touchpoint report: cannot read .*nope\.ndjson: no such file\n$/,
    );
    expect(missing.stdout).toBe("");
    const notDb = join(dir, "other.sqlite");
    new Database(notDb).close();
    const wrong = await runCli([notDb]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain("cannot read");
    expect(wrong.stderr).toContain("no such table: events");
  });

  it("exits 1 when no line is good, and 2 on usage errors", async () => {
    const file = join(dir, "bad.ndjson");
    await writeFile(file, "nope\n");
    expect((await runCli([file])).code).toBe(1);
    expect((await runCli([])).stderr).toMatch(/^Usage: touchpoint report/);
    const help = await runCli(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("--fixed    fixed-horizon tests");
    expect(help.stdout).toContain("--mde N    smallest lift in response rate worth finding");
    expect((await runCli([file, "--bogus"])).code).toBe(2);
    const weights = await runCli([file, "--weights", "control=fifty"]);
    expect(weights.code).toBe(2);
    expect(weights.stderr).toContain(
      '--weights: expected key=number pairs such as control=50,b=50, got "control=fifty"',
    );
    expect((await runCli([join(dir, "events.csv")])).code).toBe(2);
  });
});
