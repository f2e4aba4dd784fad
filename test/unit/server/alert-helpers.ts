import { type ChildProcess, spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { afterEach, onTestFinished } from "vitest";
import type { AlertsConfig } from "../../../src/server/alerts/types";

/** One request a receiver got. */
export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  json: Record<string, unknown>;
}

/** What the receiver answers: a status, after an optional delay. */
export type Answer = { status: number; delayMs?: number };

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A webhook receiver on 127.0.0.1; `answer` decides each response (default 200). */
export async function startReceiver(
  answer: (request: Received, index: number) => Answer = () => ({ status: 200 }),
  port = 0,
): Promise<{ url: string; port: number; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const request = { headers: req.headers, body, json: JSON.parse(body) };
      const index = received.push(request) - 1;
      const { status, delayMs = 0 } = answer(request, index);
      const timer = setTimeout(
        () => res.writeHead(status).end(status < 300 ? "ok" : "nope"),
        delayMs,
      );
      res.on("close", () => clearTimeout(timer));
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}/hook`,
    port: address.port,
    received,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A port nothing listens on (taken, then released). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Waits until `test` holds, checking every 10 ms; fails after `timeoutMs`. */
export async function until(test: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A Standard Webhooks secret and the key bytes it stands for. */
export const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

/** Verifies a Standard Webhooks signature the way the README tells a receiver to. */
export function verified(request: Received): boolean {
  const id = request.headers["webhook-id"] as string;
  const timestamp = request.headers["webhook-timestamp"] as string;
  const key = Buffer.from(SECRET.slice("whsec_".length), "base64");
  const expected = createHmac("sha256", key)
    .update(`${id}.${timestamp}.${request.body}`)
    .digest("base64");
  const signatures = String(request.headers["webhook-signature"]).split(" ");
  return signatures.includes(`v1,${expected}`);
}

/** Alert settings with fast retries, for tests. */
export function alertsFor(url: string, extra: Partial<AlertsConfig> = {}): AlertsConfig {
  return {
    destinations: { hook: { type: "webhook", url, secret: SECRET } },
    rules: [
      { name: "detractors", match: { segment: ["detractor", "low"] }, destinations: ["hook"] },
    ],
    delivery: { timeoutSeconds: 0.5, maxAttempts: 4, retryBaseSeconds: 0.05, retryMaxSeconds: 0.2 },
    ...extra,
  };
}

const BIN = fileURLToPath(new URL("../../../bin/touchpoint.mjs", import.meta.url));

/**
 * `touchpoint collect --port 0 --rate-limit off <args>` as typed, from dist/ (npm test builds
 * first), in its own process; resolves once it listens. Killed after the test.
 */
export function collect(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [BIN, "collect", "--port", "0", "--rate-limit", "off", ...args],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    onTestFinished(() => {
      child.kill("SIGKILL");
    });
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      if (url) resolve({ child, url });
    });
    child.on("error", reject);
    child.on("exit", (code) => reject(new Error(`collector exited early with ${code}`)));
  });
}
