// @vitest-environment node
import { describe, expect, it } from "vitest";
import { followUpTimes, quantile, weekOf } from "../../../src/server/followups/times";
import { batch, makeEvent, post, startCollector } from "./helpers";

const HOUR = 3_600_000;

describe("time to follow-up", () => {
  // Reference values from Python's statistics.quantiles(data, n=10, method="inclusive") and
  // statistics.median, which use the same definition (Hyndman & Fan type 7).
  it("takes quantiles by linear interpolation between closest ranks", () => {
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1, 10);
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.1)).toBeCloseTo(1.9, 10);
    expect(quantile([0.5, 2, 12, 30, 70], 0.5)).toBe(12);
    expect(quantile([0.5, 2, 12, 30, 70], 0.9)).toBeCloseTo(54, 10);
    expect(quantile([1, 3.25, 47, 49], 0.5)).toBeCloseTo(25.125, 10);
    expect(quantile([1, 3.25, 47, 49], 0.9)).toBeCloseTo(48.4, 10);
    expect(quantile([], 0.5)).toBeNull();
  });

  it("groups by touchpoint and week (Monday, UTC) and counts late and overdue against the target", () => {
    expect(weekOf("2026-11-29T23:00:00.000Z")).toBe("2026-11-23");
    expect(weekOf("2026-11-30T01:00:00.000Z")).toBe("2026-11-30");
    const now = Date.parse("2026-12-10T00:00:00Z");
    const at = (iso: string, hours: number | null) => ({
      touchpoint: "cart",
      createdAt: iso,
      firstChangedAt:
        hours === null ? null : new Date(Date.parse(iso) + hours * HOUR).toISOString(),
    });
    const { byTouchpointWeek, overall } = followUpTimes(
      [
        at("2026-11-30T10:00:00.000Z", 1),
        at("2026-12-01T10:00:00.000Z", 3.25),
        at("2026-12-02T10:00:00.000Z", 47),
        at("2026-12-03T10:00:00.000Z", 49),
        at("2026-12-04T10:00:00.000Z", null),
        { ...at("2026-12-09T20:00:00.000Z", null), touchpoint: "help" },
      ],
      48,
      now,
    );
    expect(byTouchpointWeek).toEqual([
      {
        touchpoint: "cart",
        week: "2026-11-30",
        alerted: 5,
        followedUp: 4,
        medianHours: 25.125,
        p90Hours: expect.closeTo(48.4, 10),
        late: 1,
        overdue: 1,
      },
      {
        touchpoint: "help",
        week: "2026-12-07",
        alerted: 1,
        followedUp: 0,
        medianHours: null,
        p90Hours: null,
        late: 0,
        overdue: 0,
      },
    ]);
    expect(overall).toMatchObject({ alerted: 6, followedUp: 4, late: 1, overdue: 1 });
  });
});

describe("consent and contact on the wire and in storage", () => {
  it("refuses a contact without consent, and on events other than answers", async () => {
    const { url } = await startCollector();
    const noConsent = await post(
      `${url}/v1/events`,
      batch([makeEvent({ contact: "a@b.example" })]),
    );
    expect(noConsent.status).toBe(400);
    expect(noConsent.json.error).toBe(
      'events[0].contact: expected no contact unless "consent" is true, got "a@b.example"',
    );
    const declined = await post(
      `${url}/v1/events`,
      batch([makeEvent({ consent: false, contact: "a@b.example" })]),
    );
    expect(declined.status).toBe(400);
    const impression = await post(
      `${url}/v1/events`,
      batch([makeEvent({ kind: "impression", score: undefined, consent: true } as never)]),
    );
    expect(impression.json.error).toBe(
      "events[0].consent: expected no consent on an impression, got true",
    );
    const tooLong = await post(
      `${url}/v1/events`,
      batch([makeEvent({ consent: true, contact: "x".repeat(255) })]),
    );
    expect(tooLong.status).toBe(400);
  });
});
