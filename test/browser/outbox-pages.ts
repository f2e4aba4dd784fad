// Pages and in-page helpers shared by the outbox's browser tests.
import type { Page } from "playwright-core";
import { expect } from "vitest";
import type { TouchpointConfig } from "../../src/config/types";
import type { TouchpointEvent } from "../../src/wire/event";
import type { Collector, OutboxSite } from "./outbox-site";
import { answerNps, eventually, npsSurvey, snippetPage } from "./pages";

/** Short waits so the suite stays fast: backoff from 100 ms up to 400 ms, a 1.5 s timeout. */
export const FAST = { retryBaseMs: 100, retryMaxMs: 400, timeoutMs: 1500 };
export const SITE_KEY = "test";
export const DB_NAME = `touchpoint:${SITE_KEY}`;

interface Recorded {
  answered: string[];
  errors: string[];
  sent: string[];
}
declare global {
  interface Window {
    __tp: Recorded;
  }
}

/** A Touchpoint page whose collector is `collectorUrl`, recording what Touchpoint reports. */
export function outboxPage(
  site: OutboxSite,
  collector: Partial<Exclude<TouchpointConfig["collector"], string | undefined>> = {},
  before = "",
): string {
  const config: TouchpointConfig = {
    siteKey: SITE_KEY,
    collector: { url: site.collector.url, ...FAST, ...collector },
    surveys: [{ ...npsSurvey, trigger: { on: "manual" } }] as never,
  };
  const record = `window.__tp = { answered: [], errors: [], sent: [] };
touchpoint.on("answered", function (p) { window.__tp.answered.push(p.eventId); });
touchpoint.on("error", function (p) { window.__tp.errors.push(p.message); });
touchpoint.on("sent", function (p) { window.__tp.sent.push.apply(window.__tp.sent, p.ids); });`;
  return snippetPage(config, record).replace("<script>", `<script>${before}\n`);
}

/** Waits for the engine (storage open) by asking for a flush. */
export async function engineReady(page: Page): Promise<void> {
  await page.waitForFunction(() => typeof window.touchpoint?.version === "string");
  await page.evaluate(() => window.touchpoint?.flush());
}

/** Shows the NPS prompt and answers it; resolves to the answer's id once it is durable. */
export async function answer(page: Page, score = 9): Promise<string> {
  const before = await page.evaluate(() => window.__tp.answered.length);
  expect(await page.evaluate(() => window.touchpoint?.show("nps-order"))).toBe(true);
  await answerNps(page, score);
  const ids = await page.evaluate(() => window.__tp.answered);
  expect(ids.length).toBe(before + 1);
  await page.getByRole("button", { name: "Close" }).click();
  await page.waitForFunction(() => !document.querySelector("touchpoint-prompt"));
  return ids.at(-1) as string;
}

/** Writes events straight into the site's queue, as earlier pages would have left them. */
export function inject(
  page: Page,
  count: number,
  options: { commentBytes?: number; surveyId?: (i: number) => string } = {},
): Promise<TouchpointEvent[]> {
  const surveyIds = Array.from({ length: count }, (_, i) => options.surveyId?.(i) ?? "nps-order");
  return page.evaluate(
    ({ count, name, commentBytes, surveyIds }) =>
      new Promise<TouchpointEvent[]>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction("kv", "readwrite");
          const start = Date.now() - 60_000;
          const events: TouchpointEvent[] = [];
          for (let i = 0; i < count; i++) {
            const event = {
              id: crypto.randomUUID(),
              kind: "answer",
              siteKey: "test",
              surveyId: surveyIds[i] ?? "nps-order",
              surveyType: "nps",
              touchpoint: "order_confirmation",
              variant: "control",
              score: i % 11,
              ...(commentBytes ? { comment: "c".repeat(commentBytes) } : {}),
              createdAt: new Date(start + i).toISOString(),
              visitorId: "injected",
              sessionId: "injected",
              url: location.href,
              locale: "en",
              sdkVersion: "test",
            } as TouchpointEvent;
            events.push(event);
            const size = new TextEncoder().encode(JSON.stringify(event)).length;
            tx.objectStore("kv").put({ event, rev: 1, at: start + i, size }, `q:${event.id}`);
          }
          tx.oncomplete = () => {
            db.close();
            localStorage.setItem("touchpoint:test:pending", "1");
            resolve(events);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { count, name: DB_NAME, commentBytes: options.commentBytes ?? 0, surveyIds },
  );
}

/** The ids still queued in the page's IndexedDB. */
export function queuedIds(page: Page): Promise<string[]> {
  return page.evaluate(
    (name) =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains("kv")) {
            db.close();
            return resolve([]);
          }
          const r = db
            .transaction("kv")
            .objectStore("kv")
            .getAllKeys(IDBKeyRange.bound("q:", "q:\uffff"));
          r.onsuccess = () => {
            db.close();
            resolve((r.result as string[]).map((k) => k.slice(2)));
          };
        };
      }),
    DB_NAME,
  );
}

/** Waits until the collector stored every id; then checks none is missing. */
export async function expectStored(collector: Collector, ids: string[], ms = 10_000) {
  await eventually(
    () => ids.filter((id) => !collector.stored.has(id)),
    (missing) => missing.length === 0,
    ms,
  );
  expect(ids.filter((id) => !collector.stored.has(id))).toEqual([]);
  expect(new Set(ids).size).toBe(ids.length);
}

/** POSTs that reached the collector. */
export const posts = (c: Collector) => c.requests.filter((r) => r.method === "POST");
