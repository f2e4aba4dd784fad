import { describe, expect, it } from "vitest";
import { parseEventArray, parseNdjson } from "../../../src/report/ndjson";
import { rowToEvent } from "../../../src/report/row";
import { validateEvent } from "../../../src/report/validate";
import { event } from "./fixtures";

const line = (value: unknown) => JSON.stringify(value);

describe("validateEvent", () => {
  it("accepts a wire-format event and drops unknown fields and nulls", () => {
    const valid = event({ kind: "answer", score: 9, comment: "fast", userId: "u1", holdout: true });
    const result = validateEvent({ ...valid, extra: 1, forced: null });
    expect(result).toEqual({ event: valid, errors: [] });
  });

  it("names every field at fault, with what was expected and found", () => {
    const { id: _id, ...noId } = event();
    const result = validateEvent({
      ...noId,
      kind: "click",
      surveyType: "nps",
      visitorId: 42,
      createdAt: "yesterday",
    });
    expect(result.event).toBeNull();
    expect(result.errors).toEqual([
      "id: missing",
      "visitorId: expected a non-empty string, got 42",
      'kind: expected impression, answer or dismissal, got "click"',
      'createdAt: expected an ISO 8601 time, got "yesterday"',
    ]);
  });

  it("requires a whole score on the survey's scale on answers", () => {
    expect(validateEvent(event({ kind: "answer" })).errors).toEqual(["score: missing"]);
    expect(validateEvent(event({ kind: "answer", score: 6, surveyType: "csat" })).errors).toEqual([
      "score: expected a whole number from 1 to 5 for csat, got 6",
    ]);
    expect(
      validateEvent(event({ kind: "answer", score: 3.5, surveyType: "ces" })).errors,
    ).toHaveLength(1);
    expect(validateEvent(event({ kind: "answer", score: 7, surveyType: "ces" })).errors).toEqual(
      [],
    );
  });

  it("checks optional fields and rejects non-objects", () => {
    const bad = { ...event(), forced: "yes", comment: "x".repeat(2001) };
    expect(validateEvent(bad).errors).toEqual([
      'forced: expected true or false, got "yes"',
      `comment: expected a string of at most 2000 characters, got "${"x".repeat(40)}..."`,
    ]);
    expect(validateEvent([1]).errors).toEqual(["expected an event object, got an array"]);
    expect(validateEvent(null).errors).toEqual(["expected an event object, got null"]);
  });
});

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
      message: 'surveyType: expected nps, csat or ces, got "xyz"',
    });
  });

  it("joins several problems of one line", () => {
    const result = parseNdjson(line({ ...event(), url: "", locale: 3 }));
    expect(result.errors).toEqual([
      {
        line: 1,
        message:
          'url: expected a non-empty string, got ""; locale: expected a non-empty string, got 3',
      },
    ]);
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

describe("rowToEvent", () => {
  it("maps a collector row back to the wire format", () => {
    const row = {
      id: "e1",
      site_key: "site",
      kind: "answer",
      survey_id: "s",
      survey_type: "nps",
      touchpoint: "t",
      variant: "b",
      forced: 0,
      holdout: 1,
      score: 10,
      comment: null,
      created_at: "2025-03-01T10:00:00.000Z",
      received_at: "2025-03-01T10:00:01.000Z",
      visitor_id: "v",
      user_id: null,
      session_id: "se",
      url: "https://x.example/",
      locale: "fr",
      sdk_version: "0.1.0",
    };
    expect(validateEvent(rowToEvent(row)).event).toEqual({
      id: "e1",
      siteKey: "site",
      kind: "answer",
      surveyId: "s",
      surveyType: "nps",
      touchpoint: "t",
      variant: "b",
      holdout: true,
      score: 10,
      createdAt: "2025-03-01T10:00:00.000Z",
      visitorId: "v",
      sessionId: "se",
      url: "https://x.example/",
      locale: "fr",
      sdkVersion: "0.1.0",
    });
    expect(validateEvent(rowToEvent({ ...row, forced: 2 })).errors).toEqual([
      "forced: expected true or false, got 2",
    ]);
  });
});
