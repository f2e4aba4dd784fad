import { access, readFile } from "node:fs/promises";
import { extname } from "node:path";
import { buildReport, reportFromCounts } from "../report/aggregate";
import { experimentsFromConfig } from "../report/experiments";
import { formatReport } from "../report/format";
import { type ParseResult, parseEventArray, parseNdjson } from "../report/ndjson";
import type { Report, ReportOptions } from "../report/types";
import { isPostgresUrl } from "../server/storage/open";
import {
  armTotalsStatement,
  countsFromTotals,
  shownByDayStatement,
  type TotalsRow,
} from "../server/storage/rollup-read";
import { rowToEvent } from "../wire/row";
import { problemOf, validateEvent } from "../wire/validate";
import type { CliCommand } from "./io";
import { shownTarget } from "./shown-target";

const USAGE =
  "Usage: touchpoint report <events.ndjson | events.jsonl | events.json | feedback.db | postgres://…> [--json] [--config touchpoint.json] [--weights control=50,b=50] [--fixed] [--mde 3]\n" +
  "  --fixed    fixed-horizon tests (read once, at the plan) instead of always-valid confidence sequences\n" +
  "  --mde N    smallest lift in response rate worth finding, in points, for the planning line (default 3)\n";
/** Bad lines printed one by one before the rest are only counted. */
const MAX_PRINTED_ERRORS = 50;
const TEXT_EXTENSIONS = new Set([".ndjson", ".jsonl", ".json"]);
const DATABASE_EXTENSIONS = new Set([".db", ".sqlite", ".sqlite3"]);
/** One `key=weight` pair of `--weights`; the weight is a plain non-negative decimal. */
const WEIGHT_PAIR = /^([^=]+)=\s*(\d+(?:\.\d+)?)$/;

interface Arguments {
  file: string;
  json: boolean;
  /** Config file to read the variants' weights from (`--config`). */
  config: string | undefined;
  options: ReportOptions;
}

/** Events read from a file, and what its error positions count ("line", "event" or "row"). */
interface Loaded extends ParseResult {
  unit: "line" | "event" | "row";
}

/** A problem worth one clear line on stderr and an exit code, not a stack trace. */
class ReportInputError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

function parseWeights(text: string | undefined): Record<string, number> {
  const weights: Record<string, number> = {};
  for (const pair of (text ?? "").split(",")) {
    const [, key, weight] = WEIGHT_PAIR.exec(pair.trim()) ?? [];
    if (!key || !weight) {
      throw new ReportInputError(
        `--weights: expected key=number pairs such as control=50,b=50, got "${text ?? ""}"`,
        2,
      );
    }
    weights[key.trim()] = Number(weight);
  }
  return weights;
}

function parseMde(text: string | undefined): number {
  const value = Number(text);
  if (!text || !Number.isFinite(value) || value <= 0 || value >= 100) {
    throw new ReportInputError(
      `--mde: expected points of response rate between 0 and 100, such as 3, got "${text ?? ""}"`,
      2,
    );
  }
  return value;
}

function parseArguments(argv: readonly string[]): Arguments {
  const files: string[] = [];
  const options: ReportOptions = {};
  let json = false;
  let config: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--json") json = true;
    else if (arg === "--config") config = argv[++i] ?? "";
    else if (arg.startsWith("--config=")) config = arg.slice(9);
    else if (arg === "--weights") options.weights = parseWeights(argv[++i]);
    else if (arg.startsWith("--weights=")) options.weights = parseWeights(arg.slice(10));
    else if (arg === "--fixed") options.method = "fixed";
    else if (arg === "--mde") options.mde = parseMde(argv[++i]);
    else if (arg.startsWith("--mde=")) options.mde = parseMde(arg.slice(6));
    else if (arg.startsWith("-")) throw new ReportInputError(`unknown option ${arg}\n${USAGE}`, 2);
    else files.push(arg);
  }
  const [file] = files;
  if (!file || files.length > 1 || config === "") throw new ReportInputError(USAGE, 2);
  return { file, json, config, options };
}

function reason(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "ENOENT") return "no such file";
  if (code === "EACCES") return "permission denied";
  if (code === "EISDIR") return "is a directory";
  return error instanceof Error ? error.message : String(error);
}

async function readDatabase(file: string): Promise<Loaded> {
  let open: typeof import("better-sqlite3");
  try {
    open = (await import("better-sqlite3")).default;
  } catch (error) {
    throw new ReportInputError(
      `reading ${file} needs the better-sqlite3 package (npm i better-sqlite3): ${reason(error)}`,
      1,
    );
  }
  const result: Loaded = { events: [], errors: [], unit: "row" };
  let db: import("better-sqlite3").Database | undefined;
  try {
    db = open(file, { readonly: true, fileMustExist: true });
    const rows = db.prepare("SELECT * FROM events ORDER BY rowid").all() as Record<
      string,
      unknown
    >[];
    for (const [index, row] of rows.entries()) {
      const checked = validateEvent(rowToEvent(row));
      if (checked.ok) result.events.push(checked.event);
      else result.errors.push({ line: index + 1, message: problemOf(checked) });
    }
  } catch (error) {
    throw new ReportInputError(`cannot read ${file} as a collector database: ${reason(error)}`, 1);
  } finally {
    db?.close();
  }
  return result;
}

/**
 * The counts a collector database keeps (its roll-ups), so the report reads a few rows per day
 * and variant instead of every event; undefined for a SQLite file without them (an older
 * collector's, or a hand-made table), which is then read row by row.
 */
async function readStoredReport(file: string, options: ReportOptions): Promise<Report | undefined> {
  if (isPostgresUrl(file)) {
    const { PostgresStore } = await import("../server/storage/postgres");
    const store = new PostgresStore({ url: file, poolSize: 2 });
    try {
      await store.ready;
      return await store.report({}, options);
    } catch (error) {
      throw new ReportInputError(`cannot read ${shownTarget(file)}: ${reason(error)}`, 1);
    } finally {
      await store.close().catch(() => undefined);
    }
  }
  if (!DATABASE_EXTENSIONS.has(extname(file).toLowerCase())) return undefined;
  let open: typeof import("better-sqlite3");
  try {
    open = (await import("better-sqlite3")).default;
  } catch {
    return undefined;
  }
  let db: import("better-sqlite3").Database | undefined;
  try {
    db = open(file, { readonly: true, fileMustExist: true });
    const ready = db.prepare("SELECT value FROM touchpoint_meta WHERE key = 'rollups'").get() as
      | { value: string }
      | undefined;
    if (ready?.value !== "ready") return undefined;
    const counts = countsFromTotals(
      db.prepare(armTotalsStatement({}, () => "?").sql).all() as TotalsRow[],
      db.prepare(shownByDayStatement({}, () => "?").sql).all() as TotalsRow[],
    );
    return reportFromCounts(counts.touchpoints, counts.totals, options);
  } catch {
    return undefined;
  } finally {
    db?.close();
  }
}

async function readEvents(file: string): Promise<Loaded> {
  const extension = extname(file).toLowerCase();
  const isDatabase = DATABASE_EXTENSIONS.has(extension);
  if (!isDatabase && !TEXT_EXTENSIONS.has(extension)) {
    throw new ReportInputError(
      `cannot tell the format of ${file}: expected .ndjson, .jsonl, .json, .db or .sqlite`,
      2,
    );
  }
  try {
    await access(file);
  } catch (error) {
    throw new ReportInputError(`cannot read ${file}: ${reason(error)}`, 1);
  }
  if (isDatabase) return readDatabase(file);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new ReportInputError(`cannot read ${file}: ${reason(error)}`, 1);
  }
  const array = extension === ".json" ? parseEventArray(text) : null;
  return array ? { ...array, unit: "event" } : { ...parseNdjson(text), unit: "line" };
}

/** The variants' weights and controls declared in a config file, for the sample ratio check. */
async function readExperiments(
  file: string,
  io: Parameters<CliCommand>[1],
): Promise<NonNullable<ReportOptions["experiments"]>> {
  let config: unknown;
  try {
    config = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    const why = error instanceof SyntaxError ? `not valid JSON (${error.message})` : reason(error);
    throw new ReportInputError(`cannot read the config ${file}: ${why}`, 1);
  }
  const { experiments, problems } = experimentsFromConfig(config);
  if (problems.length) {
    throw new ReportInputError(
      `cannot use the variants of ${file}:\n  ${problems.join("\n  ")}`,
      1,
    );
  }
  if (Object.keys(experiments).length === 0) {
    io.stderr(
      `${file}: no survey lists variants; the sample ratio check uses --weights or equal weights\n`,
    );
  }
  return experiments;
}

function printErrors(loaded: Loaded, io: Parameters<CliCommand>[1]): void {
  const { errors, unit, events } = loaded;
  if (errors.length === 0) return;
  for (const error of errors.slice(0, MAX_PRINTED_ERRORS)) {
    io.stderr(`${unit} ${error.line}: ${error.message}\n`);
  }
  if (errors.length > MAX_PRINTED_ERRORS) {
    io.stderr(`... and ${errors.length - MAX_PRINTED_ERRORS} more\n`);
  }
  const plural = errors.length === 1 ? "" : "s";
  io.stderr(
    `${errors.length} bad ${unit}${plural} skipped; the report covers the ${events.length} good events\n`,
  );
}

/**
 * `touchpoint report <file> [--json] [--config touchpoint.json] [--weights control=50,b=50]
 * [--fixed] [--mde 3]`: prints the report of an NDJSON or JSON event file or a collector SQLite database. Bad lines go
 * to stderr with their numbers and the good ones are still reported. The sample ratio check uses
 * each survey's variant weights from `--config`, else `--weights`, else equal weights. Verdicts
 * use always-valid confidence sequences unless `--fixed` (or a survey's `experiment.plan.method`)
 * asks for fixed-horizon tests. `--help` prints the usage. Exits 0 when there were good events (or
 * none and no errors), 1 when the file cannot be read or holds no good event, 2 on a usage error.
 */
export const run: CliCommand = async (argv, io) => {
  if (argv.includes("--help") || argv.includes("-h")) {
    io.stdout(USAGE);
    return 0;
  }
  try {
    const { file, json, config, options } = parseArguments(argv);
    if (config !== undefined) options.experiments = await readExperiments(config, io);
    const stored = await readStoredReport(file, options);
    if (stored) {
      const report = stored;
      io.stdout(json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
      return 0;
    }
    const loaded = await readEvents(file);
    printErrors(loaded, io);
    const report = buildReport(loaded.events, options);
    io.stdout(json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
    return loaded.events.length === 0 && loaded.errors.length > 0 ? 1 : 0;
  } catch (error) {
    if (!(error instanceof ReportInputError)) throw error;
    io.stderr(
      error.message.startsWith("Usage") ? error.message : `touchpoint report: ${error.message}\n`,
    );
    return error.exitCode;
  }
};
