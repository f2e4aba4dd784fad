// @vitest-environment node
// pg is an optional peer dependency: a site that stores in SQLite never loads it and need not
// install it. Each check runs the built package (npm test builds first) in a child Node process
// whose module resolution hides pg, as on a machine without it.
import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { makeEvent, tempDir } from "./helpers";

const run = promisify(execFile);
const root = new URL("../../../", import.meta.url);

const HOOKS = `export async function resolve(specifier, context, next) {
  if (specifier === "pg" || specifier.startsWith("pg/")) {
    const error = new Error("Cannot find package 'pg' (hidden by the test)");
    error.code = "ERR_MODULE_NOT_FOUND";
    throw error;
  }
  return next(specifier, context);
}
`;

const SERVER = `import { createCollector } from ${JSON.stringify(new URL("dist/collector.mjs", root).href)};
const [dbPath] = process.argv.slice(2);
const collector = createCollector({ dbPath, rateLimit: false });
try {
  const { url } = await collector.listen(0, "127.0.0.1");
  const event = ${JSON.stringify(makeEvent())};
  const response = await fetch(url + "/v1/events", { method: "POST",
    headers: { "content-type": "application/x-ndjson" }, body: JSON.stringify(event) });
  console.log(JSON.stringify({ status: response.status, body: await response.json() }));
} catch (error) {
  console.log(JSON.stringify({ error: error.message }));
} finally {
  await collector.close().catch(() => undefined);
}
`;

/** Runs `args` in Node with pg hidden; resolves to its stdout and stderr. */
async function withoutPg(dir: string, args: string[]) {
  writeFileSync(join(dir, "hooks.mjs"), HOOKS);
  writeFileSync(
    join(dir, "hide-pg.mjs"),
    'import { register } from "node:module";\nregister("./hooks.mjs", import.meta.url);\n',
  );
  const hide = new URL(`file://${join(dir, "hide-pg.mjs")}`).href;
  return run(process.execPath, ["--import", hide, ...args], { cwd: dir, encoding: "utf8" });
}

describe("pg is loaded only for a postgres:// database", () => {
  it("imports the collector module and stores in SQLite without pg", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "server.mjs"), SERVER);
    const { stdout } = await withoutPg(dir, ["server.mjs", join(dir, "feedback.db")]);
    expect(JSON.parse(stdout)).toMatchObject({ status: 200, body: { accepted: 1 } });
  }, 60_000);

  it("runs the command line on SQLite without pg", async () => {
    const dir = tempDir();
    const bin = new URL("bin/touchpoint.mjs", root).pathname;
    const db = join(dir, "feedback.db");
    const seeded = await withoutPg(dir, [
      bin,
      "seed",
      "--db",
      db,
      "--visitors",
      "40",
      "--days",
      "3",
    ]);
    expect(seeded.stdout).toMatch(/^Seeded .*feedback\.db: [\d,]+ events from 40 simulated/);
    const report = await withoutPg(dir, [bin, "report", db]);
    expect(report.stdout).toContain("nps-order");
  }, 60_000);

  it("loads pg when a postgres:// URL is opened, and says so when it is missing", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "server.mjs"), SERVER);
    const { stdout } = await withoutPg(dir, ["server.mjs", "postgres://touchpoint@127.0.0.1:1/x"]);
    expect(JSON.parse(stdout)).toEqual({
      error: "storing in PostgreSQL needs the pg package: npm i pg",
    });
  }, 60_000);
});
