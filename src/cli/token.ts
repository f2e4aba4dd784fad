import { resolve } from "node:path";
import { parseArgs } from "node:util";
import type { AccessStore, Role } from "../server/access-store";
import { isPostgresUrl } from "../server/storage/open";
import { openStores } from "../server/storage/stores";
import { createToken, ROLES } from "../server/tokens";
import type { CliCommand, CliIo } from "./io";

const usage = `Usage: touchpoint token <create | list | revoke> --db feedback.db [options]
       touchpoint token <create | list | revoke> --db postgres://user@host:5432/dbname [options]

Access tokens for the read API, the dashboard and (editor, admin) changes. Only a hash of each
token is stored: create prints the token once; keep it somewhere safe. Tokens live in the
collector's database, so every collector sharing a PostgreSQL database honours them at once.

Commands:
  create --db DB --role ROLE [--site KEY] [--name NAME]
      ROLE is viewer (read results), editor (read, edit config, follow-ups) or admin (all,
      including tokens). --site limits the token to one site key; without it, every site.
      Prints the token and a dashboard sign-in link.
  list --db DB              every token: id, role, site, name, created, revoked
  revoke --db DB ID         revokes a token and ends its dashboard sessions at once

Options:
  --db FILE|URL             the collector's SQLite file or PostgreSQL URL   default: $DATABASE_URL
  --url URL                 collector URL for the sign-in link   default http://127.0.0.1:8787
  -h, --help                this help
`;

class UsageError extends Error {}

/** Each command, and how many arguments it takes at most. */
const ARGUMENTS = new Map([
  ["create", 0],
  ["list", 0],
  ["revoke", 1],
]);

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

/** The role named by `--role`, checked before any database is opened. */
function checkRole(role: string | undefined): Role {
  if (role === undefined || !(ROLES as readonly string[]).includes(role)) {
    throw new UsageError(
      `--role: expected one of ${ROLES.join(", ")}, got ${role === undefined ? "nothing" : `"${role}"`}`,
    );
  }
  return role as Role;
}

async function create(store: AccessStore, values: ReturnType<typeof parse>["values"], io: CliIo) {
  const role = checkRole(values.role);
  const created = await createToken(store, {
    role,
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

async function list(store: AccessStore, io: CliIo) {
  const tokens = await store.listTokens();
  if (tokens.length === 0) {
    io.stdout("No tokens. Create one: touchpoint token create --db DB --role viewer\n");
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
}

async function revoke(store: AccessStore, id: string, io: CliIo): Promise<number> {
  const found = await store.revokeToken(id, new Date().toISOString());
  if (!found) {
    io.stderr(`touchpoint token: no token with id "${id}"\n`);
    return 1;
  }
  io.stdout(`Revoked token ${id}; its dashboard sessions are signed out.\n`);
  return 0;
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
    const db = values.db ?? (io.env ?? process.env).DATABASE_URL;
    if (!db) throw new UsageError("--db: required, e.g. --db feedback.db (or set DATABASE_URL)");
    const most = command === undefined ? undefined : ARGUMENTS.get(command);
    if (most === undefined || rest.length > most) {
      throw new UsageError(`expected create, list or revoke, got "${positionals.join(" ")}"`);
    }
    if (command === "revoke" && !rest[0]) {
      throw new UsageError("revoke: expected a token id (see touchpoint token list)");
    }
    if (command === "create") checkRole(values.role);
    const stores = await openStores(isPostgresUrl(db) ? db : resolve(db));
    try {
      if (command === "create") await create(stores.access, values, io);
      else if (command === "list") await list(stores.access, io);
      else return await revoke(stores.access, rest[0] as string, io);
    } finally {
      await stores.close();
    }
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
