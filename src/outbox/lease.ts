import type { Store } from "./store";

/** Store key of the flush lease: which tab flushes, and until when unless it renews. */
export const LEASE_KEY = "lease";
/** A lease outlives the longest request by this much, so a live leader never loses it. */
export const LEASE_MARGIN_MS = 2000;
/** While another tab leads, look again this often: it may be done sooner than its lease says. */
export const RECHECK_MS = 1000;

interface Lease {
  owner: string;
  until: number;
}

/** Runs a flush as the site's one flusher; `stillLeader` re-checks before each send. */
export type Lead = (
  task: (stillLeader: () => Promise<boolean>) => Promise<void>,
) => Promise<number>;

export interface LeadershipOptions {
  store: () => Store;
  /** `navigator.locks`, where the browser has Web Locks. */
  locks: LockManager | undefined;
  /** Lock name, per site. */
  name: string;
  /** This tab's id. */
  me: string;
  now: () => number;
  leaseMs: number;
}

const BUSY = -1;

/**
 * One flusher per site across tabs. With Web Locks the lock decides, and the lease in IndexedDB
 * is the leader's heartbeat: a tab that finds the lock held by a leader whose lease lapsed (the
 * tab is frozen, paused or hung) steals the lock, and the old leader, re-checking the lease
 * before each send, stops. Without Web Locks the lease alone decides. `lead` resolves to 0 once
 * the task ran, or to how long to wait before trying again because another tab leads.
 */
export function createLeadership(o: LeadershipOptions): Lead {
  let busySince: number | undefined;
  // A lease ending further ahead than a lease lasts means the clock went back: treat it as lapsed.
  const lapsed = (l: Lease) => l.until <= o.now() || l.until - o.now() > o.leaseMs;
  const mine = (l: Lease | undefined) => l?.owner === o.me;
  const claim = (force: boolean) =>
    o
      .store()
      .update<Lease>(LEASE_KEY, (l) =>
        force || !l || mine(l) || lapsed(l) ? { owner: o.me, until: o.now() + o.leaseMs } : l,
      );

  return async (task) => {
    if (o.store().kind !== "indexeddb") {
      await task(async () => true);
      return 0;
    }
    const guarded = async (locked: boolean): Promise<number> => {
      const lease = await claim(locked);
      if (!lease || !mine(lease))
        return Math.min(Math.max(lease ? lease.until - o.now() : 0, 1), RECHECK_MS);
      busySince = undefined;
      try {
        // Renewing needs the lease still to be ours: a tab that lost it, even to a tab that has
        // since finished and let it go, stops.
        await task(async () =>
          mine(
            await o
              .store()
              .update<Lease>(LEASE_KEY, (l) =>
                mine(l) ? { owner: o.me, until: o.now() + o.leaseMs } : l,
              ),
          ),
        );
      } finally {
        await o.store().update<Lease>(LEASE_KEY, (l) => (mine(l) ? undefined : l));
      }
      return 0;
    };
    const { locks } = o;
    if (!locks) return guarded(false);
    let running: Promise<number> | undefined;
    const request = (options: LockOptions) =>
      locks
        .request(o.name, options, (lock) => {
          if (!lock) return BUSY;
          running = guarded(true);
          return running;
        })
        // A tab whose lock was stolen lets its task run on: it stops at its next lease check.
        .catch((error: unknown) => {
          if (running) return running;
          throw error;
        });
    if ((await request({ ifAvailable: true })) !== BUSY) return 0;
    const lease = await o.store().get<Lease>(LEASE_KEY);
    if (lease && !lapsed(lease)) {
      busySince = undefined;
      return Math.min(lease.until - o.now(), RECHECK_MS);
    }
    // Held, but no lease yet: the holder is just starting, or froze before writing one.
    busySince ??= o.now();
    const waited = o.now() - busySince;
    if (!lease && waited >= 0 && waited < o.leaseMs)
      return Math.min(o.leaseMs - waited, RECHECK_MS);
    return request({ steal: true });
  };
}
