// @vitest-environment node
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { followUpTimes, quantile, weekOf } from "../../../src/server/followups/times";
import { alertsFor, startReceiver, until } from "./alert-helpers";
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

describe("follow-up inbox", () => {
  it("lists alerted answers unhappiest and oldest first, records status changes with who, and times them", async () => {
    const receiver = await startReceiver();
    let now = Date.parse("2026-11-30T10:00:00.000Z");
    let delivered = 0;
    const { url, dbPath, auth } = await startCollector({
      alerts: alertsFor(receiver.url),
      now: () => now,
      onAlertAttempt: (_alert, outcome) => {
        if (outcome === "delivered") delivered++;
      },
    });
    const older = makeEvent({ score: 5, createdAt: "2026-11-30T08:00:00.000Z", comment: "meh" });
    const worst = makeEvent({
      score: 0,
      createdAt: "2026-11-30T09:00:00.000Z",
      consent: true,
      contact: "ana@example.com",
    });
    const newer = makeEvent({ score: 5, createdAt: "2026-11-30T09:30:00.000Z" });
    const csat = makeEvent({
      surveyType: "csat",
      surveyId: "csat",
      touchpoint: "help",
      score: 1,
      createdAt: "2026-11-30T09:45:00.000Z",
    });
    await post(`${url}/v1/events`, batch([newer, older, worst, csat, makeEvent({ score: 9 })]));
    await until(() => delivered === 4, "four alerts delivered");
    const inbox = async () =>
      (await (await fetch(`${url}/v1/followups?siteKey=site-a`, { headers: auth })).json()) as {
        targetHours: number;
        rows: Array<Record<string, unknown>>;
      };
    const before = await inbox();
    expect(before.targetHours).toBe(48);
    expect(before.rows.map((r) => r.eventId)).toEqual([worst.id, csat.id, older.id, newer.id]);
    expect(before.rows[0]).toMatchObject({
      status: "new",
      consent: true,
      contact: "ana@example.com",
      score: 0,
    });
    expect(before.rows[2]).toMatchObject({ consent: false, contact: null, comment: "meh" });
    expect(before.rows[0]?.alerts).toMatchObject([{ status: "delivered", destination: "hook" }]);

    now = Date.parse("2026-11-30T12:00:00.000Z");
    const change = await fetch(`${url}/v1/followups/${worst.id}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...auth },
      body: JSON.stringify({ status: "done", note: "Called back, refund sent" }),
    });
    expect(change.status).toBe(200);
    expect(await change.json()).toMatchObject({
      status: "done",
      note: "Called back, refund sent",
      updatedBy: "test admin",
      firstChangedAt: "2026-11-30T12:00:00.000Z",
    });
    const after = await inbox();
    expect(after.rows.at(-1)?.eventId).toBe(worst.id);

    const times = (await (
      await fetch(`${url}/v1/followups/times?siteKey=site-a`, { headers: auth })
    ).json()) as {
      overall: Record<string, unknown>;
    };
    expect(times.overall).toMatchObject({ alerted: 4, followedUp: 1, medianHours: 3, p90Hours: 3 });

    const bad = await fetch(`${url}/v1/followups/${worst.id}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...auth },
      body: JSON.stringify({ status: "closed" }),
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      error: 'status: expected one of "new", "in_progress", "done", got "closed"',
    });
    const unknown = await fetch(`${url}/v1/followups/${makeEvent().id}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...auth },
      body: "{}",
    });
    expect(unknown.status).toBe(404);
    const db = new Database(dbPath, { readonly: true });
    expect(db.prepare("SELECT status, changed_by AS who FROM followup_changes").all()).toEqual([
      { status: "done", who: "test admin" },
    ]);
    db.close();
  });

  it("asks access control: reading needs read, changing needs follow-up, and who is the principal", async () => {
    const asked: string[] = [];
    const { url } = await startCollector({
      alerts: alertsFor("http://127.0.0.1:9/none"),
      access: {
        authorize: async (_req, site, right) => {
          asked.push(`${site} ${right}`);
          return { name: "maria", role: "editor" };
        },
      },
    });
    const answer = makeEvent({ score: 2 });
    await post(`${url}/v1/events`, batch([answer]));
    await fetch(`${url}/v1/followups?siteKey=site-a`);
    await fetch(`${url}/v1/followups/times`);
    const change = await fetch(`${url}/v1/followups/${answer.id}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ status: "in_progress" }),
    });
    expect(await change.json()).toMatchObject({ updatedBy: "maria", status: "in_progress" });
    expect(asked).toEqual(["site-a read", "undefined read", "site-a follow-up"]);
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

  it("stores consent and contact in the answer's row, filling them in from a re-send, never a contact without consent", async () => {
    const { url, dbPath } = await startCollector();
    const answer = makeEvent({ score: 4 });
    const declined = makeEvent({ score: 4 });
    await post(`${url}/v1/events`, batch([answer, declined]));
    await post(
      `${url}/v1/events`,
      batch([{ ...answer, comment: "Slow", consent: true, contact: "ana@example.com" }]),
    );
    await post(`${url}/v1/events`, batch([{ ...declined, consent: false }]));
    // A later re-send cannot add a contact to an answer whose visitor declined.
    await post(
      `${url}/v1/events`,
      batch([{ ...declined, consent: true, contact: "late@example.com" }]),
    );
    const db = new Database(dbPath, { readonly: true });
    const rows = db
      .prepare("SELECT id, comment, consent, contact FROM events ORDER BY rowid")
      .all();
    db.close();
    expect(rows).toEqual([
      { id: answer.id, comment: "Slow", consent: 1, contact: "ana@example.com" },
      { id: declined.id, comment: null, consent: 0, contact: null },
    ]);
  });
});
