import type { EventKind } from "../wire/event";
import type { QueuedItem } from "./queued-item";

/** Bounds of the queue. What goes over them is dropped, counted and reported with its reason. */
export interface Limits {
  maxEvents: number;
  maxBytes: number;
  maxAgeMs: number;
}

export const MAX_EVENTS = 1000;
export const MAX_BYTES = 1_000_000;
export const MAX_AGE_DAYS = 30;
export const DAY_MS = 24 * 3600 * 1000;

/** Over a bound, impressions go first, then dismissals, answers last; the oldest first. */
const RANK: Record<EventKind, number> = { impression: 0, dismissal: 1, answer: 2 };

export interface Dropped {
  item: QueuedItem;
  reason: string;
}

/** When an item was queued (older items without `at`: when the event was created). */
export const queuedAt = (item: QueuedItem) => item.at ?? (Date.parse(item.event.createdAt) || 0);

/**
 * Splits queued items (deduplicated, oldest first) into those kept and those dropped for being
 * past their time-to-live or over the count or byte bound. A clock set back expires nothing.
 */
export function applyLimits(
  items: QueuedItem[],
  limits: Limits,
  now: number,
): { keep: QueuedItem[]; dropped: Dropped[] } {
  const dropped: Dropped[] = [];
  const days = Math.round(limits.maxAgeMs / DAY_MS);
  let keep = items.filter((item) => {
    const old = now - queuedAt(item) > limits.maxAgeMs;
    if (old) dropped.push({ item, reason: `older than ${days} days` });
    return !old;
  });
  let bytes = keep.reduce((sum, i) => sum + (i.size ?? 0), 0);
  let count = keep.length;
  const victims = new Set<QueuedItem>();
  // Stable sort: by rank, and within a rank still oldest first.
  for (const item of [...keep].sort((a, b) => RANK[a.event.kind] - RANK[b.event.kind])) {
    if (count <= limits.maxEvents && bytes <= limits.maxBytes) break;
    dropped.push({
      item,
      reason:
        count > limits.maxEvents
          ? `over the limit of ${limits.maxEvents} queued events`
          : `over the limit of ${limits.maxBytes} queued bytes`,
    });
    victims.add(item);
    count -= 1;
    bytes -= item.size ?? 0;
  }
  if (victims.size) keep = keep.filter((i) => !victims.has(i));
  return { keep, dropped };
}

/** One line per reason: `dropped 3 queued event(s) (2 impression, 1 answer): older than 30 days`. */
export function describeDropped(dropped: Dropped[]): string[] {
  const byReason = new Map<string, Record<string, number>>();
  for (const { item, reason } of dropped) {
    const kinds = byReason.get(reason) ?? {};
    kinds[item.event.kind] = (kinds[item.event.kind] ?? 0) + 1;
    byReason.set(reason, kinds);
  }
  return [...byReason].map(([reason, kinds]) => {
    const parts = Object.entries(kinds).map(([kind, n]) => `${n} ${kind}`);
    const total = Object.values(kinds).reduce((a, b) => a + b);
    return `dropped ${total} queued event(s) (${parts.join(", ")}): ${reason}`;
  });
}
