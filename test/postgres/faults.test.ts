// Faults under load, each on its own private cluster so killing it disturbs no other test.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { type Cluster, startCluster } from "../../scripts/postgres-cluster.mjs";
import { createCollector } from "../../src/server";
import { freshDatabase, later } from "./helpers";
import { load } from "./load";
import { bundleServer, startChild } from "./processes";

async function privateCluster(): Promise<Cluster> {
  const cluster = await startCluster();
  later(() => cluster.stop());
  return cluster;
}

async function storedIds(db: string): Promise<{ ids: Set<string>; rows: number }> {
  const client = new pg.Client(db);
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>("SELECT id FROM events");
    return { ids: new Set(rows.map((row) => row.id)), rows: rows.length };
  } finally {
    await client.end();
  }
}

describe("faults on PostgreSQL", () => {
  it("answers 503 with Retry-After while the database restarts, and loses nothing acknowledged", async () => {
    const cluster = await privateCluster();
    const db = await freshDatabase(cluster.url);
    const logs: string[] = [];
    const collector = createCollector({
      dbPath: db,
      rateLimit: false,
      poolWaitMs: 1000,
      log: (line) => logs.push(line),
    });
    later(() => collector.close());
    const { url } = await collector.listen(0);
    let down = false;
    let restarted: Promise<void> | undefined;
    const result = await load([url], {
      clients: 4,
      batches: 40,
      size: 20,
      onAck: (acks) => {
        if (acks !== 30) return;
        down = true;
        cluster.kill();
        // Start again once a client has been refused while the server was down.
        restarted = (async () => {
          while (!logs.some((line) => line.includes(" 503 "))) {
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
          cluster.start();
          down = false;
        })();
      },
    });
    await restarted;
    expect(down).toBe(false);
    expect(result.statuses.get(503)).toBeGreaterThan(0);
    expect(new Set(result.retryAfter)).toEqual(new Set(["2"]));
    expect([...result.statuses.keys()].every((status) => status === 200 || status === 503)).toBe(
      true,
    );
    const { ids, rows } = await storedIds(db);
    expect(rows).toBe(ids.size);
    for (const id of result.acknowledged) expect(ids.has(id)).toBe(true);
    expect(result.acknowledged.size).toBe(4 * 40 * 20);
  });

  it("carries on when one of two collector processes is SIGKILLed mid-load", async () => {
    const db = await freshDatabase();
    const bundle = await bundleServer();
    const [a, b] = await Promise.all([startChild(bundle, db), startChild(bundle, db)]);
    let killed = false;
    const result = await load([a.url, b.url], {
      clients: 6,
      batches: 25,
      size: 20,
      onAck: (acks) => {
        if (acks === 40 && !killed) {
          killed = true;
          a.child.kill("SIGKILL");
        }
      },
    });
    expect(killed).toBe(true);
    expect(a.child.signalCode ?? "SIGKILL").toBe("SIGKILL");
    const { ids, rows } = await storedIds(db);
    // Every id stored once; every acknowledged id stored (unacknowledged ones may be, too).
    expect(rows).toBe(ids.size);
    for (const id of result.acknowledged) expect(ids.has(id)).toBe(true);
    expect(result.acknowledged.size).toBe(6 * 25 * 20);
    expect(result.statuses.get(0)).toBeGreaterThan(0);
  });
});
