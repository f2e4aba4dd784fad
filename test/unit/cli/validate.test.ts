// @vitest-environment node
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../../src/cli/index";

function io() {
  const out = { stdout: "", stderr: "" };
  return {
    out,
    io: { stdout: (t: string) => (out.stdout += t), stderr: (t: string) => (out.stderr += t) },
  };
}

function file(content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "tp-validate-")), "touchpoint.json");
  writeFileSync(path, content);
  return path;
}

describe("touchpoint validate", () => {
  it("says valid and exits 0 for a good config", async () => {
    const { out, io: cli } = io();
    const path = file(JSON.stringify({ collector: "/collect", surveys: [] }));
    expect(await main(["validate", path], cli)).toBe(0);
    expect(out.stdout).toBe(`${path}: valid\n`);
  });

  it("prints every problem with its path and exits 1", async () => {
    const { out, io: cli } = io();
    const path = file(
      JSON.stringify({
        collector: "/collect",
        surveys: [
          {
            id: "a",
            type: "nps",
            touchpoint: "t",
            copy: { question: "Q" },
            trigger: { on: "event" },
            percent: "fifty",
          },
        ],
      }),
    );
    expect(await main(["validate", path], cli)).toBe(1);
    expect(out.stderr).toBe(
      `${path}: 2 problems\n` +
        '  surveys[0].percent: expected a number from 1 to 100, got "fifty"\n' +
        '  surveys[0].trigger.event: expected an event name (required when "on" is "event"), got nothing\n',
    );
  });

  it("explains unreadable input", async () => {
    const { out, io: cli } = io();
    expect(await main(["validate", file("{ nope")], cli)).toBe(1);
    expect(out.stderr).toMatch(/not valid JSON/);
    expect(await main(["validate", "/no/such/file.json"], cli)).toBe(1);
    expect(out.stderr).toMatch(/ENOENT|no such file/);
    expect(await main(["validate"], cli)).toBe(2);
    expect(await main(["frobnicate"], cli)).toBe(2);
    expect(out.stderr).toContain('unknown command "frobnicate"');
  });
});
