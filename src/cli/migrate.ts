import { parseArgs } from "node:util";
import {
  type AnswerContact,
  contactsBetween,
  copyAlerts,
  copyFollowUps,
  PENDING_IN_SOURCE,
} from "../server/storage/copy-followups";
import { copyConfigVersions, copyTokens } from "../server/storage/copy-stores";
import { openStore } from "../server/storage/open";
import { storeSql } from "../server/storage/store-sql";
import { storesOf } from "../server/storage/stores";
import type { EventStore, ExportRow } from "../server/storage/types";
import { rowToEvent } from "../wire/row";
import { type ValidEvent, validateEvent } from "../wire/validate";
import type { CliCommand } from "./io";
import { shownTarget } from "./shown-target";

/** Events read from the source per page (and at most written per transaction). */
const PAGE = 5000;

const usage = `Usage: touchpoint migrate --from feedback.db --to postgres://user@host:5432/dbname

Copies every event, with the time it was received (answers with their consent and contact), from
one collector database to another (either may be a SQLite file or a PostgreSQL URL) through the
target's own writer, so its roll-ups are built as it goes. Idempotent: events already in the target are skipped, so running it again, or
after an interruption, stores nothing twice. Collectors may keep writing to the target meanwhile.

Also copies the studio's config versions (same numbers, authors and times) and the access tokens
(their hashes; revoked ones stay revoked), so the same tokens sign in; dashboard sessions are not
copied. Copies follow-up statuses (status, note, who, when, and their history) and the alert
outbox: delivered alerts stay delivered and dead letters stay dead (re-send them from the target);
an alert still pending in the source is copied as a dead letter, never sent from both. Drain the
source first (stop sending to it and let its collector deliver), or re-send those from the target
once sure the source never delivered them; a later run replaces them with the source's outcome.
A version, token or follow-up the target holds differently is kept and reported (exit code 1).
`;

/**
 * Writes consecutive events that share a receive time together, keeping that time, with their
 * consent and contact (which the target's writer also fills in on an answer it already holds).
 */
async function copyPage(
  rows: readonly ExportRow[],
  contacts: ReadonlyMap<string, AnswerContact>,
  target: EventStore,
  bad: string[],
) {
  let stored = 0;
  let run: ValidEvent[] = [];
  let receivedAt = "";
  const flush = async () => {
    if (run.length) stored += await target.write(run, receivedAt);
    run = [];
  };
  for (const row of rows) {
    const checked = validateEvent({ ...rowToEvent(row), ...contacts.get(String(row.id)) });
    if (!checked.ok) {
      bad.push(`event ${String(row.id)}: ${checked.field}: ${checked.problem}`);
      continue;
    }
    const at = String(row.received_at);
    if (at !== receivedAt) await flush();
    receivedAt = at;
    run.push(checked.event);
  }
  await flush();
  return stored;
}

/** `touchpoint migrate --from A --to B`: copies a collector database into another. */
export const run: CliCommand = async (argv, io) => {
  let from: string | undefined;
  let to: string | undefined;
  try {
    const { values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        from: { type: "string" },
        to: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
    if (values.help) {
      io.stdout(usage);
      return 0;
    }
    ({ from, to } = values);
    if (!from || !to) throw new Error("--from and --to: both required");
    if (from === to) throw new Error("--from and --to: name two different databases");
  } catch (error) {
    io.stderr(
      `touchpoint migrate: ${error instanceof Error ? error.message : String(error)}\n\n${usage}`,
    );
    return 2;
  }
  let source: EventStore | undefined;
  let target: EventStore | undefined;
  try {
    source = openStore(from);
    target = openStore(to);
    await Promise.all([source.ready, target.ready]);
    const [sourceSql, targetSql] = [storeSql(source), storeSql(target)];
    const bad: string[] = [];
    let read = 0;
    let stored = 0;
    let after = 0;
    for (;;) {
      const rows = await source.exportPage({}, after, PAGE);
      const last = rows.at(-1);
      if (!last) break;
      const contacts = await contactsBetween(sourceSql, after, last.position);
      stored += await copyPage(rows, contacts, target, bad);
      read += rows.length;
      after = last.position;
    }
    for (const line of bad.slice(0, 20)) io.stderr(`${line}\n`);
    if (bad.length) io.stderr(`${bad.length} invalid event(s) skipped\n`);
    io.stdout(
      `Copied ${read.toLocaleString("en-US")} events from ${shownTarget(from)} to ${shownTarget(to)}: ${stored.toLocaleString("en-US")} new, ${(read - bad.length - stored).toLocaleString("en-US")} already there.\n`,
    );
    const [sourceStores, targetStores] = [storesOf(source), storesOf(target)];
    const configs = await copyConfigVersions(sourceStores.configs, targetStores.configs);
    const tokens = await copyTokens(sourceStores.access, targetStores.access);
    for (const line of [...configs.differ, ...tokens.differ]) io.stderr(`${line}\n`);
    io.stdout(
      `Copied config versions: ${configs.copied} new, ${configs.present} already there. Access tokens: ${tokens.copied} new, ${tokens.present} already there.\n`,
    );
    const alerts = await copyAlerts(sourceSql, targetSql);
    const followUps = await copyFollowUps(sourceSql, targetSql);
    for (const line of followUps.differ) io.stderr(`${line}\n`);
    io.stdout(
      `Copied alerts: ${alerts.copied} new or settled since, ${alerts.present} already there (${alerts.dead} dead letters in the source). Follow-up statuses: ${followUps.copied} new, ${followUps.present} already there.\n`,
    );
    if (alerts.pending) {
      io.stderr(
        `${alerts.pending} alert(s) still pending in ${shownTarget(from)}: copied as dead letters (${PENDING_IN_SOURCE}). Let the source deliver them and run migrate again, or re-send them from the target.\n`,
      );
    }
    const differ = configs.differ.length + tokens.differ.length + followUps.differ.length;
    return bad.length || differ ? 1 : 0;
  } catch (error) {
    io.stderr(`touchpoint migrate: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await source?.close().catch(() => undefined);
    await target?.close().catch(() => undefined);
  }
};
