// @vitest-environment node
// The peeking simulation runs against the built report module (npm test builds first) and prints
// its table; a short run checks the command, not its figures (those are in README).
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const script = new URL("../../../bench/peeking.mjs", import.meta.url).pathname;

describe("bench/peeking.mjs", () => {
  it("prints each scenario with its runs, share and 95% interval, then the power ratio", async () => {
    const { stdout } = await run(process.execPath, [
      script,
      ...["--runs", "8", "--days", "7", "--visitors", "300", "--seed", "3"],
    ]);
    const rows = stdout.split("\n").filter((line) => /^\| (A\/A|25% vs 20%)/.test(line));
    expect(rows).toHaveLength(7);
    for (const row of rows) {
      expect(row).toMatch(
        /\| 8 \| \d+\.\d% \| \d+\.\d to \d+\.\d% \((false|the better variant)\) \|$/,
      );
    }
    expect(stdout).toMatch(/\nPower, always-valid read daily \/ fixed horizon read once: /);
  }, 60_000);

  it("refuses a bad option with a clear message", async () => {
    await expect(run(process.execPath, [script, "--type", "ces"])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining("--type nps or csat"),
    });
  });
});
