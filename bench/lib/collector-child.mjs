// A collector in its own process for the benchmarks: prints its URL, and on SIGINT or SIGTERM
// closes and prints its peak resident memory (`maxRSS`, KiB) as `peak <n>`. Reads are open
// (`publicRead`): the benchmark times the queries, not the token check (one hash and one indexed
// lookup per request).
// Usage: node collector-child.mjs <db> [poolSize]
import { readFileSync } from "node:fs";
import { createCollector } from "../../dist/cli.mjs";

/** Peak resident memory of this process in KiB: VmHWM starts afresh at exec, maxRSS does not. */
function peakKib() {
  try {
    return Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"))?.[1]);
  } catch {
    return process.resourceUsage().maxRSS;
  }
}

const [db, pool] = process.argv.slice(2);
const collector = createCollector({
  dbPath: db,
  rateLimit: false,
  publicRead: true,
  ...(pool ? { poolSize: Number(pool) } : {}),
});
const { url } = await collector.listen(0, "127.0.0.1");
process.stdout.write(`${url}\n`);
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, async () => {
    await collector.close();
    process.stdout.write(`peak ${peakKib()}\n`);
    process.exit(0);
  });
}
