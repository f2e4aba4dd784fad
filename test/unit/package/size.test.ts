// @vitest-environment node
// The size check (scripts/size.mjs) against doctored copies of the built chunks (npm test builds
// first): the words of explain() and debug mode must stay out of the engine's file.
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

const dist = fileURLToPath(new URL("../../../dist/", import.meta.url));
const script = fileURLToPath(new URL("../../../scripts/size.mjs", import.meta.url));
const copies: string[] = [];
afterEach(() => {
  for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the browser chunks, the engine's file changed by `edit`. */
function copy(edit: (engine: string) => string = (e) => e) {
  const dir = mkdtempSync(join(tmpdir(), "touchpoint-size-"));
  copies.push(dir);
  for (const f of readdirSync(dist))
    if (f.startsWith("touchpoint") || f === "chunks.json") cpSync(join(dist, f), join(dir, f));
  const engine = JSON.parse(readFileSync(join(dir, "chunks.json"), "utf8")).engine;
  writeFileSync(join(dir, engine), edit(readFileSync(join(dir, engine), "utf8")));
  return dir;
}

const size = (dir?: string) =>
  new Promise<{ code: number; out: string }>((resolve) =>
    execFile(process.execPath, [script, "--dist", ...(dir ? [dir] : [])], (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, out: stdout + stderr }),
    ),
  );

describe("size check", () => {
  it("passes this build, the wording a part of its own", async () => {
    const { code, out } = await size(copy());
    expect(out).toMatch(/ok +wording part/);
    expect(code).toBe(0);
  });

  it("fails when the rules' or the debug lines' wording is back in the engine's file", async () => {
    const verdicts = await size(copy((e) => `${e}\nconsole.log("2 days required");`));
    expect(verdicts.code).toBe(1);
    expect(verdicts.out).toMatch(
      /holds the rules' wording \(days required\); it belongs in touchpoint-wording-/,
    );
    const lines = await size(copy((e) => `${e}\nconsole.log("x: pending prompt withdrawn");`));
    expect(lines.out).toContain("holds the debug lines' wording (pending prompt withdrawn)");
  });

  it("names what is missing when --dist has no folder", async () => {
    const { code, out } = await size();
    expect(code).toBe(1);
    expect(out).toContain("--dist needs a folder");
  });

  it("fails when the engine's file imports no wording part", async () => {
    const { code, out } = await size(
      copy((e) => e.replace(/touchpoint-wording-/g, "touchpoint-other-")),
    );
    expect(code).toBe(1);
    expect(out).toContain("should import one touchpoint-wording-<hash>.mjs");
  });
});
