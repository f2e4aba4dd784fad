// @vitest-environment node
// Checks the built artifact (npm test builds first): the JSON Schemas describe the same config
// that validate() accepts, and the lazy chunks stand alone so the classic script can import them.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const dist = new URL("../../../dist/", import.meta.url);
const read = (file: string) => readFileSync(new URL(file, dist), "utf8");

describe("dist", () => {
  it("ships a JSON Schema of the config, with the documented defaults and examples", () => {
    const schema = JSON.parse(read("config.schema.json"));
    const config = schema.definitions.TouchpointConfig;
    expect(Object.keys(config.properties)).toEqual(
      expect.arrayContaining(["siteKey", "collector", "surveys", "policy", "requireConsent"]),
    );
    expect(config.properties.siteKey.default).toBe("default");
    expect(schema.definitions.SurveyConfig.required).toEqual(
      expect.arrayContaining(["id", "type", "touchpoint", "copy", "trigger"]),
    );
    expect(schema.definitions.TriggerSignal.enum).toEqual(
      expect.arrayContaining(["pageview", "event", "manual", "scroll", "exit"]),
    );
  });

  it("ships a JSON Schema of the wire format", () => {
    const schema = JSON.parse(read("events.schema.json"));
    expect(schema.definitions.TouchpointEvent.required).toEqual(
      expect.arrayContaining(["id", "kind", "surveyId", "createdAt", "visitorId"]),
    );
  });

  it("ships a JSON Schema of the alert rules file, with consent and contact on the wire", () => {
    const schema = JSON.parse(read("alerts.schema.json"));
    expect(schema.definitions.AlertsConfig.required).toEqual(["destinations", "rules"]);
    expect(Object.keys(schema.definitions.AlertMatch.properties)).toEqual(
      expect.arrayContaining(["segment", "score", "hasComment", "consent", "siteKey"]),
    );
    const events = JSON.parse(read("events.schema.json"));
    expect(Object.keys(events.definitions.TouchpointEvent.properties)).toEqual(
      expect.arrayContaining(["consent", "contact"]),
    );
  });

  it("keeps the lazily loaded chunks self-contained: no static import, dynamic ones only of other lazy chunks", () => {
    const chunks = JSON.parse(read("chunks.json"));
    const lazy = readdirSync(dist).filter((f) => /^touchpoint-[\w.-]+-[\w-]{8}\.mjs$/.test(f));
    expect(lazy).toContain(chunks.engine);
    // The classic script loads the content-hashed names; the plain names re-export them.
    expect(read("touchpoint.js")).toContain(chunks.engine);
    expect(read("touchpoint-engine.mjs")).toBe(`export * from "./${chunks.engine}";\n`);
    for (const chunk of lazy) {
      const code = read(chunk);
      // Static imports (`import{x}from"./y"`, `import"./y"`) would tie the chunk to others.
      expect(code, chunk).not.toMatch(/\bfrom\s*["']\.{0,2}\/|\bimport\s*["']/);
      expect(code, chunk).not.toMatch(/touchpoint\.m?js["']/);
      const targets = [...code.matchAll(/\bimport\s*\(\s*["'`]([^"'`]*)/g)].map((m) => m[1]);
      for (const target of targets) {
        expect(target, `${chunk} imports ${target}`).toMatch(/^\.\/touchpoint-[\w.-]+\.mjs$/);
        expect(lazy, `${chunk} imports ${target}`).toContain(target?.slice(2));
      }
    }
    expect(read(chunks.engine)).toMatch(/\.\/touchpoint-anchor-[\w-]{8}\.mjs/);
    expect(read("touchpoint.js")).not.toMatch(/preact|floating-ui/i);
  });

  it("names the chunks of one build with one hash, so the engine's list of its parts compresses", () => {
    const lazy = readdirSync(dist).filter((f) => /^touchpoint-[\w.-]+-[\w-]{8}\.mjs$/.test(f));
    const hashes = new Set(lazy.map((f) => f.slice(-12, -4)));
    expect(lazy.length).toBeGreaterThan(5);
    expect([...hashes]).toHaveLength(1);
    // Each file's source map is renamed with it (shipped beside it, not named in it).
    for (const file of lazy) expect(JSON.parse(read(`${file}.map`)).file).toBe(file);
  });

  it("ships the question UI in the engine's file: a first prompt needs the core and one chunk", async () => {
    const chunks = JSON.parse(read("chunks.json"));
    // The core loads chunk "ui" from the engine's file, which it has loaded by then.
    expect(chunks.ui).toBe(chunks.engine);
    expect(readdirSync(dist).filter((f) => /^touchpoint-ui-[\w-]{8}\.mjs$/.test(f))).toEqual([]);
    const engine = await import(new URL(chunks.engine, dist).href);
    expect(Object.keys(engine)).toEqual(
      expect.arrayContaining(["createEngine", "validate", "mount", "preload"]),
    );
    // Whoever imports the UI by its plain name gets the same module, not a second copy.
    const ui = await import(new URL("touchpoint-ui.mjs", dist).href);
    expect(ui.mount).toBe(engine.mount);
    expect(read("touchpoint-ui.mjs")).toBe(`export * from "./${chunks.engine}";\n`);
  });

  it("ships type declarations for the public API", () => {
    const types = read("types/index.d.ts");
    for (const name of [
      "init",
      "track",
      "validate",
      "TouchpointConfig",
      "TouchpointEvent",
      "Explanation",
    ])
      expect(types).toContain(name);
  });
});
