import { vi } from "vitest";
import type { TouchpointApi, TouchpointEvents } from "../../src/api";
import type { TouchpointConfig } from "../../src/config/types";
import { createTouchpoint } from "../../src/core/touchpoint";
import type { ChunkLoader, Environment } from "../../src/engine/types";

let sites = 0;

/** A Touchpoint wired to happy-dom, fake-indexeddb and a fetch that records requests. */
export function harness(overrides: Partial<Environment> = {}) {
  const requests: Array<{ url: string; body: string; init: RequestInit }> = [];
  const fetch = vi.fn(async (url: string | URL | Request, init: RequestInit = {}) => {
    requests.push({ url: String(url), body: String(init.body ?? ""), init });
    return new Response("{}", { status: 200 });
  });
  const loadChunk: ChunkLoader = (name) =>
    (name === "engine" ? import("../../src/engine/engine") : import("../../src/ui/ui")) as never;
  const consoleError = vi.fn();
  const env: Environment = {
    window,
    fetch: fetch as unknown as typeof globalThis.fetch,
    indexedDB: globalThis.indexedDB,
    now: () => Date.now(),
    random: Math.random,
    setTimeout: (cb, ms) => setTimeout(cb, ms) as unknown as number,
    clearTimeout: (id) => clearTimeout(id),
    loadChunk,
    console: { info: vi.fn(), error: consoleError },
    ...overrides,
  };
  const tp = createTouchpoint(env);
  const events: Array<{ type: keyof TouchpointEvents; payload: unknown }> = [];
  for (const type of ["ready", "shown", "answered", "dismissed", "sent", "error"] as const) {
    tp.on(type, (payload) => events.push({ type, payload }));
  }
  sites += 1;
  return { tp, env, fetch, requests, events, consoleError, siteKey: `unit${sites}` };
}

export const nps = {
  id: "nps",
  type: "nps",
  touchpoint: "order_confirmation",
  copy: { question: "How likely are you to recommend us?", followUp: "Why?" },
  trigger: { on: "event", event: "order_completed" },
} as const;

export function configFor(siteKey: string, extra: TouchpointConfig = {}): TouchpointConfig {
  return {
    siteKey,
    collector: "https://collector.test/v1/events",
    surveys: [nps as never],
    ...extra,
  };
}

export function waitFor<T>(tp: TouchpointApi, type: keyof TouchpointEvents): Promise<T> {
  return new Promise((resolve) => {
    const off = tp.on(type, (payload) => {
      off();
      resolve(payload as T);
    });
  });
}

/** The prompt's shadow root, once it is on the page. */
export async function promptRoot(): Promise<ShadowRoot> {
  for (let i = 0; i < 100; i++) {
    const root = document.querySelector("touchpoint-prompt")?.shadowRoot;
    if (root?.querySelector("input,textarea,[role=status]")) return root;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error("no prompt appeared");
}
