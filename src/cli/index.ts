import type { CliCommand, CliIo } from "./io";

export { createCollector, createToken, openStore } from "../server";
export { bulkLoad } from "../server/storage/bulk";
export { currentMonths } from "../server/storage/postgres-schema";

const commands: Record<string, () => Promise<{ run: CliCommand }>> = {
  validate: () => import("./validate"),
  report: () => import("./report"),
  collect: () => import("./collect"),
  seed: () => import("./seed"),
  migrate: () => import("./migrate"),
  token: () => import("./token"),
  publish: () => import("./publish"),
};

const usage = `Usage: touchpoint <command> [options]

Commands:
  validate <config.json>             check a Touchpoint config; exits 1 when it has problems
  report <events.ndjson | feedback.db | postgres://…> [--json] [--config touchpoint.json]
         [--weights control=50,b=50] [--fixed] [--mde 3]
                                     response rates, NPS / CSAT / CES and A/B verdicts
                                     (always-valid unless --fixed), planning for an MDE
  collect --db feedback.db|postgres://… --port 8787 [--host 127.0.0.1] [--allow-origin URL]...
          [--site KEY=ORIGIN,ORIGIN]... [--body-limit BYTES] [--rate-limit N|off]
          [--dashboard DIR] [--journey A,B,C] [--public-url URL] [--public-host HOST]...
          [--public-read]
                                     run the reference collector and dashboard
  token create --db feedback.db|postgres://… --role viewer|editor|admin [--site KEY] [--name NAME]
  token list --db … | token revoke --db … ID
                                     access tokens for the read API and dashboard
  seed --db feedback.db [--replace]  fill a database with a simulated data set (demo)
  migrate --from feedback.db --to postgres://…
                                     copy events, config versions and tokens into
                                     another database (idempotent)
  publish <config.json> --db feedback.db|postgres://… --site KEY [--message TEXT]
                                     publish a config version, served at /v1/config/KEY
`;

/** Runs the command line; resolves to the exit code. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.stdout(usage);
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    io.stderr(`touchpoint: unknown command "${name}"\n\n${usage}`);
    return 2;
  }
  const { run } = await load();
  return run(rest, io);
}
