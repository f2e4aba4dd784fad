// @vitest-environment node
// Checks the built artifact (npm test builds first): the JSON Schemas describe the same config
// that validate() accepts, and the lazy chunks stand alone so the classic script can import them.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const dist = new URL("../../dist/", import.meta.url);
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
    expect(schema.definitions.TriggerConfig.properties.on.enum).toEqual([
      "pageview",
      "event",
      "manual",
    ]);
  });

  it("ships a JSON Schema of the wire format", () => {
    const schema = JSON.parse(read("events.schema.json"));
    expect(schema.definitions.TouchpointEvent.required).toEqual(
      expect.arrayContaining(["id", "kind", "surveyId", "createdAt", "visitorId"]),
    );
  });

  it("keeps the lazily loaded chunks self-contained (no import of the core or of shared chunks)", () => {
    for (const chunk of ["touchpoint-engine.mjs", "touchpoint-ui.mjs"]) {
      const code = read(chunk);
      expect(code, chunk).not.toMatch(/\bfrom\s*["']\.\//);
      expect(code, chunk).not.toMatch(/\bimport\s*\(\s*["']\.\//);
    }
    expect(read("touchpoint.js")).not.toMatch(/preact|floating-ui/i);
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
