// The test site of the outbox's browser tests: pages and dist/ on 127.0.0.1, and a collector that
// behaves like the reference one (stores each event id once, answers after storing) but can be
// told to fail in every way a network and a collector fail. A second origin serves the same
// collector for cross-origin tests.
import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";
import type { EventBatch, TouchpointEvent } from "../../src/wire/event";

const ROOT = new URL("../..", import.meta.url).pathname;

/** What the collector does with one request. */
export type Behaviour =
  | { status: number; headers?: Record<string, string> }
  /** The connection is cut before anything is stored. */
  | "drop"
  /** The events are stored, then the connection is cut before the answer. */
  | "store-then-drop"
  /** No answer, ever (until the client gives up or the test ends). */
  | "hang"
  /** Answers 200 after `ms` (stores only then, like a slow commit). */
  | { delayMs: number };

export interface CollectorRequest {
  method: string;
  contentType: string | undefined;
  origin: string | undefined;
  bytes: number;
  events: TouchpointEvent[];
  at: number;
}

export interface Collector {
  url: string;
  /** Every request, preflights included. */
  requests: CollectorRequest[];
  /** Every event received, duplicates included. */
  received: TouchpointEvent[];
  /** Events stored by id: what a de-duplicating collector holds. */
  stored: Map<string, TouchpointEvent>;
  /** Most requests in flight at once. */
  mostInFlight: number;
  /** Behaviours for the next POSTs; `then` for every POST after them. */
  behave(next: Behaviour[], then?: Behaviour | ((events: TouchpointEvent[]) => Behaviour)): void;
  /** Answers every hanging request with 200 (storing its events). */
  releaseHanging(): void;
}

export interface OutboxSite {
  url: string;
  page(path: string, html: string): string;
  collector: Collector;
  /** The same collector behaviours on another origin (another port). */
  crossOrigin(): Promise<Collector>;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".map": "application/json",
};

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function parse(body: string): TouchpointEvent[] {
  if (!body.trim()) return [];
  if (body.startsWith('{"schema"')) return (JSON.parse(body) as EventBatch).events;
  return body
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as TouchpointEvent);
}

function createCollector(url: string) {
  let script: Behaviour[] = [];
  let fallback: Behaviour | ((events: TouchpointEvent[]) => Behaviour) = { status: 200 };
  let inFlight = 0;
  const hanging: Array<() => void> = [];
  const collector: Collector = {
    url,
    requests: [],
    received: [],
    stored: new Map(),
    mostInFlight: 0,
    behave(next, then = { status: 200 }) {
      script = [...next];
      fallback = then;
    },
    releaseHanging() {
      for (const release of hanging.splice(0)) release();
    },
  };
  const store = (events: TouchpointEvent[]) => {
    for (const e of events) collector.stored.set(e.id, e);
  };
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader("Access-Control-Allow-Origin", "*");
    const record: CollectorRequest = {
      method: req.method ?? "?",
      contentType: req.headers["content-type"],
      origin: req.headers.origin,
      bytes: 0,
      events: [],
      at: Date.now(),
    };
    collector.requests.push(record);
    if (req.method === "OPTIONS") {
      res.writeHead(204, { "Access-Control-Allow-Headers": "*" }).end();
      return;
    }
    inFlight += 1;
    collector.mostInFlight = Math.max(collector.mostInFlight, inFlight);
    try {
      const body = await readBody(req);
      record.bytes = Buffer.byteLength(body);
      record.events = parse(body);
      collector.received.push(...record.events);
      const next = script.shift() ?? fallback;
      const behaviour = typeof next === "function" ? next(record.events) : next;
      if (behaviour === "drop") return void req.socket.destroy();
      if (behaviour === "store-then-drop") {
        store(record.events);
        return void req.socket.destroy();
      }
      if (behaviour === "hang") {
        await new Promise<void>((resolve) => {
          hanging.push(resolve);
          req.socket.once("close", resolve);
        });
        if (req.socket.destroyed) return;
        store(record.events);
        res.writeHead(200).end("{}");
        return;
      }
      if ("delayMs" in behaviour) {
        await new Promise((r) => setTimeout(r, behaviour.delayMs));
        store(record.events);
        if (!req.socket.destroyed) res.writeHead(200).end("{}");
        return;
      }
      if (behaviour.status >= 200 && behaviour.status < 300) store(record.events);
      res.writeHead(behaviour.status, behaviour.headers).end("{}");
    } finally {
      inFlight -= 1;
    }
  }
  return { collector, handle };
}

async function listen(server: Server, port = 0): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A port nothing listens on (yet): requests to it are refused. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await listen(server);
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

/** A collector alone, on `port` (e.g. one that refused connections until now). */
export async function startCollector(port = 0) {
  const server = createServer();
  const url = await listen(server, port);
  const { collector, handle } = createCollector(`${url}/collect`);
  server.on("request", (req, res) => void handle(req, res));
  return {
    collector,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function startOutboxSite(): Promise<OutboxSite> {
  const pages = new Map<string, string>();
  const servers: Array<() => Promise<void>> = [];
  const server = createServer();
  const url = await listen(server);
  const { collector, handle } = createCollector(`${url}/collect`);
  server.on("request", async (req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    if (path === "/collect") return void handle(req, res);
    const html = pages.get(path);
    if (html) return void res.writeHead(200, { "Content-Type": "text/html" }).end(html);
    const file = normalize(join(ROOT, path));
    if (!path.startsWith("/dist/") || !file.startsWith(join(ROOT, "dist")))
      return void res.writeHead(404).end();
    try {
      const data = await readFile(file);
      res.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "text/plain" }).end(data);
    } catch {
      res.writeHead(404).end();
    }
  });
  servers.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return {
    url,
    page(path, html) {
      pages.set(path, html);
      return url + path;
    },
    collector,
    async crossOrigin() {
      const other = await startCollector();
      servers.push(other.close);
      return other.collector;
    },
    async close() {
      collector.releaseHanging();
      await Promise.all(servers.map((close) => close()));
    },
  };
}
