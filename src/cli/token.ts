import { resolve } from "node:path";
import { parseArgs } from "node:util";
import type { Role } from "../server/access-store";
import { sqliteAccessStore } from "../server/access-store";
import { openDatabase } from "../server/db";
import { createToken, ROLES } from "../server/tokens";
import type { CliCommand, CliIo } from "./io";

const usage = `Usage: touchpoint token <create | list | revoke> --db feedback.db [options]

Access tokens for the read API, the dashboard and (editor, admin) changes. Only a hash of each
token is stored: create prints the token once; keep it somewhere safe.

Commands:
  create --db FILE --role ROLE [--site KEY] [--name NAME]
      ROLE is viewer (read results), editor (read, edit config, follow-ups) or admin (all,
      including tokens). --site limits the token to one site key; without it, every site.
      Prints the token and a dashboard sign-in link.
  list --db FILE            every token: id, role, site, name, created, revoked
  revoke --db FILE ID       revokes a token and ends its dashboard sessions at once

Options:
  --url URL                 collector URL for the sign-in link   default http://127.0.0.1:8787
  -h, --help                this help
`;

class UsageError extends Error {}

function parse(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: {
      db: { type: "string" },
      site: { type: "string" },
      role: { type: "string" },
      name: { type: "string" },
      url: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  return { values, positionals };
}

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]?.map((_, column) =>
    Math.max(...rows.map((row) => row[column]?.length ?? 0)),
  );
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths?.[column] ?? 0))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

async function create(dbPath: string, values: ReturnType<typeof parse>["values"], io: CliIo) {
  const role = values.role;
  if (role === undefined || !(ROLES as readonly string[]).includes(role)) {
    throw new UsageError(
      `--role: expected one of ${ROLES.join(", ")}, got ${role === undefined ? "nothing" : `"${role}"`}`,
    );
  }
  const created = await createToken(dbPath, {
    role: role as Role,
    site: values.site,
    name: values.name,
  });
  const base = (values.url ?? "http://127.0.0.1:8787").replace(/\/+$/, "");
  io.stdout(
    [
      `Created ${created.role} token ${created.id} ("${created.name}") for ${created.site === null ? "every site" : `site "${created.site}"`}.`,
      "It is shown only now; only its hash is stored:",
      "",
      `  ${created.token}`,
      "",
      `Dashboard sign-in link: ${base}/dashboard/#token=${created.token}`,
      `API: curl -H "Authorization: Bearer ${created.token}" ${base}/v1/summary`,
      "",
    ].join("\n"),
  );
}

async function list(dbPath: string, io: CliIo) {
  const db = openDatabase(dbPath);
  try {
    const tokens = await sqliteAccessStore(db).listTokens();
    if (tokens.length === 0) {
      io.stdout("No tokens. Create one: touchpoint token create --db FILE --role viewer\n");
      return;
    }
    const rows = tokens.map((t) => [
      t.id,
      t.role,
      t.site ?? "(every site)",
      t.name,
      t.createdAt,
      t.revokedAt ?? "",
    ]);
    io.stdout(`${table([["id", "role", "site", "name", "created", "revoked"], ...rows])}\n`);
  } finally {
    db.close();
  }
}

async function revoke(dbPath: string, id: string | undefined, io: CliIo): Promise<number> {
  if (!id) throw new UsageError("revoke: expected a token id (see touchpoint token list)");
  const db = openDatabase(dbPath);
  try {
    const found = await sqliteAccessStore(db).revokeToken(id, new Date().toISOString());
    if (!found) {
      io.stderr(`touchpoint token: no token with id "${id}"\n`);
      return 1;
    }
    io.stdout(`Revoked token ${id}; its dashboard sessions are signed out.\n`);
    return 0;
  } finally {
    db.close();
  }
}

/** `touchpoint token create | list | revoke`. */
export const run: CliCommand = async (argv, io) => {
  try {
    const { values, positionals } = parse(argv);
    const [command, ...rest] = positionals;
    if (values.help || command === "help") {
      io.stdout(usage);
      return 0;
    }
    if (!values.db) throw new UsageError("--db: required, e.g. --db feedback.db");
    const dbPath = resolve(values.db);
    if (command === "create" && rest.length === 0) await create(dbPath, values, io);
    else if (command === "list" && rest.length === 0) await list(dbPath, io);
    else if (command === "revoke" && rest.length <= 1) return await revoke(dbPath, rest[0], io);
    else throw new UsageError(`expected create, list or revoke, got "${positionals.join(" ")}"`);
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const isUsage =
      error instanceof UsageError ||
      (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
    io.stderr(`touchpoint token: ${message}\n${isUsage ? `\n${usage}` : ""}`);
    return isUsage ? 2 : 1;
  }
};
