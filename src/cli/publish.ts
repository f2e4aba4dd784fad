import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { publishProblems } from "../config/publish";
import { describeChange, diffConfigs } from "../server/config-diff";
import { openStores } from "../server/storage/stores";
import type { CliCommand } from "./io";

/** Changes printed after a publish; the studio's history shows them all. */
const SHOWN_CHANGES = 20;

const usage = `Usage: touchpoint publish <config.json> --db feedback.db --site KEY [options]
       touchpoint publish <config.json> --db postgres://user@host:5432/dbname --site KEY [options]

Publishes a config as the site's next version in a collector database, after the same checks as
\`touchpoint validate\` and the studio; the collector serves it at GET /v1/config/<KEY>.

Options:
  --db FILE|URL      the collector's SQLite database (created when missing) or PostgreSQL URL
                                                          required, or set $DATABASE_URL
  --site KEY         site key                                                required
  --message TEXT     what changed, shown in the studio's history
  --author NAME      who, shown in the history                  default $USER, else "cli"
  --if-unchanged-by NAME
                     publish only if nothing is published yet, or the latest version was
                     published by NAME (so changes made in the studio are kept)
  --collector URL    replace the config's collector URL (e.g. the port in use)
`;

/** `touchpoint publish`: a file becomes the site's next config version. */
export const run: CliCommand = async (argv, io) => {
  let values: Record<string, string | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: {
        db: { type: "string" },
        site: { type: "string" },
        message: { type: "string" },
        author: { type: "string" },
        "if-unchanged-by": { type: "string" },
        collector: { type: "string" },
      },
    }) as { values: Record<string, string | undefined>; positionals: string[] });
  } catch (error) {
    io.stderr(`${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  const [file] = positionals;
  const db = values.db ?? (io.env ?? process.env).DATABASE_URL;
  if (!file || !db || !values.site) {
    io.stderr(usage);
    return 2;
  }
  let config: Record<string, unknown>;
  try {
    config = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    const reason =
      error instanceof SyntaxError ? `not valid JSON (${error.message})` : (error as Error).message;
    io.stderr(`${file}: ${reason}\n`);
    return 1;
  }
  const { $schema: _schema, ...published } = config;
  if (values.collector) published.collector = values.collector;
  const problems = publishProblems(published, values.site);
  if (problems.length) {
    io.stderr(
      `${file}: ${problems.length} problem${problems.length === 1 ? "" : "s"}; nothing published\n`,
    );
    for (const p of problems) io.stderr(`  ${p.message}\n`);
    return 1;
  }
  let stores: Awaited<ReturnType<typeof openStores>>;
  try {
    stores = await openStores(db);
  } catch (error) {
    io.stderr(`touchpoint publish: cannot open the database: ${(error as Error).message}\n`);
    return 1;
  }
  try {
    const store = stores.configs;
    const latest = await store.latest(values.site);
    const author = values.author ?? process.env.USER ?? "cli";
    const keeper = values["if-unchanged-by"];
    if (latest && JSON.stringify(latest.config) === JSON.stringify(published)) {
      io.stdout(
        `${values.site}: version ${latest.version} already holds ${file}; nothing published\n`,
      );
      return 0;
    }
    if (latest && keeper !== undefined && latest.author !== keeper) {
      io.stdout(
        `${values.site}: version ${latest.version} (by ${latest.author}) kept; ${file} not published\n`,
      );
      return 0;
    }
    const result = await store.publish({
      siteKey: values.site,
      base: latest?.version ?? 0,
      author,
      message: values.message ?? `Published ${file}`,
      config: published,
      publishedAt: new Date().toISOString(),
    });
    if (!result.ok) {
      io.stderr(`${values.site}: another version was published meanwhile; try again\n`);
      return 1;
    }
    io.stdout(`${values.site}: published ${file} as version ${result.version.version}\n`);
    const changes = latest ? diffConfigs(latest.config, published) : [];
    for (const change of changes.slice(0, SHOWN_CHANGES))
      io.stdout(`  ${describeChange(change)}\n`);
    if (changes.length > SHOWN_CHANGES)
      io.stdout(`  … and ${changes.length - SHOWN_CHANGES} more\n`);
    return 0;
  } finally {
    await stores.close();
  }
};
