import { describe, expect, it } from "vitest";
import { rowToEvent } from "../../../src/wire/row";
import { problemOf, validateEvent } from "../../../src/wire/validate";

const row = {
  id: "event-0001",
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

describe("rowToEvent", () => {
  it("maps a stored row to the wire format, NULL columns left out, with when it was received", () => {
    expect(rowToEvent(row)).toEqual({
      id: "event-0001",
      siteKey: "site",
      kind: "answer",
      surveyId: "s",
      surveyType: "nps",
      touchpoint: "t",
      variant: "b",
      forced: false,
      holdout: true,
      score: 10,
      createdAt: "2025-03-01T10:00:00.000Z",
      receivedAt: "2025-03-01T10:00:01.000Z",
      visitorId: "v",
      sessionId: "se",
      url: "https://x.example/",
      locale: "fr",
      sdkVersion: "0.1.0",
    });
  });

  it("gives a row that is not an event to the validator to name", () => {
    const checked = validateEvent(rowToEvent({ ...row, forced: 2 }));
    expect(checked.ok || problemOf(checked)).toBe("forced: expected true or false, got 2");
    const { receivedAt: _, ...event } = rowToEvent(row);
    expect(validateEvent(rowToEvent(row))).toEqual({ ok: true, event });
  });
});
