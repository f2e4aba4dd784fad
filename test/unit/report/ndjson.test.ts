import { describe, expect, it } from "vitest";
import { parseEventArray, parseNdjson } from "../../../src/report/ndjson";
import { event } from "./fixtures";

const line = (value: unknown) => JSON.stringify(value);

describe("parseNdjson", () => {
  it("reads good lines, skips blank ones and reports bad ones by line number", () => {
    const first = event();
    const third = event({ kind: "dismissal" });
    const text = [
      line(first),
      "",
      line(third),
      "{not json",
      line({ ...event(), surveyType: "xyz" }),
      "  ",
      "",
    ].join("\r\n");
    const result = parseNdjson(text);
    expect(result.events).toEqual([first, third]);
    expect(result.errors).toHaveLength(2);
    expect(result.errors[0]?.line).toBe(4);
    expect(result.errors[0]?.message).toMatch(/^not valid JSON \(/);
    expect(result.errors[1]).toEqual({
      line: 5,
      message: 'surveyType: expected one of "nps", "csat", "ces", got "xyz"',
    });
  });

  it("checks each line as the collector checks what it receives", () => {
    const result = parseNdjson(
      [
        line({ ...event(), url: "" }),
        line(event({ kind: "answer", score: 4, surveyType: "csat", comment: "x".repeat(2001) })),
        line(event({ kind: "impression", score: 9 })),
      ].join("\n"),
    );
    expect(result.events).toEqual([]);
    expect(result.errors.map((e) => e.message)).toEqual([
      'url: expected a string of 1 to 2048 characters without control characters, got ""',
      `comment: expected a string of at most 2000 characters, got "${"x".repeat(39)}…`,
      "score: expected no score on an impression, got 9",
    ]);
  });

  it("reads null as absent, as a database export writes an empty column, and drops unknown fields", () => {
    const valid = event({ kind: "answer", score: 9, comment: "fast", userId: "u1", holdout: true });
    const result = parseNdjson(
      line({ ...valid, forced: null, contact: null, receivedAt: "2025-03-01T10:00:01.000Z" }),
    );
    expect(result).toEqual({ events: [valid], errors: [] });
    const missing = parseNdjson(line({ ...event(), visitorId: null }));
    expect(missing.errors[0]?.message).toBe(
      "visitorId: expected a string of 1 to 128 characters without control characters, got nothing",
    );
  });
});

describe("parseEventArray", () => {
  it("reads an array or a batch, numbering bad entries by position", () => {
    const good = event();
    expect(parseEventArray(line([good, { kind: "answer" }]))?.errors[0]?.line).toBe(2);
    expect(
      parseEventArray(line({ schema: 1, sentAt: good.createdAt, events: [good] }))?.events,
    ).toEqual([good]);
  });

  it("returns null for anything else, so the caller can read NDJSON", () => {
    expect(parseEventArray(line(event()))).toBeNull();
    expect(parseEventArray(`${line(event())}\n${line(event())}`)).toBeNull();
  });
});
