/**
 * Follow up fast on PostgreSQL (the SQLite schema's second step): consent and contact on answers,
 * the alert outbox written in the answer's transaction, and the follow-up status of each alerted
 * answer. Append as one entry of the PostgreSQL migrations.
 *
 * `lease_until` (ms since the epoch, like `due_at`) is set by the collector that claims an alert
 * for the length of its attempt: no other collector takes it meanwhile, and one that dies leaves
 * it to the others once the lease ends.
 */
export const PG_FOLLOW_UP_MIGRATION = `ALTER TABLE events ADD COLUMN consent smallint;
  ALTER TABLE events ADD COLUMN contact text;
  CREATE TABLE alert_outbox (
    id text PRIMARY KEY,
    root_id text NOT NULL,
    event_id text NOT NULL,
    site_key text NOT NULL,
    rule text NOT NULL,
    destination text NOT NULL,
    type text NOT NULL,
    status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
    attempts integer NOT NULL DEFAULT 0,
    queued_at text COLLATE "C" NOT NULL,
    due_at bigint NOT NULL,
    lease_until bigint,
    last_error text,
    last_attempt_at text COLLATE "C",
    delivered_at text COLLATE "C"
  );
  CREATE INDEX alert_outbox_due ON alert_outbox (due_at, id) WHERE status = 'pending';
  CREATE INDEX alert_outbox_event ON alert_outbox (event_id);
  CREATE INDEX alert_outbox_root ON alert_outbox (root_id);
  CREATE INDEX alert_outbox_dead ON alert_outbox (last_attempt_at DESC) WHERE status = 'dead';
  CREATE TABLE followups (
    event_id text PRIMARY KEY,
    site_key text NOT NULL,
    status text NOT NULL CHECK (status IN ('new', 'in_progress', 'done')),
    note text,
    updated_by text NOT NULL,
    updated_at text COLLATE "C" NOT NULL,
    first_changed_at text COLLATE "C" NOT NULL
  );
  CREATE TABLE followup_changes (
    event_id text NOT NULL,
    status text NOT NULL,
    note text,
    changed_by text NOT NULL,
    changed_at text COLLATE "C" NOT NULL
  );
  CREATE INDEX followup_changes_event ON followup_changes (event_id, changed_at);`;
