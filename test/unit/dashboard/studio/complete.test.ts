// @vitest-environment node
// The studio's JSON completion, against the schema the build ships (npm test builds first).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { caretContext, completions, type Schema } from "../../../../dashboard/studio/complete";

const schema = JSON.parse(
  readFileSync(new URL("../../../../dist/dashboard/config.schema.json", import.meta.url), "utf8"),
) as Schema;

/** Completions at the `|` in `text`. */
function at(text: string) {
  const caret = text.indexOf("|");
  return completions(schema, text.replace("|", ""), caret);
}

describe("JSON view completion", () => {
  it("knows the path and whether a key or a value is being typed", () => {
    const text = '{"surveys": [{"id": "a"}, {"trigger": {"on": "ev';
    expect(caretContext(text, text.length)).toEqual({
      path: ["surveys", 1, "trigger", "on"],
      position: "value",
      prefix: "ev",
      from: text.length - 3,
    });
  });

  it("offers the keys of the object at the caret with their documentation", () => {
    const result = at('{"surveys": [{"copy": {"question": "Hi?", "fo|');
    expect(result?.items.map((c) => c.label)).toEqual(["followUp"]);
    expect(result?.items[0]?.insert).toBe('"followUp": ');
    expect(result?.items[0]?.detail).toMatch(/^Optional open "why\?" question/);
    const top = at("{\n  |");
    expect(top?.items.map((c) => c.label)).toEqual(
      expect.arrayContaining(["siteKey", "surveys", "policy", "theme"]),
    );
  });

  it("offers the allowed values of an enumerated field", () => {
    expect(at('{"surveys": [{"trigger": {"on": |')?.items.map((c) => c.label)).toEqual(
      expect.arrayContaining(['"pageview"', '"event"', '"exit"', '"manual"']),
    );
    expect(at('{"surveys": [{"type": "c|')?.items.map((c) => c.label)).toEqual(['"csat"', '"ces"']);
    expect(at('{"theme": {"position": "bottom-|')?.items.map((c) => c.label)).toEqual([
      '"bottom-right"',
      '"bottom-left"',
      '"bottom-bar"',
    ]);
  });
});
