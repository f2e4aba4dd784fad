import type { ResolvedRule } from "../alerts/config";
import type { AlertOutbox } from "../alerts/outbox";
import { PostgresAlertOutbox, postgresAlertEnqueuer } from "../alerts/postgres-outbox";
import { alertEnqueuer, SqliteAlertOutbox } from "../alerts/sqlite-outbox";
import { PostgresStore } from "../storage/postgres";
import { SqliteStore } from "../storage/sqlite";
import type { EventStore } from "../storage/types";
import { PostgresFollowUpStore } from "./postgres";
import { SqliteFollowUpStore } from "./sqlite";
import type { FollowUpStore } from "./store";

/**
 * The alert outbox and follow-ups on the store's own database (SQLite or PostgreSQL). With
 * `rules`, the store's writer queues the alerts each answer matches in the answer's transaction.
 */
export function openFollowUps(
  store: EventStore,
  rules: readonly ResolvedRule[] | undefined,
  now: () => number,
): { outbox: AlertOutbox; followUps: FollowUpStore } {
  if (store instanceof SqliteStore) {
    const outbox = new SqliteAlertOutbox(store.db);
    if (rules) store.answerHook = alertEnqueuer(store.db, rules, now);
    return { outbox, followUps: new SqliteFollowUpStore(store.db, outbox) };
  }
  if (store instanceof PostgresStore) {
    const outbox = new PostgresAlertOutbox(store);
    if (rules) store.answerHook = postgresAlertEnqueuer(rules, now);
    return { outbox, followUps: new PostgresFollowUpStore(store, outbox) };
  }
  throw new TypeError(`follow-ups: no storage for the "${store.engine}" engine`);
}
