// Alerts with several stateless collectors on one PostgreSQL database: each alert delivered once,
// and the alerts of a collector killed mid-attempt delivered by another once their lease ends.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resolveAlerts } from "../../src/server/alerts/config";
import {
  PostgresAlertOutbox,
  postgresAlertEnqueuer,
} from "../../src/server/alerts/postgres-outbox";
import type { PostgresStore } from "../../src/server/storage/postgres";
import type { TouchpointEvent } from "../../src/wire/event";
import {
  alertsFor,
  collect,
  type Received,
  startReceiver,
  until,
  verified,
} from "../unit/server/alert-helpers";
import { batch, makeEvent, post, startCollector } from "../unit/server/helpers";
import { freshDatabase, openTestStore, tempDir, valid } from "./helpers";

const detractors = (n: number) => Array.from({ length: n }, () => makeEvent({ score: 2 }));

describe("alerts with several collectors on one PostgreSQL", () => {
  it("delivers each alert exactly once when two collectors share the database", async () => {
    const db = await freshDatabase();
    // A receiver slow enough that both collectors' delivery passes overlap.
    const receiver = await startReceiver(() => ({ status: 200, delayMs: 30 }));
    const attempts = { a: 0, b: 0 };
    const outcomes = new Set<string>();
    // A timeout no busy machine reaches: a second request for an alert can only be a second claim.
    const alerts = alertsFor(receiver.url, {
      delivery: { timeoutSeconds: 20, maxAttempts: 4, retryBaseSeconds: 0.05 },
    });
    const started = await Promise.all(
      (["a", "b"] as const).map((name) =>
        startCollector({
          dbPath: db,
          alerts,
          onAlertAttempt: (_alert, outcome) => {
            attempts[name]++;
            outcomes.add(outcome);
          },
        }),
      ),
    );
    const urls = started.map((s) => s.url);
    const answers = detractors(60);
    const batches = Array.from({ length: 30 }, (_, i) => answers.slice(2 * i, 2 * i + 2));
    const stored = await Promise.all(
      batches.map((events, i) => post(`${urls[i % 2]}/v1/events`, batch(events))),
    );
    expect(stored.map((r) => r.status)).toEqual(batches.map(() => 200));
    await until(() => attempts.a + attempts.b >= 60, "60 attempts", 30_000);

    // A late comment, sent to the other collector, is one update of the delivered alert.
    const late = answers.slice(0, 6);
    await Promise.all(
      late.map((answer, i) =>
        post(`${urls[(i + 1) % 2]}/v1/events`, batch([{ ...answer, comment: `Why ${i}` }])),
      ),
    );
    await until(() => attempts.a + attempts.b >= 66, "66 attempts", 30_000);
    await until(() => receiver.received.length >= 66, "66 requests", 30_000);

    expect(outcomes).toEqual(new Set(["delivered"]));
    expect(attempts.a + attempts.b).toBe(66);
    const ids = receiver.received.map((r) => String(r.headers["webhook-id"]));
    expect(new Set(ids).size).toBe(66);
    expect(ids.length).toBe(66);
    expect(new Set(ids)).toEqual(
      new Set([
        ...answers.map((a) => `${a.id}.detractors.hook`),
        ...late.map((a) => `${a.id}.detractors.hook.u1`),
      ]),
    );
    expect(receiver.received.every((r) => verified(r))).toBe(true);
    const updates = receiver.received.filter((r) => r.json.type === "feedback.updated");
    expect(updates.map((r) => (r.json.data as { comment: string }).comment).sort()).toEqual(
      late.map((_, i) => `Why ${i}`),
    );
  });

  it("lets one collector claim an alert at a time, and another take it once the lease ends", async () => {
    const db = await freshDatabase();
    const alerts = resolveAlerts(alertsFor("http://127.0.0.1:9/none"), "alerts");
    const writer = (await openTestStore("postgres", db)) as PostgresStore;
    writer.answerHook = postgresAlertEnqueuer(alerts.rules, () => 1000);
    const answers: TouchpointEvent[] = detractors(40);
    await writer.write(valid(answers), "2024-05-01T10:00:02.000Z");
    const [one, two] = await Promise.all([
      openTestStore("postgres", db),
      openTestStore("postgres", db),
    ]);
    const outboxes = [one, two].map((store) => new PostgresAlertOutbox(store as PostgresStore));
    const [a, b] = outboxes as [PostgresAlertOutbox, PostgresAlertOutbox];
    const claimed = await Promise.all([
      a.claimDue(2000, 62_000, 40),
      b.claimDue(2000, 62_000, 40),
      a.claimDue(2000, 62_000, 40),
      b.claimDue(2000, 62_000, 40),
    ]);
    const ids = claimed.flat().map((alert) => alert.id);
    expect(ids.length).toBe(40);
    expect(new Set(ids)).toEqual(new Set(answers.map((x) => `${x.id}.detractors.hook`)));
    expect(await a.claimDue(61_999, 70_000, 40)).toEqual([]);
    expect(await b.nextDue()).toBe(62_000);
    // Nobody reported back: the lease ended, so any collector takes them again.
    const retaken = await b.claimDue(62_000, 80_000, 40);
    expect(retaken.map((alert) => alert.id).sort()).toEqual([...ids].sort());
    expect(retaken[0]?.answer).toMatchObject({ score: 2, consent: false, comment: null });
  });

  it("delivers, from another collector, the alert of one SIGKILLed mid-attempt", async () => {
    const db = await freshDatabase();
    let hang = true;
    const receiver = await startReceiver(() =>
      hang ? { status: 200, delayMs: 60_000 } : { status: 200 },
    );
    const alertsPath = join(tempDir(), "alerts.json");
    // Long enough that the first collector is killed before it gives up on its attempt.
    const alerts = alertsFor(receiver.url, { delivery: { timeoutSeconds: 5 } });
    writeFileSync(alertsPath, JSON.stringify(alerts));
    const first = await collect(["--db", db, "--alerts", alertsPath]);
    const answer = makeEvent({ score: 1, comment: "Never arrived" });
    expect((await post(`${first.url}/v1/events`, batch([answer]))).status).toBe(200);
    await until(() => receiver.received.length === 1, "the first attempt to reach the receiver");
    const outcomes: string[] = [];
    const other = await startCollector({
      dbPath: db,
      alerts,
      onAlertAttempt: (_alert, outcome) => outcomes.push(outcome),
    });
    const exited = new Promise((resolve) => first.child.once("exit", resolve));
    first.child.kill("SIGKILL");
    await exited;
    hang = false;
    await until(() => receiver.received.length === 2, "the alert from the other collector", 20_000);
    await until(() => outcomes.length > 0, "the other collector to record its attempt");
    expect(outcomes).toEqual(["delivered"]);
    const [attempt, delivery] = receiver.received as [Received, Received];
    expect(delivery.headers["webhook-id"]).toBe(attempt.headers["webhook-id"]);
    expect(delivery.headers["webhook-id"]).toBe(`${answer.id}.detractors.hook`);
    expect(verified(delivery)).toBe(true);
    expect(delivery.json).toMatchObject({ data: { comment: "Never arrived" } });
    const inbox = (await (
      await fetch(`${other.url}/v1/followups`, { headers: other.auth })
    ).json()) as {
      rows: Array<{ alerts: Array<{ status: string; attempts: number }> }>;
    };
    expect(inbox.rows[0]?.alerts).toMatchObject([{ status: "delivered", attempts: 1 }]);
  }, 40_000);
});
