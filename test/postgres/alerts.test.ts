// Alerts, follow-ups and consent on each engine: one suite, run against SQLite and PostgreSQL, with
// real collectors and a real webhook receiver that checks every signature.
import Database from "better-sqlite3";
import pg from "pg";
import { describe, expect, it } from "vitest";
import type { CollectorOptions } from "../../src/server";
import { isPostgresUrl } from "../../src/server";
import {
  alertsFor,
  freePort,
  type Received,
  startReceiver,
  until,
  verified,
} from "../unit/server/alert-helpers";
import { batch, makeEvent, post, startCollector } from "../unit/server/helpers";
import { type EngineName, target } from "./helpers";

const ENGINES: EngineName[] = ["sqlite", "postgres"];

/** Rows of a query on either engine's database, through a connection of its own. */
async function rowsOf(db: string, sql: string): Promise<Record<string, unknown>[]> {
  if (!isPostgresUrl(db)) {
    const file = new Database(db, { readonly: true });
    try {
      return file.prepare(sql).all() as Record<string, unknown>[];
    } finally {
      file.close();
    }
  }
  const client = new pg.Client(db);
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

const detractor = (overrides = {}) => makeEvent({ score: 3, ...overrides });

describe.each(ENGINES)("on %s", (engine) => {
  /** A collector on a fresh database of this engine, with an admin token (`auth`). */
  const start = async (options: Partial<CollectorOptions> = {}) =>
    startCollector({ ...options, dbPath: await target(engine) });

  describe("alerts", () => {
    it("sends a detractor answer as a signed webhook with what the team needs to follow up", async () => {
      const receiver = await startReceiver();
      const { url } = await start({ alerts: alertsFor(receiver.url) });
      const answer = detractor({
        comment: "Late again",
        consent: true,
        contact: "ana@example.com",
      });
      expect(
        (await post(`${url}/v1/events`, batch([answer, makeEvent({ score: 10 })]))).status,
      ).toBe(200);
      await until(() => receiver.received.length === 1, "the alert");
      const [request] = receiver.received as [Received];
      expect(verified(request)).toBe(true);
      expect(request.headers["webhook-id"]).toBe(`${answer.id}.detractors.hook`);
      expect(request.json).toMatchObject({
        type: "feedback.created",
        data: {
          eventId: answer.id,
          rule: "detractors",
          score: 3,
          segment: "detractor",
          comment: "Late again",
          touchpoint: "order_confirmation",
          variant: "control",
          page: "https://shop.example/thanks",
          consent: true,
          contact: "ana@example.com",
          dashboardUrl: `${url}/dashboard/?site=site-a#followup-${answer.id}`,
        },
      });
      // A tampered body fails verification.
      expect(verified({ ...request, body: request.body.replace("Late", "Early") })).toBe(false);
    });

    it("queues one alert for an answer re-sent with the same id, and sends a late comment as an update of it", async () => {
      const receiver = await startReceiver();
      const { url, dbPath } = await start({ alerts: alertsFor(receiver.url) });
      const answer = detractor();
      await post(`${url}/v1/events`, batch([answer]));
      await until(() => receiver.received.length === 1, "the alert");
      await post(`${url}/v1/events`, batch([answer]));
      await post(`${url}/v1/events`, batch([{ ...answer, comment: "Too slow" }]));
      await until(() => receiver.received.length === 2, "the update");
      await post(`${url}/v1/events`, batch([{ ...answer, comment: "Too slow" }]));
      const [first, update] = receiver.received as [Received, Received];
      expect(first.json).toMatchObject({ type: "feedback.created", data: { comment: null } });
      expect(update.headers["webhook-id"]).toBe(`${first.headers["webhook-id"]}.u1`);
      expect(update.json).toMatchObject({
        type: "feedback.updated",
        data: { comment: "Too slow" },
      });
      expect(await rowsOf(dbPath, "SELECT id, type FROM alert_outbox ORDER BY id")).toEqual([
        { id: `${answer.id}.detractors.hook`, type: "feedback.created" },
        { id: `${answer.id}.detractors.hook.u1`, type: "feedback.updated" },
      ]);
      expect(receiver.received).toHaveLength(2);
    });

    it("waits for the follow-up step when the rule says so, and sends at once when it arrives", async () => {
      const receiver = await startReceiver();
      const alerts = alertsFor(receiver.url);
      alerts.rules = [{ name: "detractors", destinations: ["hook"], waitSeconds: 600 }];
      const { url } = await start({ alerts });
      const answer = detractor();
      await post(`${url}/v1/events`, batch([answer]));
      await post(`${url}/v1/events`, batch([{ ...answer, comment: "Broken", consent: true }]));
      await until(() => receiver.received.length === 1, "the alert");
      expect(receiver.received[0]?.json).toMatchObject({
        data: { comment: "Broken", consent: true },
      });
    });

    it("does not hold an answer that arrives with its follow-up step already", async () => {
      const receiver = await startReceiver();
      const alerts = alertsFor(receiver.url);
      alerts.rules = [{ name: "detractors", destinations: ["hook"], waitSeconds: 600 }];
      const { url } = await start({ alerts });
      await post(`${url}/v1/events`, batch([detractor({ comment: "Broken", consent: true })]));
      await until(() => receiver.received.length === 1, "the alert");
      expect(receiver.received[0]?.json).toMatchObject({ data: { comment: "Broken" } });
    });

    it("matches on consent: an answer qualifies once its follow-up step says yes", async () => {
      const receiver = await startReceiver();
      const alerts = alertsFor(receiver.url);
      alerts.rules = [
        { name: "call-back", match: { consent: true }, destinations: ["hook"] } as never,
      ];
      const { url } = await start({ alerts });
      const answer = detractor();
      await post(`${url}/v1/events`, batch([answer, detractor({ consent: false })]));
      await post(`${url}/v1/events`, batch([{ ...answer, consent: true }]));
      await until(() => receiver.received.length === 1, "the alert");
      expect(receiver.received[0]?.json).toMatchObject({
        type: "feedback.created",
        data: { eventId: answer.id },
      });
    });

    it("retries a receiver that is down, then delivers once with the same webhook-id", async () => {
      const port = await freePort();
      const outcomes: string[] = [];
      const { url } = await start({
        alerts: alertsFor(`http://127.0.0.1:${port}/hook`),
        onAlertAttempt: (_alert, outcome, reason) =>
          outcomes.push(`${outcome} ${reason ?? ""}`.trim()),
      });
      await post(`${url}/v1/events`, batch([detractor()]));
      await until(() => outcomes.length >= 1, "a refused attempt");
      expect(outcomes[0]).toBe("retry connection refused");
      const receiver = await startReceiver((_r, i) => ({ status: i === 0 ? 503 : 200 }), port);
      await until(() => outcomes.includes("delivered"), "delivery");
      expect(outcomes).toContain("retry HTTP 503: nope");
      const ids = receiver.received.map((r) => r.headers["webhook-id"]);
      expect(new Set(ids).size).toBe(1);
      expect(outcomes.filter((o) => o === "delivered")).toHaveLength(1);
    });

    it("gives up on a receiver slower than the timeout, then sends it again", async () => {
      const receiver = await startReceiver((_r, i) => ({
        status: 200,
        delayMs: i === 0 ? 2000 : 0,
      }));
      const outcomes: string[] = [];
      const { url } = await start({
        alerts: alertsFor(receiver.url),
        onAlertAttempt: (_alert, outcome, reason) =>
          outcomes.push(`${outcome} ${reason ?? ""}`.trim()),
      });
      await post(`${url}/v1/events`, batch([detractor()]));
      await until(() => outcomes.includes("delivered"), "delivery");
      expect(outcomes[0]).toBe("retry no answer within 0.5 s");
      expect(receiver.received[0]?.headers["webhook-id"]).toBe(
        receiver.received[1]?.headers["webhook-id"],
      );
    });

    it("sets an alert aside as a dead letter with the reason, lists it, and sends it again on request", async () => {
      let up = false;
      const receiver = await startReceiver(() => ({ status: up ? 200 : 500 }));
      const outcomes: string[] = [];
      const { url, auth } = await start({
        alerts: alertsFor(receiver.url),
        onAlertAttempt: (_alert, outcome) => outcomes.push(outcome),
      });
      const answer = detractor();
      await post(`${url}/v1/events`, batch([answer]));
      await until(() => outcomes.includes("dead"), "a dead letter");
      expect(outcomes).toEqual(["retry", "retry", "retry", "dead"]);
      const dead = (await (await fetch(`${url}/v1/alerts/dead`, { headers: auth })).json()) as {
        rows: Array<Record<string, unknown>>;
      };
      expect(dead.rows).toMatchObject([
        {
          id: `${answer.id}.detractors.hook`,
          status: "dead",
          attempts: 4,
          lastError: "HTTP 500: nope (after 4 attempts)",
        },
      ]);
      const inbox = (await (await fetch(`${url}/v1/followups`, { headers: auth })).json()) as {
        rows: Array<{ alerts: unknown[] }>;
      };
      expect(inbox.rows[0]?.alerts).toMatchObject([{ status: "dead" }]);
      up = true;
      const resend = await fetch(
        `${url}/v1/alerts/${encodeURIComponent(`${answer.id}.detractors.hook`)}/resend`,
        { method: "POST", headers: auth },
      );
      expect(resend.status).toBe(200);
      await until(() => outcomes.includes("delivered"), "delivery after resend");
      const again = await fetch(`${url}/v1/alerts/${answer.id}.detractors.hook/resend`, {
        method: "POST",
        headers: auth,
      });
      expect(again.status).toBe(409);
    });

    it("does not retry a receiver that refuses the alert with a 4xx", async () => {
      const receiver = await startReceiver(() => ({ status: 410 }));
      const outcomes: string[] = [];
      const { url } = await start({
        alerts: alertsFor(receiver.url),
        onAlertAttempt: (_alert, outcome, reason) => outcomes.push(`${outcome} ${reason}`),
      });
      await post(`${url}/v1/events`, batch([detractor()]));
      await until(() => outcomes.length === 1, "the attempt");
      expect(outcomes).toEqual(["dead HTTP 410: nope"]);
    });

    it("formats Slack messages for an incoming webhook", async () => {
      const receiver = await startReceiver();
      const { url } = await start({
        alerts: {
          destinations: { cx: { type: "slack", url: receiver.url } },
          rules: [{ name: "all-low", match: { score: { max: 6 } }, destinations: ["cx"] }],
        },
      });
      await post(
        `${url}/v1/events`,
        batch([detractor({ comment: "<b>bad</b> & slow", consent: true })]),
      );
      await until(() => receiver.received.length === 1, "the message");
      const text = String(receiver.received[0]?.json.text);
      expect(text).toContain("*NPS 3/10 (detractor) at order_confirmation*");
      expect(text).toContain("> &lt;b&gt;bad&lt;/b&gt; &amp; slow");
      expect(text).toContain("May contact: yes");
      expect(receiver.received[0]?.json.blocks).toHaveLength(1);
    });
  });

  describe("follow-up inbox", () => {
    it("lists alerted answers unhappiest and oldest first, records status changes with who, and times them", async () => {
      const receiver = await startReceiver();
      let now = Date.parse("2026-11-30T10:00:00.000Z");
      let delivered = 0;
      const { url, dbPath, auth } = await start({
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
      expect(times.overall).toMatchObject({
        alerted: 4,
        followedUp: 1,
        medianHours: 3,
        p90Hours: 3,
      });

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
      expect(
        await rowsOf(dbPath, "SELECT status, changed_by AS who FROM followup_changes"),
      ).toEqual([{ status: "done", who: "test admin" }]);
    });

    it("asks access control: reading needs read, changing needs follow-up, and who is the principal", async () => {
      const asked: string[] = [];
      const { url } = await start({
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

  describe("consent and contact", () => {
    it("stores consent and contact in the answer's row, filling them in from a re-send, never a contact without consent", async () => {
      const { url, dbPath } = await start();
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
      const rows = await rowsOf(dbPath, "SELECT id, comment, consent, contact FROM events");
      expect(rows).toEqual(
        expect.arrayContaining([
          { id: answer.id, comment: "Slow", consent: 1, contact: "ana@example.com" },
          { id: declined.id, comment: null, consent: 0, contact: null },
        ]),
      );
      expect(rows).toHaveLength(2);
    });
  });
});
