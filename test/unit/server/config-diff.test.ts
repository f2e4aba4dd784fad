// @vitest-environment node
import { describe, expect, it } from "vitest";
import { describeChange, diffConfigs } from "../../../src/server/config-diff";

const survey = (id: string, question: string) => ({
  id,
  type: "nps",
  touchpoint: id,
  copy: { question },
  trigger: { on: "pageview" },
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
