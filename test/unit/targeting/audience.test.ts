import { describe, expect, it } from "vitest";
import { audienceReader, deviceClass } from "../../../src/targeting/audience";
import { failing } from "../../../src/targeting/conditions";
import { matches } from "../../../src/targeting/match";
import { scheduleVerdict } from "../../../src/targeting/schedule";

const nav = (userAgent: string, maxTouchPoints = 0) => ({ userAgent, maxTouchPoints }) as Navigator;

describe("audience", () => {
  it("classifies devices from the user agent", () => {
    expect(deviceClass(nav("Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/130"))).toBe(
      "desktop",
    );
    expect(
      deviceClass(nav("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148")),
    ).toBe("mobile");
    expect(deviceClass(nav("Mozilla/5.0 (Linux; Android 14; Pixel 8) Mobile Safari"))).toBe(
      "mobile",
    );
    expect(deviceClass(nav("Mozilla/5.0 (Linux; Android 14; SM-X710) Safari"))).toBe("tablet");
    expect(deviceClass(nav("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) Safari", 5))).toBe(
      "tablet",
    );
  });

  it("reads traits, attributes, journey counters and UTM of the landing page", () => {
    history.replaceState(null, "", "/page?utm_medium=email");
    const read = audienceReader({
      window,
      locale: "fr-CA",
      journey: {
        session: () => ({ pages: 4, landing: "?utm_source=newsletter&utm_medium=social" }),
        ever: () => ({ sessions: 3 }),
      },
      traits: () => ({ plan: "pro" }),
      attributes: () => ({ cartValue: 120 }),
    });
    expect(
      [
        "locale",
        "pages",
        "sessions",
        "utm.source",
        "utm.medium",
        "utm.campaign",
        "trait.plan",
        "attribute.cartValue",
      ].map(read),
    ).toEqual(["fr-CA", 4, 3, "newsletter", "email", undefined, "pro", 120]);
    history.replaceState(null, "", "/");
  });

  it("combines conditions with all, any and not, and says which one failed", () => {
    const values: Record<string, unknown> = {
      device: "desktop",
      "trait.plan": "free",
      sessions: 4,
    };
    const why = (c: Record<string, unknown>) => failing(c as never, (f) => values[f], matches);
    expect(why({ device: "desktop", sessions: { gte: 3 } })).toBeUndefined();
    expect(why({ "trait.plan": { in: ["pro", "team"] } })).toBe(
      'trait.plan "free" fails {"in":["pro","team"]}',
    );
    expect(why({ any: [{ device: "mobile" }, { sessions: { gte: 3 } }] })).toBeUndefined();
    expect(why({ any: [{ device: "mobile" }, { "trait.plan": "pro" }] })).toBe(
      'none of: device "desktop" is not "mobile"; trait.plan "free" is not "pro"',
    );
    expect(why({ not: { device: "desktop" } })).toBe('not {"device":"desktop"} holds');
    expect(why({ all: [{ device: "desktop" }, { not: { "trait.plan": "pro" } }] })).toBeUndefined();
    expect(why({ "trait.missing": { exists: true } })).toBe(
      'trait.missing nothing fails {"exists":true}',
    );
  });
});

describe("schedule", () => {
  const monday9 = Date.UTC(2026, 10, 23, 8, 30); // 09:30 in Paris, a Monday
  it("checks dates, days and hours in the time zone", () => {
    const s = { days: ["mon" as const], hours: { from: 9, to: 17 }, timeZone: "Europe/Paris" };
    expect(scheduleVerdict(s, monday9)).toEqual({
      rule: "schedule",
      ok: true,
      detail: "Mon 09:30 Europe/Paris is within the schedule",
    });
    expect(scheduleVerdict({ ...s, timeZone: "America/New_York" }, monday9).detail).toBe(
      "Mon 03:30 America/New_York is outside hours 9-17",
    );
    expect(
      scheduleVerdict({ hours: { from: 22, to: 6 }, timeZone: "UTC" }, Date.UTC(2026, 0, 1, 23)).ok,
    ).toBe(true);
    expect(
      scheduleVerdict({ hours: { from: 22, to: 6 }, timeZone: "UTC" }, Date.UTC(2026, 0, 1, 12)).ok,
    ).toBe(false);
    expect(scheduleVerdict({ start: "2026-12-01" }, monday9).detail).toBe(
      "2026-11-23T08:30:00.000Z is before start 2026-12-01",
    );
    expect(scheduleVerdict({ end: "2026-11-01" }, monday9).ok).toBe(false);
  });
});
