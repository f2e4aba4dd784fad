// @vitest-environment node
// The report reads each survey's variant weights and control from the config (`--config`).
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../../../src/cli/report";
import { buildReport } from "../../../src/report/aggregate";
import { experimentsFromConfig } from "../../../src/report/experiments";
import type { Report } from "../../../src/report/types";
import { armEvents, repeat } from "./fixtures";

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "touchpoint-experiment-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const survey = (id: string, variants?: unknown) => ({
  id,
  type: "nps",
  touchpoint: "order_confirmation",
  copy: { question: "Recommend us?" },
  trigger: { on: "manual" },
  ...(variants ? { variants } : {}),
});
const config = {
  configUrl: "/touchpoint.json",
  surveys: [
    survey("nps-checkout", [
      { key: "long", weight: 80 },
      { key: "short", weight: 20, copy: { question: "Recommend?" } },
    ]),
    survey("nps-plain"),
  ],
};
// 800 : 200 matches the 80 : 20 weights; equal weights would flag it as a mismatch.
const events = () => [
  ...armEvents("short", { shown: 200, scores: repeat(9, 80) }),
  ...armEvents("long", { shown: 800, scores: repeat(9, 160) }),
];

async function runCli(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
  return { code, stdout: out.join(""), stderr: err.join("") };
}

describe("experimentsFromConfig", () => {
  it("reads weights and the first variant as control, skipping surveys without variants", () => {
    expect(experimentsFromConfig(config)).toEqual({
      experiments: { "nps-checkout": { weights: { long: 80, short: 20 }, control: "long" } },
      problems: [],
    });
  });

  it("names what is wrong, with its path", () => {
    expect(experimentsFromConfig({ surveys: [survey("a", [{ key: "x" }])] }).problems).toEqual([
      "surveys[0].variants[0].weight: expected a value (required), got nothing",
    ]);
    expect(experimentsFromConfig([]).problems).toEqual(["surveys: expected a list of surveys"]);
  });
});

describe("buildReport with the config's experiments", () => {
  it("checks the sample ratio against the survey's weights and compares with its first variant", () => {
    const { experiments } = experimentsFromConfig(config);
    const touchpoint = buildReport(events(), { experiments }).surveys[0]?.touchpoints[0];
    expect(touchpoint?.control).toBe("long");
    expect(touchpoint?.arms.map((a) => a.variant)).toEqual(["long", "short"]);
    expect(touchpoint?.sampleRatio).toMatchObject({
      weights: "given",
      expectedShare: { long: 0.8, short: 0.2 },
      flagged: false,
    });
    expect(touchpoint?.winners).toEqual(["short"]);
    // The same events against equal weights: a mismatch, so no winner.
    const equal = buildReport(events()).surveys[0]?.touchpoints[0];
    expect(equal?.sampleRatio?.flagged).toBe(true);
    expect(equal?.winners).toEqual([]);
  });

  it("leaves other surveys to --weights", () => {
    const other = events().map((e) => ({ ...e, surveyId: "nps-plain" }));
    const { experiments } = experimentsFromConfig(config);
    const touchpoint = buildReport(other, { experiments, weights: { long: 4, short: 1 } })
      .surveys[0]?.touchpoints[0];
    expect(touchpoint?.sampleRatio).toMatchObject({ weights: "given", flagged: false });
  });
});

describe("touchpoint report --config", () => {
  it("uses the config's weights for the sample ratio check", async () => {
    const file = join(dir, "events.ndjson");
    const configFile = join(dir, "touchpoint.json");
    await writeFile(
      file,
      events()
        .map((e) => JSON.stringify(e))
        .join("\n"),
    );
    await writeFile(configFile, JSON.stringify(config));
    const { code, stdout, stderr } = await runCli([file, "--json", "--config", configFile]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const touchpoint = (JSON.parse(stdout) as Report).surveys[0]?.touchpoints[0];
    expect(touchpoint?.sampleRatio).toMatchObject({ weights: "given", flagged: false });
    expect(touchpoint?.winners).toEqual(["short"]);
    const text = await runCli([file, `--config=${configFile}`]);
    expect(text.stdout).toMatch(/Sample ratio: as expected \(given weights/);
    expect(text.stdout).toMatch(/- variant short beats long: response rate \+20\.0 points/);
  });

  it("fails clearly on a missing or bad config, and says when it lists no variants", async () => {
    const file = join(dir, "events2.ndjson");
    await writeFile(
      file,
      events()
        .map((e) => JSON.stringify(e))
        .join("\n"),
    );
    const missing = await runCli([file, "--config", join(dir, "nope.json")]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot read the config .*nope\.json: no such file/);

    const broken = join(dir, "broken.json");
    await writeFile(broken, "{ surveys: ");
    expect((await runCli([file, "--config", broken])).stderr).toMatch(/not valid JSON/);

    const bad = join(dir, "bad.json");
    await writeFile(bad, JSON.stringify({ surveys: [survey("a", [{ key: "x", weight: "1" }])] }));
    const badRun = await runCli([file, "--config", bad]);
    expect(badRun.code).toBe(1);
    expect(badRun.stderr).toContain(
      'surveys[0].variants[0].weight: expected a number from 0 to 1000000, got "1"',
    );

    const plain = join(dir, "plain.json");
    await writeFile(plain, JSON.stringify({ surveys: [survey("a")] }));
    const plainRun = await runCli([file, "--config", plain]);
    expect(plainRun.code).toBe(0);
    expect(plainRun.stderr).toMatch(/no survey lists variants/);

    expect((await runCli([file, "--config"])).code).toBe(2);
  });
});
