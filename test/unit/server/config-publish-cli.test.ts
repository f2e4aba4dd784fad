// @vitest-environment node
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../../src/cli/index";
import { describeChange, diffConfigs } from "../../../src/server/config-diff";
import { sqliteConfigStore } from "../../../src/server/config-store";
import { openDatabase } from "../../../src/server/db";
import { startCollector, tempDir } from "./helpers";

function capture() {
  const out = { stdout: "", stderr: "" };
  const io = {
    stdout: (text: string) => {
      out.stdout += text;
    },
    stderr: (text: string) => {
      out.stderr += text;
    },
  };
  return { out, io };
}

const survey = (id: string, question: string) => ({
  id,
  type: "nps",
  touchpoint: id,
  copy: { question },
  trigger: { on: "pageview" },
});

describe("touchpoint publish", () => {
  it("publishes a valid file as the next version, which the collector then serves", async () => {
    const dir = tempDir();
    const db = join(dir, "feedback.db");
    const file = join(dir, "touchpoint.json");
    writeFileSync(
      file,
      JSON.stringify({ $schema: "x", collector: "/v1/events", surveys: [survey("a", "One?")] }),
    );
    const { out, io } = capture();
    expect(await main(["publish", file, "--db", db, "--site", "shop", "--author", "ci"], io)).toBe(
      0,
    );
    expect(out.stdout).toContain("shop: published");
    expect(out.stdout).toContain("as version 1");
    const { url, auth } = await startCollector({ dbPath: db });
    const served = await (await fetch(`${url}/v1/config/shop`)).json();
    expect(served).toEqual({ collector: "/v1/events", surveys: [survey("a", "One?")] });
    const history = await (await fetch(`${url}/v1/config/shop/versions`, { headers: auth })).json();
    expect(history.versions[0]).toMatchObject({ version: 1, author: "ci" });
  });

  it("refuses a file with problems, naming each, and keeps studio edits with --if-unchanged-by", async () => {
    const dir = tempDir();
    const db = join(dir, "feedback.db");
    const file = join(dir, "touchpoint.json");
    writeFileSync(
      file,
      JSON.stringify({ collector: "/c", surveys: [{ ...survey("a", "x"), percent: 0 }] }),
    );
    const bad = capture();
    expect(await main(["publish", file, "--db", db, "--site", "shop"], bad.io)).toBe(1);
    expect(bad.out.stderr).toContain("surveys[0].percent: expected a number from 1 to 100, got 0");

    writeFileSync(file, JSON.stringify({ collector: "/c", surveys: [survey("a", "From file?")] }));
    const args = [
      "publish",
      file,
      "--db",
      db,
      "--site",
      "shop",
      "--author",
      "demo",
      "--if-unchanged-by",
      "demo",
    ];
    expect(await main(args, capture().io)).toBe(0);
    const database = openDatabase(db);
    const store = sqliteConfigStore(database);
    await store.publish({
      siteKey: "shop",
      base: 1,
      author: "Ann",
      message: "studio edit",
      config: { collector: "/c", surveys: [survey("a", "From the studio?")] },
      publishedAt: new Date().toISOString(),
    });
    database.close();
    const kept = capture();
    expect(await main(args, kept.io)).toBe(0);
    expect(kept.out.stdout).toBe(`shop: version 2 (by Ann) kept; ${file} not published\n`);
  });
});

describe("config diff", () => {
  it("sees keys named like Object's own members added and removed", () => {
    const before = JSON.parse('{"where":{"constructor":{"eq":1}}}');
    const after = JSON.parse('{"where":{"toString":{"eq":2}}}');
    expect(diffConfigs(before, after).map(describeChange)).toEqual([
      'where.constructor: removed (was {"eq":1})',
      'where.toString: added {"eq":2}',
    ]);
  });

  it("matches surveys by id and variants by key, whatever their place, and says when order changed", () => {
    const before = {
      surveys: [survey("a", "A?"), survey("b", "B?")],
      policy: { maxPerSession: 1 },
    };
    const after = {
      surveys: [
        { ...survey("b", "B2?"), variants: [{ key: "control", weight: 50 }] },
        survey("a", "A?"),
        survey("c", "C?"),
      ],
    };
    expect(diffConfigs(before, after).map(describeChange)).toEqual([
      'surveys[b].copy.question: "B?" -> "B2?"',
      'surveys[b].variants: added [{"key":"control","weight":50}]',
      `surveys[c]: added ${JSON.stringify(survey("c", "C?"))}`,
      'surveys: "order a, b" -> "order b, a, c"',
      'policy: removed (was {"maxPerSession":1})',
    ]);
    expect(diffConfigs(after, after)).toEqual([]);
  });
});
