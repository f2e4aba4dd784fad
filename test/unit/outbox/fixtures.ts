import { expect } from "vitest";
import { createLeadership, type Lead } from "../../../src/outbox/lease";
import { createOutbox, type OutboxLimits, type OutboxOptions } from "../../../src/outbox/outbox";
import { enqueue } from "../../../src/outbox/queue";
import type { Known } from "../../../src/outbox/queued-item";
import { memoryStore, type Store } from "../../../src/outbox/store";
import { createTransport, type TransportOptions } from "../../../src/outbox/transport";
import type { EventBatch, TouchpointEvent } from "../../../src/wire/event";

export const NOW = Date.parse("2026-11-23T10:00:00Z");

export function event(n: number, extra: Partial<TouchpointEvent> = {}): TouchpointEvent {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
    kind: "answer",
    siteKey: "test",
    surveyId: "nps",
    surveyType: "nps",
    touchpoint: "t",
    variant: "control",
    score: 9,
    createdAt: new Date(NOW + n).toISOString(),
    visitorId: "v",
    sessionId: "s",
    url: "https://shop.example/",
    locale: "en",
    sdkVersion: "0.1.0",
    ...extra,
  };
}

/** An impression: what the prompt records when it shows (no score). */
export function impression(n: number): TouchpointEvent {
  const { score: _none, ...rest } = event(n);
  return { ...rest, kind: "impression" };
}

/** Lets pending promises and fake-indexeddb's callbacks run. */
export async function settle(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setTimeout(r, 0));
}

/**
 * A clock under the test's control. Timers run on monotonic time, as in browsers; `jump` moves
 * only the wall clock (`now`), like a user or NTP setting the system time.
 */
export function fakeClock(start = NOW) {
  let mono = 0;
  let offset = start;
  let seq = 0;
  const timers = new Map<number, { at: number; cb: () => void }>();
  return {
    now: () => mono + offset,
    setTimeout: (cb: () => void, ms: number) => {
      seq += 1;
      timers.set(seq, { at: mono + Math.max(ms, 0), cb });
      return seq;
    },
    clearTimeout: (id: number) => {
      timers.delete(id);
    },
    timers,
    /** Moves time on by `ms`, running due timers in order and letting promises settle. */
    async advance(ms: number): Promise<void> {
      const end = mono + ms;
      for (;;) {
        await settle();
        const due = [...timers].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at);
        const next = due[0];
        if (!next) break;
        timers.delete(next[0]);
        mono = Math.max(mono, next[1].at);
        next[1].cb();
      }
      mono = end;
      await settle();
    },
    jump(ms: number): void {
      offset += ms;
    },
  };
}
export type FakeClock = ReturnType<typeof fakeClock>;

/** What the fake collector does with one request. */
export type Behaviour =
  | { status: number; headers?: Record<string, string> }
  /** The connection fails before the collector stores anything. */
  | "refuse"
  /** The collector stores the events, then the connection drops before the answer. */
  | "store-then-drop"
  /** No answer until the client gives up. */
  | "hang"
  | ((events: TouchpointEvent[]) => { status: number; headers?: Record<string, string> });

/**
 * A collector behind a fake `fetch`: it records every request, stores 2xx-answered events by id
 * like the reference collector (de-duplicating), and answers as scripted.
 */
export function fakeCollector(now: () => number = () => NOW) {
  const stored = new Map<string, TouchpointEvent>();
  const received: TouchpointEvent[] = [];
  const requests: Array<{ events: TouchpointEvent[]; at: number; init: RequestInit }> = [];
  const script: Behaviour[] = [];
  let fallback: Behaviour = { status: 200 };
  const keep = (events: TouchpointEvent[]) => {
    for (const e of events) stored.set(e.id, e);
  };
  const fetch = async (_url: string | URL | Request, init: RequestInit = {}) => {
    const body = String(init.body);
    const events = body.startsWith('{"schema"')
      ? (JSON.parse(body) as EventBatch).events
      : body.split("\n").map((line) => JSON.parse(line) as TouchpointEvent);
    requests.push({ events, at: now(), init });
    received.push(...events);
    let behaviour = script.length ? (script.shift() as Behaviour) : fallback;
    if (typeof behaviour === "function") behaviour = behaviour(events);
    if (behaviour === "refuse") throw new TypeError("Failed to fetch");
    if (behaviour === "store-then-drop") {
      keep(events);
      throw new TypeError("network connection was lost");
    }
    if (behaviour === "hang") {
      return new Promise<Response>((_, reject) => {
        init.signal?.addEventListener("abort", () =>
          reject(new DOMException("aborted", "AbortError")),
        );
      });
    }
    if (behaviour.status >= 200 && behaviour.status < 300) keep(events);
    return new Response("{}", { status: behaviour.status, headers: behaviour.headers ?? {} });
  };
  return {
    fetch: fetch as typeof globalThis.fetch,
    stored,
    received,
    requests,
    /** Scripts the next requests; after them, `then` (200 by default). */
    behave(next: Behaviour[], then: Behaviour = { status: 200 }) {
      script.push(...next);
      fallback = then;
    },
  };
}
export type FakeCollector = ReturnType<typeof fakeCollector>;

/** Every accepted event is at the collector, and the collector stored each id once. */
export function expectDeliveredOnce(accepted: TouchpointEvent[], collector: FakeCollector): void {
  const ids = accepted.map((e) => e.id).sort();
  expect([...collector.stored.keys()].sort()).toEqual(ids);
  expect(new Set(ids).size).toBe(ids.length);
}

export const LIMITS: OutboxLimits = {
  maxEvents: 1000,
  maxBytes: 1_000_000,
  maxAgeMs: 30 * 24 * 3600 * 1000,
  retryBaseMs: 1000,
  retryMaxMs: 300_000,
};

/** A store that every "tab" of a test shares, standing in for one IndexedDB database. */
export function sharedStore(): Store {
  return { ...memoryStore(), kind: "indexeddb" };
}

/**
 * An in-process LockManager with the semantics the outbox relies on: exclusive locks,
 * `ifAvailable` and `steal` (the robbed holder's request rejects with AbortError).
 */
export function fakeLocks(): LockManager {
  const held = new Map<string, { reject: (e: unknown) => void }>();
  const waiting = new Map<string, Array<() => void>>();
  const release = (name: string, holder: object) => {
    if (held.get(name) !== holder) return;
    held.delete(name);
    waiting.get(name)?.shift()?.();
  };
  const request = (
    name: string,
    options: LockOptions,
    callback: (lock: Lock | null) => unknown,
  ): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const grant = () => {
        const holder = { reject };
        held.set(name, holder);
        Promise.resolve()
          .then(() => callback({ name, mode: "exclusive" }))
          .then(resolve, reject)
          .finally(() => release(name, holder));
      };
      const current = held.get(name);
      if (!current) return grant();
      if (options.steal) {
        held.delete(name);
        current.reject(new DOMException("stolen", "AbortError"));
        return grant();
      }
      if (options.ifAvailable) {
        Promise.resolve(callback(null)).then(resolve, reject);
        return;
      }
      waiting.set(name, [...(waiting.get(name) ?? []), grant]);
    });
  return { request, query: async () => ({}) } as unknown as LockManager;
}

export interface TabOptions {
  collector: FakeCollector;
  clock: FakeClock;
  store?: Store;
  locks?: LockManager | undefined;
  limits?: Partial<OutboxLimits>;
  transport?: Partial<TransportOptions>;
  random?: () => number;
  mayDeliver?: () => boolean;
  lead?: Lead;
  name?: string;
}

/** One tab's outbox (with `enqueue`, as the engine keeps events), wired to the fake collector, clock and store; records what it reports. */
export function tab(o: TabOptions) {
  const store = o.store ?? memoryStore();
  const errors: string[] = [];
  /** What was reported, as reported (an `Error` of a kind, or a string). */
  const reported: Array<string | Error> = [];
  const sent: string[] = [];
  let drained = 0;
  const known: Known = new Map();
  const transport = createTransport({
    url: "https://collector.test/v1/events",
    format: "json",
    headers: {},
    timeoutMs: 15_000,
    fetch: o.collector.fetch,
    keepalive: true,
    ...o.clock,
    ...o.transport,
  });
  const options: OutboxOptions = {
    store: () => store,
    known,
    transport,
    lead:
      o.lead ??
      createLeadership({
        store: () => store,
        locks: o.locks,
        name: "touchpoint:test:flush",
        me: o.name ?? String(Math.random()),
        now: o.clock.now,
        leaseMs: 17_000,
      }),
    limits: { ...LIMITS, ...o.limits },
    now: o.clock.now,
    random: o.random ?? (() => 0.5),
    setTimeout: o.clock.setTimeout,
    clearTimeout: o.clock.clearTimeout,
    mayDeliver: o.mayDeliver ?? (() => true),
    onSent: (events) => sent.push(...events.map((e) => e.id)),
    onDrained: () => {
      drained += 1;
    },
    onError: (e) => {
      reported.push(e);
      errors.push(typeof e === "string" ? e : e.message);
    },
  };
  const outbox = createOutbox(options);
  return {
    outbox: {
      ...outbox,
      /** Keeps the event as the engine does (`record`), then lets the outbox send it. */
      async enqueue(e: TouchpointEvent): Promise<void> {
        await enqueue(store, known, e, { now: o.clock.now, random: options.random });
        outbox.queued();
      },
    },
    store,
    errors,
    reported,
    sent,
    drained: () => drained,
  };
}
