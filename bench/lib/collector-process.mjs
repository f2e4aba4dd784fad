// Starting and stopping benchmark collectors, and running the report command, in child processes.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const CHILD = fileURLToPath(new URL("./collector-child.mjs", import.meta.url));
const CLI = new URL("../../dist/cli.mjs", import.meta.url).href;
const STARTUP_TIMEOUT_MS = 60_000;

/** Starts a collector on `db`; resolves to `{ url, stop }`, where `stop()` resolves to peak RSS (bytes). */
export function startCollector(db, poolSize) {
  const child = spawn(process.execPath, [CHILD, db, ...(poolSize ? [String(poolSize)] : [])], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => {
    output += chunk;
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error("collector did not start")),
      STARTUP_TIMEOUT_MS,
    );
    const onExit = (code) => reject(new Error(`collector exited with ${code}`));
    child.once("exit", onExit);
    child.stdout.on("data", () => {
      const url = /^(http:\/\/127\.0\.0\.1:\d+)\n/.exec(output)?.[1];
      if (!url) return;
      clearTimeout(timer);
      child.stdout.removeAllListeners("data");
      child.stdout.on("data", (chunk) => {
        output += chunk;
      });
      child.off("exit", onExit);
      const stop = () =>
        new Promise((done) => {
          child.once("exit", () =>
            done(1024 * Number(/peak (\d+)/.exec(output)?.[1] ?? Number.NaN)),
          );
          child.kill("SIGTERM");
        });
      resolve({ url, stop, child });
    });
  });
}

/** Runs `touchpoint report <target>` in a fresh process; resolves to `{ ms, peak, code }`. */
export function timeReport(target) {
  const script = `
    const { main } = await import(${JSON.stringify(CLI)});
    let out = 0;
    const start = performance.now();
    const code = await main(["report", ${JSON.stringify(target)}], { stdout: (t) => { out += t.length; }, stderr: (t) => process.stderr.write(t) });
    const ms = performance.now() - start;
    const { readFileSync } = await import("node:fs");
    const status = readFileSync("/proc/self/status", "utf8").split(String.fromCharCode(10));
    const hwm = Number(status.find((line) => line.startsWith("VmHWM")).replace(/[^0-9]/g, ""));
    process.stdout.write(JSON.stringify({ ms, peak: hwm * 1024, code, out }));
  `;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let text = "";
    child.stdout.on("data", (chunk) => {
      text += chunk;
    });
    child.once("exit", () => {
      try {
        resolve(JSON.parse(text));
      } catch (error) {
        reject(error);
      }
    });
  });
}
