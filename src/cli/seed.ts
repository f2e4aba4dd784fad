import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { seedStore } from "../demo-data/seed";
import {
  INCIDENT,
  MAX_SIMULATED_DAYS,
  MAX_SIMULATED_VISITORS,
  SIMULATED_SDK_VERSION,
  SIMULATED_SURVEYS,
  trueFigures,
} from "../demo-data/simulate";
import { normalizeOrigin } from "../server/options";
import { isPostgresUrl, openStore } from "../server/storage/open";
import type { EventStore } from "../server/storage/types";
import type { CliCommand, CliIo } from "./io";
import { shownTarget } from "./shown-target";

const usage = `Usage: touchpoint seed --db feedback.db [options]

Fills a collector database with a simulated data set, so a dashboard has something to show:
visitors walk through the demo shop (cart, order confirmation, third visit, help article, support
contact), the order NPS question runs an A/B test of its copy (control and benefit, with a true
difference), and a week of late deliveries dents the order NPS. The unhappy answers get an alert
and a follow-up history, so the follow-up inbox and time to follow-up have something to show.

Options:
  --db FILE|URL    SQLite database (created when missing), or a
                   PostgreSQL URL (migrated first, like a collector)    default: $DATABASE_URL
  --visitors N     simulated visitors                                   default 12000
  --days N         days of traffic, ending now                          default 56
  --seed N         random seed: the same seed gives the same event ids,
                   so seeding twice adds nothing                        default 1
  --site-key KEY   site key of the events                               default demo-shop
  --origin URL     origin of the simulated page URLs                    default http://127.0.0.1:5173
  --replace        replace a data set seeded earlier, so it ends today

A database that already holds a simulated data set for the site key is left as it is unless
--replace is given. Simulated events carry sdkVersion "${SIMULATED_SDK_VERSION}"; real events are
never touched. --replace recounts the site key's figures from the events left: run it while no
collector stores events for that site key.
`;

class UsageError extends Error {}

function integer(flag: string, raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(value >= 1 && value <= max)) {
    throw new UsageError(`--${flag}: expected an integer from 1 to ${max}, got "${raw}"`);
  }
  return value;
}

function parseFlags(argv: string[], env: NodeJS.ProcessEnv) {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      db: { type: "string" },
      visitors: { type: "string" },
      days: { type: "string" },
      seed: { type: "string" },
      "site-key": { type: "string" },
      origin: { type: "string" },
      replace: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return undefined;
  const db = values.db ?? env.DATABASE_URL;
  if (!db) throw new UsageError("--db: required, e.g. --db feedback.db (or set DATABASE_URL)");
  const siteKey = values["site-key"] ?? "demo-shop";
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(siteKey)) {
    throw new UsageError(`--site-key: expected letters, digits, _ or -, got "${siteKey}"`);
  }
  let origin: string;
  try {
    origin = normalizeOrigin(values.origin ?? "http://127.0.0.1:5173");
  } catch (error) {
    throw new UsageError(`--origin: ${(error as Error).message}`);
  }
  return {
    db: db === ":memory:" || isPostgresUrl(db) ? db : resolve(db),
    visitors: integer("visitors", values.visitors, 12_000, MAX_SIMULATED_VISITORS),
    days: integer("days", values.days, 56, MAX_SIMULATED_DAYS),
    seed: integer("seed", values.seed, 1, 2 ** 32 - 1),
    siteKey,
    origin,
    replace: values.replace ?? false,
  };
}

const count = (n: number) => n.toLocaleString("en-US");
const signed = (n: number) => `${n >= 0 ? "+" : ""}${Math.round(n)}`;

/** The truth behind the data, so what the dashboard finds can be checked against it. */
function truth(): string[] {
  const lines = ["True behaviour behind the data:"];
  for (const survey of SIMULATED_SURVEYS) {
    const arms = Object.keys(survey.arms);
    const what = arms.length > 1 ? `, A/B test of the question copy (${arms.join(" vs ")})` : "";
    lines.push(`  ${survey.id} at ${survey.touchpoint}${what}`);
    for (const arm of arms) {
      const figures = trueFigures(survey, arm);
      const score =
        survey.type === "nps"
          ? `NPS ${signed(figures.score)}`
          : `${Math.round(figures.score)}% ${survey.type === "csat" ? "satisfied (4-5)" : "easy (5-7)"}`;
      const name = arms.length > 1 ? `${arm}: ` : "";
      lines.push(`    ${name}response rate ${Math.round(figures.responseRate)}%, ${score}`);
    }
  }
  lines.push(
    `  late deliveries ${INCIDENT.fromDaysAgo} to ${INCIDENT.toDaysAgo} days ago turn ${100 * INCIDENT.shift}% of ${INCIDENT.surveyId} answers from promoters to detractors`,
  );
  return lines;
}

/** `touchpoint seed`, with the clock passed in so tests get the same data set every run. */
export async function runSeed(argv: string[], io: CliIo, now: () => number): Promise<number> {
  let flags: ReturnType<typeof parseFlags>;
  try {
    flags = parseFlags(argv, io.env ?? process.env);
  } catch (error) {
    io.stderr(
      `touchpoint seed: ${error instanceof Error ? error.message : String(error)}\n\n${usage}`,
    );
    return 2;
  }
  if (!flags) {
    io.stdout(usage);
    return 0;
  }
  const { db: target, ...simulation } = flags;
  const path = shownTarget(target);
  let result: Awaited<ReturnType<typeof seedStore>>;
  let store: EventStore | undefined;
  try {
    store = openStore(target, { poolSize: 2 });
    result = await seedStore(store, { ...simulation, now: now() });
  } catch (error) {
    io.stderr(`touchpoint seed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await store?.close().catch(() => undefined);
  }
  if (result.skipped) {
    io.stdout(
      `${path} already holds ${count(result.existing)} simulated events for ${simulation.siteKey}; nothing added (--replace simulates again, up to today).\n`,
    );
    return 0;
  }
  const replaced = result.replaced ? `, replacing ${count(result.replaced)} simulated earlier` : "";
  io.stdout(
    [
      `Seeded ${path}: ${count(result.stored)} events from ${count(simulation.visitors)} simulated visitors over ${simulation.days} days${replaced}.`,
      `Follow-ups: ${count(result.followUps)} unhappy answers alerted, most followed up within hours, some late, some still open.`,
      ...truth(),
      "",
    ].join("\n"),
  );
  return 0;
}

/** `touchpoint seed`: fills a database with the simulated demo data set. */
export const run: CliCommand = (argv, io) => runSeed(argv, io, Date.now);
