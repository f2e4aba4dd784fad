// A private PostgreSQL cluster for tests and benchmarks: Debian's server binaries, a temporary
// directory, a free port on 127.0.0.1, run as the `postgres` user when we are root (the server
// refuses to run as root). Installs Debian's postgresql package when missing and root; otherwise
// stops with the command to run. Never skips.
import { execFileSync, execSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const BIN = process.env.POSTGRES_BIN ?? "/usr/lib/postgresql/15/bin";
const INSTALL = "sudo apt-get update && sudo apt-get install -y postgresql";
const PORT_ATTEMPTS = 5;

const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0;

/** Makes sure the server binaries exist, installing them as root; exits the process otherwise. */
export function ensurePostgres() {
  if (existsSync(join(BIN, "pg_ctl"))) return;
  if (!isRoot()) {
    console.error(
      `PostgreSQL server binaries were not found in ${BIN}. Install them with:\n  ${INSTALL}\n` +
        "or set POSTGRES_BIN to a folder holding initdb and pg_ctl. The PostgreSQL tests cannot run without it.",
    );
    process.exit(1);
  }
  console.log("PostgreSQL is missing; installing Debian's postgresql package…");
  execSync(
    "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql",
    {
      stdio: "inherit",
      shell: "/bin/bash",
    },
  );
  if (!existsSync(join(BIN, "pg_ctl"))) {
    console.error(`apt-get finished but ${BIN}/pg_ctl is still missing.`);
    process.exit(1);
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function run(tool, args) {
  const command = join(BIN, tool);
  const [file, argv] = isRoot()
    ? ["runuser", ["-u", "postgres", "--", command, ...args]]
    : [command, args];
  return execFileSync(file, argv, { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
}

/**
 * Starts a cluster and resolves to `{ url, port, dir, stop(), restart(), pause(), resume() }`.
 * `url` names the `postgres` database as the `postgres` superuser (trust auth on 127.0.0.1 only).
 */
export async function startCluster({ settings = {} } = {}) {
  ensurePostgres();
  const dir = mkdtempSync(join(tmpdir(), "touchpoint-pg-"));
  if (isRoot()) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, "data");
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    run("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"]);
  } catch (error) {
    remove();
    throw new Error(`initdb failed: ${error.stderr ?? error.message}`);
  }
  const options = { max_connections: 100, shared_buffers: "128MB", ...settings };
  let port = 0;
  const start = () => {
    const flags = [
      `-p ${port}`,
      "-c listen_addresses=127.0.0.1",
      `-c unix_socket_directories=${dir}`,
      ...Object.entries(options).map(([key, value]) => `-c ${key}=${value}`),
    ].join(" ");
    run("pg_ctl", [
      "-D",
      data,
      "-o",
      flags,
      "-l",
      join(dir, "server.log"),
      "-w",
      "-t",
      "60",
      "start",
    ]);
  };
  let lastError;
  for (let attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
    port = await freePort();
    try {
      start();
      lastError = undefined;
      break;
    } catch (error) {
      lastError = error;
    }
  }
  if (lastError) {
    remove();
    throw new Error(`pg_ctl start failed: ${lastError.stderr ?? lastError.message}`);
  }
  const ctl = (...args) => run("pg_ctl", ["-D", data, ...args]);
  let stopped = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dir,
    /** Stops the server at once (like a crash) without removing anything. */
    kill: () => ctl("-m", "immediate", "-w", "stop"),
    /** Starts it again after `kill()`, same port and data. */
    start,
    stop: () => {
      if (stopped) return;
      stopped = true;
      try {
        ctl("-m", "fast", "-w", "-t", "30", "stop");
      } catch {
        // Already stopped (a test killed it): the directory still goes.
      }
      remove();
    },
  };
}
