import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { builtinModules } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";
import { later } from "./helpers";

const root = fileURLToPath(new URL("../../", import.meta.url));
const CHILD = fileURLToPath(
  new URL("../unit/server/fixtures/collector-child.mjs", import.meta.url),
);

/**
 * Bundles src/server the way the node build does, so a child process runs plain JavaScript. The
 * bundle lives under node_modules/.cache so that its `import "pg"` resolves.
 */
export async function bundleServer(): Promise<string> {
  const cache = join(root, "node_modules/.cache");
  mkdirSync(cache, { recursive: true });
  const outDir = mkdtempSync(join(cache, "touchpoint-pg-"));
  later(() => rmSync(outDir, { recursive: true, force: true }));
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

/** A collector in its own process on `db`; resolves once it listens. Killed after the test. */
export function startChild(
  bundle: string,
  db: string,
): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, bundle, db], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    later(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
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
