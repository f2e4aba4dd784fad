// @vitest-environment node
import { describe, expect, it } from "vitest";
import { parseAlerts } from "../../../src/server/alerts/config";

describe("alert rules file", () => {
  it("names every problem with its path", () => {
    const source = JSON.stringify({
      destinations: {
        hook: { url: "ftp://x" },
        slack: { type: "slack", url: "https://hooks.slack.com/x", secret: "short" },
      },
      rules: [
        {
          name: "a",
          destinations: ["hook", "pager"],
          match: { segment: "angry", score: { min: 7, max: 3 } },
        },
        { name: "a", destinations: ["slack"], wait: 3 },
      ],
    });
    expect(() => parseAlerts(source, "alerts.json", {})).toThrow(
      [
        "alerts.json: 3 problems",
        '  destinations.hook.url: expected an http(s) URL like "https://hooks.example.com/touchpoint", got "ftp://x"',
        '  rules[0].match.segment: expected a segment (detractor, passive, promoter, low, middle, high), or a list of them, got "angry"',
        "  rules[1].wait: expected a known option (name, match, destinations, waitSeconds), got 3",
      ].join("\n"),
    );
  });

  it("checks secrets and destination names once the shape is right", () => {
    const source = JSON.stringify({
      destinations: {
        hook: { url: "https://x.example/h" },
        slack: { type: "slack", url: "https://hooks.slack.com/x", secret: "env:NOPE" },
      },
      rules: [{ name: "a", destinations: ["hook", "pager"], match: { score: { min: 7, max: 3 } } }],
    });
    let message = "";
    try {
      parseAlerts(source, "alerts.json", {});
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(
      "destinations.hook.secret: expected a signing secret (required for a webhook), got nothing",
    );
    expect(message).toContain(
      'destinations.slack.secret: expected environment variable NOPE to hold the secret, got "env:NOPE"',
    );
    expect(message).toContain(
      'rules[0].destinations[1]: expected one of the destinations ("hook", "slack"), got "pager"',
    );
    expect(message).toContain(
      'rules[0].match.score: expected min at most max, got {"min":7,"max":3}',
    );
  });

  it("points at the line and column of a JSON syntax error", () => {
    expect(() => parseAlerts('{\n  "rules": [,]\n}', "alerts.json")).toThrow(/line 2, column 13/);
  });
});
