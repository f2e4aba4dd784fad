// @vitest-environment node
// The package as a consumer meets it: `npm pack`, then the tarball checked by
// @arethetypeswrong/cli (node10, node16, bundler), type-checked from a fresh TypeScript project
// with "module": "nodenext", and its collector embedded in a Node server from the tarball.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../../..");
const bin = (name: string) => join(root, "node_modules/.bin", name);
let dir = "";
let tarball = "";

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "touchpoint-packed-"));
  execFileSync("npm", ["pack", "--ignore-scripts", "--silent", "--pack-destination", dir], {
    cwd: root,
  });
  tarball = join(dir, readdirSync(dir).find((f) => f.endsWith(".tgz")) as string);
  const modules = join(dir, "app/node_modules");
  mkdirSync(modules, { recursive: true });
  execFileSync("tar", ["-xzf", tarball, "-C", modules]);
  execFileSync("mv", [join(modules, "package"), join(modules, "touchpoint")]);
  // What a site running the collector on SQLite installs beside it: better-sqlite3, not pg (an
  // optional peer dependency, imported only for a postgres:// database).
  for (const name of ["better-sqlite3", "@types"]) {
    symlinkSync(join(root, "node_modules", name), join(modules, name));
  }
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the packed package", () => {
  it("has types that resolve under node10, node16 and bundler (attw, ESM only)", () => {
    const out = execFileSync(
      bin("attw"),
      [tarball, "--ignore-rules", "cjs-resolves-to-esm", "--format", "table-flipped"],
      { encoding: "utf8" },
    );
    expect(out).toContain("No problems found");
  }, 120_000);

  it("type-checks in a fresh nodenext project importing every entry", () => {
    const app = join(dir, "app");
    writeFileSync(
      join(app, "package.json"),
      JSON.stringify({ name: "site", private: true, type: "module" }),
    );
    writeFileSync(
      join(app, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          module: "nodenext",
          target: "es2022",
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: ["node"],
        },
        include: ["main.ts"],
      }),
    );
    writeFileSync(
      join(app, "main.ts"),
      [
        'import { init, type TouchpointConfig } from "touchpoint";',
        'import { SCALES, segmentOf, validateEvent } from "touchpoint/report";',
        'import { type Collector, createCollector } from "touchpoint/collector";',
        'const config: TouchpointConfig = { collector: "/v1/events", surveys: [] };',
        "init(config);",
        'const segment: string = segmentOf("csat", SCALES.csat.min);',
        "const checked = validateEvent({});",
        "const refused: string = checked.ok ? '' : checked.problem;",
        'const collector: Collector = createCollector({ dbPath: ":memory:" });',
        "export { collector, refused, segment };",
      ].join("\n"),
    );
    expect(() =>
      execFileSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", app], {
        encoding: "utf8",
      }),
    ).not.toThrow();
  }, 120_000);

  it("embeds the collector in a site's own Node server, imported from the tarball", async () => {
    const app = join(dir, "app");
    writeFileSync(
      join(app, "server.mjs"),
      `import { createCollector } from "touchpoint/collector";
const collector = createCollector({ dbPath: process.argv[2], rateLimit: false });
const { url } = await collector.listen(0, "127.0.0.1");
const event = { id: "1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b", kind: "answer", siteKey: "shop",
  surveyId: "csat-help", surveyType: "csat", touchpoint: "help", variant: "control", score: 3,
  createdAt: new Date().toISOString(), visitorId: "visitor-1", sessionId: "session-1",
  url: "https://shop.example/help", locale: "en", sdkVersion: "0.1.0" };
const response = await fetch(url + "/v1/events", { method: "POST",
  headers: { "content-type": "text/plain" },
  body: JSON.stringify({ schema: 1, sentAt: event.createdAt, events: [event] }) });
console.log(JSON.stringify({ status: response.status, body: await response.json() }));
await collector.close();
`,
    );
    const out = execFileSync(process.execPath, ["server.mjs", join(dir, "feedback.db")], {
      cwd: app,
      encoding: "utf8",
    });
    expect(JSON.parse(out)).toMatchObject({ status: 200, body: { accepted: 1 } });
  }, 60_000);
});
