import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { extname, join, normalize } from "node:path";
import type { EventBatch, TouchpointEvent } from "../../src/wire/event";

const ROOT = new URL("../..", import.meta.url).pathname;
const TYPES: Record<string, string> = {
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".map": "application/json",
  ".json": "application/json",
  ".html": "text/html; charset=utf-8",
};

/** What the test collector does with the next requests: answer with a status, or hang up. */
export type CollectorBehaviour = { status: number; headers?: Record<string, string> } | "drop";

/**
 * A test site on 127.0.0.1: serves dist/, pages registered by the test (with optional response
 * headers such as a CSP), and a collector at /collect that records every event it receives.
 */
export interface TestSite {
  url: string;
  page(path: string, html: string, headers?: Record<string, string>): string;
  /** Every event received, duplicates included, in arrival order. */
  received: TouchpointEvent[];
  /** Events stored by id, like a collector that de-duplicates. */
  stored(): Map<string, TouchpointEvent>;
  requests: number;
  /** Queue behaviours for the next collector requests; when empty, requests get 200. */
  behave(...next: CollectorBehaviour[]): void;
  close(): Promise<void>;
}

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function startSite(): Promise<TestSite> {
  const pages = new Map<string, { html: string; headers: Record<string, string> }>();
  const received: TouchpointEvent[] = [];
  const queue: CollectorBehaviour[] = [];
  let requests = 0;

  const server: Server = createServer(async (req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    if (path === "/collect") {
      res.setHeader("Access-Control-Allow-Origin", "*");
      if (req.method === "OPTIONS") return res.writeHead(204).end();
      requests += 1;
      const text = await body(req);
      const behaviour = queue.shift() ?? { status: 200 };
      if (behaviour === "drop") return req.socket.destroy();
      if (behaviour.status >= 200 && behaviour.status < 300) {
        const batch = JSON.parse(text) as EventBatch;
        received.push(...batch.events);
      }
      return res.writeHead(behaviour.status, behaviour.headers).end("{}");
    }
    const page = pages.get(path);
    if (page)
      return res.writeHead(200, { "Content-Type": TYPES[".html"], ...page.headers }).end(page.html);
    const file = normalize(join(ROOT, path));
    if (!path.startsWith("/dist/") || !file.startsWith(join(ROOT, "dist")))
      return res.writeHead(404).end();
    try {
      const data = await readFile(file);
      res
        .writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream" })
        .end(data);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;

  return {
    url,
    page(path, html, headers = {}) {
      pages.set(path, { html, headers });
      return url + path;
    },
    received,
    stored: () => new Map(received.map((e) => [e.id, e])),
    get requests() {
      return requests;
    },
    behave: (...next) => queue.push(...next),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
