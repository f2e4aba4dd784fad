import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach } from "vitest";
import {
  type Collector,
  type CollectorOptions,
  createCollector,
  createToken,
} from "../../../src/server";
import type { TouchpointEvent } from "../../../src/wire/event";

const cleanups: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Runs `fn` after the current test, latest first. */
export function later(fn: () => Promise<void> | void): void {
  cleanups.push(fn);
}

/** A fresh directory removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "touchpoint-server-"));
  later(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A valid NPS answer unless overridden. */
export function makeEvent(overrides: Partial<TouchpointEvent> = {}): TouchpointEvent {
  return {
    id: randomUUID(),
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
}

/** A wire-format batch body. */
export function batch(events: unknown[]): string {
  return JSON.stringify({ schema: 1, sentAt: "2024-05-01T10:00:01.000Z", events });
}

/**
 * A collector on a temp SQLite file (or `options.dbPath`), listening on 127.0.0.1, closed after
 * the test, with an admin token for every site: `auth` is the header that carries it. On either
 * engine: `startTestCollector` in test/postgres/engine-collector.ts.
 */
export async function startCollector(options: Partial<CollectorOptions> = {}): Promise<{
  collector: Collector;
  url: string;
  dbPath: string;
  token: string;
  auth: { authorization: string };
}> {
  const dbPath = options.dbPath ?? join(tempDir(), "feedback.db");
  const collector = createCollector({ rateLimit: false, ...options, dbPath });
  later(() => collector.close());
  const { url } = await collector.listen(0, "127.0.0.1");
  const { token } = await createToken(collector.store, { role: "admin", name: "test admin" });
  return { collector, url, dbPath, token, auth: { authorization: `Bearer ${token}` } };
}

/** Captures what a command writes; `env` stands in for the process environment. */
export function capture(env: NodeJS.ProcessEnv = {}) {
  const out = { stdout: "", stderr: "" };
  const io = {
    stdout: (text: string) => {
      out.stdout += text;
    },
    stderr: (text: string) => {
      out.stderr += text;
    },
    env,
  };
  return { out, io };
}

/** POSTs `body` as text/plain unless headers say otherwise; returns status, headers and JSON. */
export async function post(
  url: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; json: Record<string, unknown> }> {
  const response = await fetch(url, {
    method: "POST",
    body,
    headers: { "content-type": "text/plain;charset=UTF-8", ...headers },
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: JSON.parse(text) };
}

/** Number of rows in the events table, read through a separate connection. */
export function countRows(dbPath: string): number {
  const db = new Database(dbPath, { readonly: true });
  try {
    return (db.prepare("SELECT COUNT(*) AS n FROM events").get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Signs in to a collector's dashboard with a token; `session` is the cookie to send back. */
export async function signIn(url: string, token: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ token }),
  });
  const cookie = response.headers.get("set-cookie") ?? "";
  return {
    response,
    cookie,
    session: cookie.split(";")[0] ?? "",
    json: (await response.json()) as Record<string, unknown>,
  };
}
