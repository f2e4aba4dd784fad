// Collector benchmark. Ingest: events/s and request latency for SQLite with one collector and,
// with --db postgres, PostgreSQL with 1, 2 and 4 collector processes behind a round-robin (each
// acknowledged id must be stored exactly once). Reads: at each --scale (events bulk-loaded into
// an empty database), the time and peak memory of `touchpoint report` and of each read API call
// the dashboard makes. PostgreSQL runs in a private cluster in a temp directory (Debian's
// server), removed afterwards, unless --postgres-url names a server to use.
// Usage: npm run build && node bench/collector.mjs [--db sqlite|postgres] [--events N (0: no
//        ingest)] [--connections N] [--batch N] [--scale 100000,1000000] [--reads sqlite,postgres]
//        [--postgres-url URL]
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import pg from "pg";
import { startCluster } from "../scripts/postgres-cluster.mjs";
import { measureIngest } from "./lib/collector-ingest.mjs";
import { measureReads } from "./lib/collector-reads.mjs";

const { values } = parseArgs({
  options: {
    db: { type: "string", default: "sqlite" },
    events: { type: "string", default: "20000" },
    connections: { type: "string", default: "32" },
    batch: { type: "string", default: "50" },
    scale: { type: "string", default: "100000" },
    reads: { type: "string" },
    "postgres-url": { type: "string" },
  },
});
const withPostgres = values.db === "postgres";
const ingestOptions = {
  events: Number(values.events),
  connections: Number(values.connections),
  batch: Number(values.batch),
};
const readEngines = (values.reads ?? "sqlite,postgres").split(",");
const scales = values.scale
  .split(",")
  .filter(Boolean)
  .map((s) => Number(s.replace(/_/g, "")));

const dir = mkdtempSync(join(tmpdir(), "touchpoint-bench-"));
let cluster;
let serverUrl = values["postgres-url"];
let databases = 0;

async function postgresDatabase() {
  const name = `bench_${process.pid}_${++databases}`;
  const admin = new pg.Client(serverUrl);
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.href;
}

async function countPostgres(url) {
  const client = new pg.Client(url);
  await client.connect();
  const { rows } = await client.query(
    "SELECT count(*)::int AS rows, count(DISTINCT id)::int AS distinct FROM events",
  );
  await client.end();
  return { rows: rows[0].rows, stored: rows[0].distinct };
}

function countSqlite(path) {
  const db = new Database(path, { readonly: true });
  const row = db.prepare("SELECT count(*) AS rows, count(DISTINCT id) AS stored FROM events").get();
  db.close();
  return row;
}

const fmt = (n) => Math.round(n).toLocaleString("en-US");
const ms = (v) => (v < 10 ? `${v.toFixed(1)} ms` : `${fmt(v)} ms`);
const mb = (bytes) => `${fmt(bytes / 1048576)} MB`;

async function main() {
  const startedAt = new Date();
  if (withPostgres && !serverUrl) {
    cluster = await startCluster({
      settings: { shared_buffers: "1GB", max_wal_size: "8GB", checkpoint_timeout: "30min" },
    });
    serverUrl = cluster.url;
  }
  const lines = [];
  const print = (line = "") => {
    lines.push(line);
    console.log(line);
  };
  print(
    `node bench/collector.mjs ${process.argv.slice(2).join(" ")} on ${cpus()[0]?.model ?? "?"}, ${cpus().length} cores, ${fmt(totalmem() / 2 ** 30)} GiB, Node ${process.version}; ${startedAt.toISOString().slice(0, 16)} UTC`,
  );
  print();
  print(
    `Ingest: ${fmt(ingestOptions.events)} distinct events per run (plus re-sent batches), ${ingestOptions.connections} keep-alive connections, batches of ${ingestOptions.batch}, requests round-robin over the collectors`,
  );
  print();
  print(
    "| database | collectors | events/s | p50 | p99 | distinct ids acknowledged | rows stored | check |",
  );
  print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
  const runs = ingestOptions.events > 0 ? [["SQLite", 1]] : [];
  if (withPostgres && runs.length)
    runs.push(["PostgreSQL", 1], ["PostgreSQL", 2], ["PostgreSQL", 4]);
  let failed = false;
  for (const [engine, processes] of runs) {
    const target =
      engine === "SQLite" ? join(dir, `ingest-${processes}.db`) : await postgresDatabase();
    const count =
      engine === "SQLite" ? async () => countSqlite(target) : () => countPostgres(target);
    const r = await measureIngest(target, processes, ingestOptions, count);
    const ok = r.rows === r.distinct && r.stored === r.distinct;
    failed ||= !ok;
    print(
      `| ${engine} | ${processes} | ${fmt(r.eventsPerSecond)} | ${ms(r.p50)} | ${ms(r.p99)} | ${fmt(r.distinct)} | ${fmt(r.rows)} | ${ok ? "equal, each id once" : "MISMATCH"} |`,
    );
  }
  for (const scale of scales) {
    const engines = [];
    if (readEngines.includes("sqlite")) engines.push(["SQLite", join(dir, `reads-${scale}.db`)]);
    if (withPostgres && readEngines.includes("postgres")) {
      engines.push(["PostgreSQL", await postgresDatabase()]);
    }
    const results = [];
    for (const [engine, target] of engines) {
      console.error(`loading ${fmt(scale)} events into ${engine}…`);
      results.push(await measureReads(target, scale));
      if (engine === "SQLite") rmSync(target, { force: true });
    }
    print();
    print(
      `Reads at ${fmt(scale)} events (2 surveys, 2 variants + holdout, 90 days), each in a fresh process: first call, then median of 5; peak RSS of that process`,
    );
    print();
    print(`| figure | ${engines.map(([e]) => e).join(" | ")} |`);
    print(`| --- | ${engines.map(() => "---:").join(" | ")} |`);
    print(
      `| bulk load (not ingest) | ${results.map((r) => `${fmt(r.load.events)} events in ${fmt(r.load.ms / 1000)} s`).join(" | ")} |`,
    );
    print(
      `| \`touchpoint report <db>\` | ${results.map((r) => `${ms(r.report.ms)}, peak ${mb(r.report.peak)}`).join(" | ")} |`,
    );
    for (const [index, call] of results[0].calls.entries()) {
      const cells = results.map((r) => {
        const c = r.calls[index];
        return `${ms(c.first)} / ${ms(c.median)}, peak ${mb(c.peak)}`;
      });
      print(`| ${call.name} | ${cells.join(" | ")} |`);
    }
  }
  process.exitCode = failed ? 1 : 0;
}

// Ctrl+C still stops the private cluster and removes the temp files.
process.once("SIGINT", () => {
  cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
  process.exit(130);
});

main()
  .catch((error) => {
    console.error(`bench/collector.mjs: ${error.stack ?? error}`);
    process.exitCode = 1;
  })
  .finally(() => {
    cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
