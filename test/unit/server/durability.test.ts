// @vitest-environment node
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { builtinModules } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { build } from "vite";
import { describe, expect, it, onTestFinished } from "vitest";
import { batch, makeEvent, tempDir } from "./helpers";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const CHILD = fileURLToPath(new URL("./fixtures/collector-child.mjs", import.meta.url));
const CLIENTS = 16;
const EVENTS_PER_BATCH = 20;
/** Acknowledged requests to wait for before killing the collector. */
const ACKS_BEFORE_KILL = 60;
/** Every this many requests a client re-sends its previous batch, as a retry would. */
const RESEND_EVERY = 4;

/**
 * Bundles src/server the way the node build does, so the child runs plain JavaScript. The bundle
 * lives under node_modules/.cache so that its `import "better-sqlite3"` resolves.
 */
async function bundleServer(): Promise<string> {
  const cache = join(root, "node_modules/.cache");
  mkdirSync(cache, { recursive: true });
  const outDir = mkdtempSync(join(cache, "touchpoint-durability-"));
  onTestFinished(() => rmSync(outDir, { recursive: true, force: true }));
  await build({
    configFile: false,
    root,
    logLevel: "silent",
    build: {
      ssr: join(root, "src/server/index.ts"),
      outDir,
      emptyOutDir: false,
      target: "node20",
      minify: false,
      rollupOptions: {
        external: [
          "better-sqlite3",
          "pg",
          ...builtinModules,
          ...builtinModules.map((m) => `node:${m}`),
        ],
        output: { entryFileNames: "server.mjs" },
      },
    },
  });
  return join(outDir, "server.mjs");
}

function startChild(bundle: string, dbPath: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, bundle, dbPath], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const url = /^(http:\/\/127\.0\.0\.1:\d+)\n/.exec(output)?.[1];
      if (url) resolve({ child, url });
    });
    child.on("error", reject);
    child.on("exit", (code) => reject(new Error(`collector exited early with ${code}`)));
  });
}

describe("durability", () => {
  it("keeps every acknowledged event, exactly once, when the collector is SIGKILLed mid-load", async () => {
    const dir = tempDir();
    const dbPath = join(dir, "feedback.db");
    const { child, url } = await startChild(await bundleServer(), dbPath);
    const exited = new Promise((resolve) => child.once("exit", resolve));
    const acknowledged = new Set<string>();
    const sent = new Set<string>();
    let acks = 0;

    const client = async () => {
      let previous: string[] = [];
      for (let request = 0; ; request++) {
        const ids =
          request % RESEND_EVERY === RESEND_EVERY - 1 && previous.length
            ? previous
            : Array.from({ length: EVENTS_PER_BATCH }, () => randomUUID());
        for (const id of ids) sent.add(id);
        try {
          const response = await fetch(`${url}/v1/events`, {
            method: "POST",
            headers: { "content-type": "text/plain" },
            body: batch(ids.map((id) => makeEvent({ id }))),
          });
          if (response.status !== 200) throw new Error(`status ${response.status}`);
          await response.json();
        } catch {
          return;
        }
        for (const id of ids) acknowledged.add(id);
        previous = ids;
        acks++;
        if (acks === ACKS_BEFORE_KILL) child.kill("SIGKILL");
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, client));
    await exited;

    expect(acks).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);
    const db = new Database(dbPath);
    const rows = db.prepare("SELECT id FROM events").pluck().all() as string[];
    db.close();
    const stored = new Set(rows);
    expect(rows.length).toBe(stored.size);
    const lost = [...acknowledged].filter((id) => !stored.has(id));
    expect(lost).toEqual([]);
    expect([...stored].every((id) => sent.has(id))).toBe(true);
  }, 60_000);
});
