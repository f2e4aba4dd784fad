// @vitest-environment node
import { createHmac } from "node:crypto";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { parseAlerts } from "../../../src/server/alerts/config";
import { alertsFor, freePort, type Received, SECRET, startReceiver, until } from "./alert-helpers";
import { batch, makeEvent, post, startCollector } from "./helpers";

/** Verifies a Standard Webhooks signature the way the README tells a receiver to. */
function verified(request: Received): boolean {
  const id = request.headers["webhook-id"] as string;
  const timestamp = request.headers["webhook-timestamp"] as string;
  const key = Buffer.from(SECRET.slice("whsec_".length), "base64");
  const expected = createHmac("sha256", key)
    .update(`${id}.${timestamp}.${request.body}`)
    .digest("base64");
  const signatures = String(request.headers["webhook-signature"]).split(" ");
  return signatures.includes(`v1,${expected}`);
}

const detractor = (overrides = {}) => makeEvent({ score: 3, ...overrides });

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

describe("alerts", () => {
  it("sends a detractor answer as a signed webhook with what the team needs to follow up", async () => {
    const receiver = await startReceiver();
    const { url } = await startCollector({ alerts: alertsFor(receiver.url) });
    const answer = detractor({ comment: "Late again", consent: true, contact: "ana@example.com" });
    expect((await post(`${url}/v1/events`, batch([answer, makeEvent({ score: 10 })]))).status).toBe(
      200,
    );
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
    const { url, dbPath } = await startCollector({ alerts: alertsFor(receiver.url) });
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
    expect(update.json).toMatchObject({ type: "feedback.updated", data: { comment: "Too slow" } });
    const db = new Database(dbPath, { readonly: true });
    expect(db.prepare("SELECT COUNT(*) AS n FROM alert_outbox").get()).toEqual({ n: 2 });
    db.close();
    expect(receiver.received).toHaveLength(2);
  });

  it("waits for the follow-up step when the rule says so, and sends at once when it arrives", async () => {
    const receiver = await startReceiver();
    const alerts = alertsFor(receiver.url);
    alerts.rules = [{ name: "detractors", destinations: ["hook"], waitSeconds: 600 }];
    const { url } = await startCollector({ alerts });
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
    const { url } = await startCollector({ alerts });
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
    const { url } = await startCollector({ alerts });
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
    const { url } = await startCollector({
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
    const receiver = await startReceiver((_r, i) => ({ status: 200, delayMs: i === 0 ? 2000 : 0 }));
    const outcomes: string[] = [];
    const { url } = await startCollector({
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
    const { url, auth } = await startCollector({
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
    const { url } = await startCollector({
      alerts: alertsFor(receiver.url),
      onAlertAttempt: (_alert, outcome, reason) => outcomes.push(`${outcome} ${reason}`),
    });
    await post(`${url}/v1/events`, batch([detractor()]));
    await until(() => outcomes.length === 1, "the attempt");
    expect(outcomes).toEqual(["dead HTTP 410: nope"]);
  });

  it("formats Slack messages for an incoming webhook", async () => {
    const receiver = await startReceiver();
    const { url } = await startCollector({
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
