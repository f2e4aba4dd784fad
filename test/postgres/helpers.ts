import { randomUUID } from "node:crypto";
import { join } from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { openStore } from "../../src/server";
import type { EventStore } from "../../src/server/storage/types";
import type { TouchpointEvent } from "../../src/wire/event";
import { validateEvent } from "../../src/wire/validate";
import { later, tempDir } from "../unit/server/helpers";

// One list of cleanups with the collector tests, so a collector closes before its database drops.
export { later, tempDir };

/** URL of a new, empty database on a cluster (the run's, by default), dropped after the test. */
export async function freshDatabase(serverUrl = inject("postgresUrl")): Promise<string> {
  const name = `tp_${randomUUID().replace(/-/g, "").slice(0, 16)}`;
  const admin = new pg.Client(serverUrl);
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  later(async () => {
    const drop = new pg.Client(serverUrl);
    try {
      await drop.connect();
      await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await drop.end();
    } catch {
      // The cluster of a fault test may be gone already; it is removed whole.
    }
  });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.href;
}

export type EngineName = "sqlite" | "postgres";

/** A target for `openStore` on each engine: a temp SQLite file or a fresh database. */
export async function target(engine: EngineName): Promise<string> {
  return engine === "sqlite" ? join(tempDir(), "feedback.db") : freshDatabase();
}

/** An open store, closed after the test. */
export async function openTestStore(engine: EngineName, at?: string): Promise<EventStore> {
  const store = openStore(at ?? (await target(engine)));
  later(() => store.close());
  await store.ready;
  return store;
}

let counter = 0;

/** A valid event (an NPS answer unless overridden), with a fresh id. */
export function makeEvent(overrides: Partial<TouchpointEvent> = {}): TouchpointEvent {
  counter += 1;
  const event: TouchpointEvent = {
    id: `00000000-0000-4000-8000-${String(counter).padStart(12, "0")}`,
    kind: "answer",
    siteKey: "site-a",
    surveyId: "nps-checkout",
    surveyType: "nps",
    touchpoint: "order_confirmation",
    variant: "control",
    score: 9,
    createdAt: "2024-05-01T10:00:00.000Z",
    visitorId: "visitor-1",
    sessionId: "session-1",
    url: "https://shop.example/thanks",
    locale: "en-US",
    sdkVersion: "0.1.0",
    ...overrides,
  };
  if (event.kind !== "answer") delete event.score;
  return event;
}

/** Events as the collector stores them (validated and normalized). */
export function valid(events: readonly TouchpointEvent[]): TouchpointEvent[] {
  return events.map((event) => {
    const checked = validateEvent(event);
    if (!checked.ok) throw new Error(`${checked.field}: ${checked.problem}`);
    return checked.event;
  });
}

/** A seeded pseudo-random source (mulberry32), so a data set is the same on every run. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A messy A/B data set: two surveys, two variants, a holdout group, forced previews, visitors
 * answering twice or before their impression arrives, impressions on several days, dismissals.
 */
export function messyEvents(visitors: number, seed = 1): TouchpointEvent[] {
  const next = random(seed);
  const events: TouchpointEvent[] = [];
  const day = (n: number) =>
    new Date(Date.UTC(2024, 4, 1 + n, Math.floor(next() * 24))).toISOString();
  for (let v = 0; v < visitors; v++) {
    const visitorId = `visitor-${v}`;
    const csat = next() < 0.3;
    const base = csat
      ? { surveyId: "csat-help", surveyType: "csat" as const, touchpoint: "help" }
      : { surveyId: "nps-order", surveyType: "nps" as const, touchpoint: "order" };
    const holdout = next() < 0.1;
    const variant = holdout || next() < 0.5 ? "control" : "benefit";
    const common = { ...base, visitorId, variant, ...(holdout ? { holdout: true } : {}) };
    const first = Math.floor(next() * 20);
    const shown = makeEvent({ ...common, kind: "impression", createdAt: day(first) });
    const answers: TouchpointEvent[] = [];
    const max = csat ? 5 : 10;
    const min = csat ? 1 : 0;
    const score = () => min + Math.floor(next() * (max - min + 1));
    if (next() < 0.4) {
      answers.push(makeEvent({ ...common, score: score(), createdAt: day(first + 1) }));
      if (next() < 0.2)
        answers.push(makeEvent({ ...common, score: score(), createdAt: day(first + 2) }));
    } else if (next() < 0.3) {
      answers.push(makeEvent({ ...common, kind: "dismissal", createdAt: day(first) }));
    }
    // Some answers arrive before the impression; some visitors are shown again later.
    if (next() < 0.1) events.push(...answers, shown);
    else events.push(shown, ...answers);
    if (next() < 0.1)
      events.push(makeEvent({ ...common, kind: "impression", createdAt: day(first + 3) }));
    if (next() < 0.05) events.push(makeEvent({ ...common, forced: true, score: score() }));
    if (next() < 0.05)
      events.push(makeEvent({ ...common, kind: "impression", createdAt: day(first - 2) }));
  }
  return valid(events);
}
