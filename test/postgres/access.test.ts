// Access tokens, dashboard sessions and the token command, one suite run against each engine:
// tokens and sessions live in the collector's database, so every collector sharing it honours a
// sign-in, and a revocation ends it on all of them at once.
import { createHash } from "node:crypto";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli";
import { createCollector, createToken, storesOf } from "../../src/server";
import { signIn } from "../unit/server/helpers";
import { capture, startTestCollector } from "./engine-collector";
import { type EngineName, freshDatabase, later, makeEvent, tempDir } from "./helpers";

const ENGINES: EngineName[] = ["sqlite", "postgres"];

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

const summary = (url: string, session: string) =>
  fetch(`${url}/v1/summary`, { headers: { cookie: session } }).then((r) => r.status);

/** One row of `access_tokens`, read straight from the database, whatever the engine. */
async function tokenRow(at: string, id: string): Promise<Record<string, unknown> | undefined> {
  const sql = "SELECT * FROM access_tokens WHERE id = ";
  if (!at.startsWith("postgres")) {
    const db = new Database(at, { readonly: true });
    try {
      return db.prepare(`${sql}?`).get(id) as Record<string, unknown> | undefined;
    } finally {
      db.close();
    }
  }
  const client = new pg.Client(at);
  await client.connect();
  try {
    return (await client.query(`${sql}$1`, [id])).rows[0];
  } finally {
    await client.end();
  }
}

describe.each(ENGINES)("tokens and sessions on %s", (engine) => {
  it("keeps only a SHA-256 of the secret, and prints the token once (issue 13, item 9)", async () => {
    const { collector, dbPath } = await startTestCollector(engine);
    const created = await createToken(collector.store, {
      site: "shop",
      role: "viewer",
      name: "Ana",
    });
    expect(created.token).toMatch(/^tp_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    const row = await tokenRow(dbPath, created.id);
    const secret = created.token.slice(16);
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(row?.hash).toBe(createHash("sha256").update(secret).digest("hex"));
    expect(row).toMatchObject({ name: "Ana", site: "shop", role: "viewer", revoked_at: null });
  });

  it("signs in with a token: HttpOnly, SameSite=Strict cookie, CSRF token, no Secure on http", async () => {
    const { url, collector, auth } = await startTestCollector(engine);
    for (const siteKey of ["shop", "blog"]) {
      const events = [makeEvent({ siteKey, comment: `${siteKey} comment` })];
      const posted = await fetch(`${url}/v1/events`, {
        method: "POST",
        body: JSON.stringify({ schema: 1, sentAt: "2024-05-01T10:00:01.000Z", events }),
        headers: { "content-type": "text/plain;charset=UTF-8" },
      });
      expect(posted.status).toBe(200);
    }
    const { token } = await createToken(collector.store, {
      role: "editor",
      site: "shop",
      name: "Bo",
    });
    const { response, cookie, session, json } = await signIn(url, token);
    expect(response.status).toBe(200);
    expect(cookie).toMatch(
      /^tp_session=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=43200; HttpOnly; SameSite=Strict$/,
    );
    expect(json).toMatchObject({ name: "Bo", role: "editor", site: "shop" });
    expect(json.csrfToken).toMatch(/^[0-9a-f]{64}$/);
    const comments = await (
      await fetch(`${url}/v1/comments`, { headers: { cookie: session } })
    ).text();
    expect(comments).toContain("shop comment");
    expect(comments).not.toContain("blog comment");
    const me = await fetch(`${url}/v1/session`, { headers: { cookie: session } });
    expect(await me.json()).toMatchObject({ name: "Bo", csrfToken: json.csrfToken });
    expect((await fetch(`${url}/v1/comments`, { headers: auth })).status).toBe(200);
  });

  it("ends sessions after 12 hours and when their token is revoked", async () => {
    let now = Date.parse("2024-05-01T08:00:00Z");
    const { url, collector } = await startTestCollector(engine, { now: () => now });
    const { token, id } = await createToken(collector.store, { role: "viewer" });
    const first = await signIn(url, token);
    const second = await signIn(url, token);
    now += 11 * 3_600_000;
    expect(await summary(url, first.session)).toBe(200);
    now += 2 * 3_600_000;
    expect(await summary(url, first.session)).toBe(401);
    const third = await signIn(url, token);
    expect(await summary(url, third.session)).toBe(200);
    const { access } = storesOf(collector.store);
    expect(await access.revokeToken(id, new Date(now).toISOString())).toBe(true);
    expect(await summary(url, third.session)).toBe(401);
    expect((await fetch(`${url}/v1/summary`, { headers: bearer(token) })).status).toBe(401);
    expect(second.session).not.toBe(first.session);
  });

  it("honours a session on every collector sharing the database, until the token command revokes it", async () => {
    const one = await startTestCollector(engine);
    const other = createCollector({ dbPath: one.dbPath, rateLimit: false });
    later(() => other.close());
    const two = (await other.listen(0, "127.0.0.1")).url;
    const created = capture(engine === "postgres" ? { DATABASE_URL: one.dbPath } : {});
    const db = engine === "postgres" ? [] : ["--db", one.dbPath];
    expect(await main(["token", "create", ...db, "--role", "viewer"], created.io)).toBe(0);
    const token = /^ {2}(tp_\S+)$/m.exec(created.out.stdout)?.[1] ?? "";
    const id = /token ([0-9a-f]{12}) /.exec(created.out.stdout)?.[1] ?? "";
    const { session } = await signIn(one.url, token);
    expect([await summary(one.url, session), await summary(two, session)]).toEqual([200, 200]);
    const revoked = capture(created.io.env);
    expect(await main(["token", "revoke", ...db, id], revoked.io)).toBe(0);
    expect([await summary(one.url, session), await summary(two, session)]).toEqual([401, 401]);
  });
});

describe.each(ENGINES)("touchpoint token on %s", (engine) => {
  it("creates a token shown once, lists it without its secret, and revokes it", async () => {
    const { url, dbPath } = await startTestCollector(engine);
    // SQLite by path; PostgreSQL by URL, as --db and as DATABASE_URL.
    const run = async (...argv: string[]) => {
      const { out, io } = capture(engine === "postgres" ? { DATABASE_URL: dbPath } : {});
      const withDb = engine === "postgres" && argv[0] !== "list" ? argv : [...argv, "--db", dbPath];
      const code = await main(["token", ...withDb], io);
      return { code, ...out };
    };
    const created = await run(
      "create",
      "--site",
      "shop",
      "--role",
      "viewer",
      "--name",
      "Ana",
      "--url",
      url,
    );
    expect(created.code).toBe(0);
    const token = /^ {2}(tp_\S+)$/m.exec(created.stdout)?.[1] ?? "";
    const id = /token ([0-9a-f]{12}) /.exec(created.stdout)?.[1] ?? "";
    expect(created.stdout).toContain(`Dashboard sign-in link: ${url}/dashboard/#token=${token}`);
    const read = () => fetch(`${url}/v1/summary`, { headers: bearer(token) });
    expect((await read()).status).toBe(200);

    const listed = await run("list");
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(new RegExp(`^${id}\\s+viewer\\s+shop\\s+Ana\\s+\\d{4}-`, "m"));
    expect(listed.stdout).toMatch(/^\S+\s+admin\s+\(every site\)\s+test admin\s+\d{4}-/m);
    expect(listed.stdout).not.toContain(token.slice(16));

    const revoked = await run("revoke", id);
    expect(revoked).toMatchObject({ code: 0 });
    expect(revoked.stdout).toBe(`Revoked token ${id}; its dashboard sessions are signed out.\n`);
    expect((await read()).status).toBe(401);
    expect((await run("list")).stdout).toMatch(
      new RegExp(`^${id}.*Ana\\s+\\S+\\s+\\d{4}-\\S+$`, "m"),
    );
    const unknown = await run("revoke", "000000000000");
    expect(unknown).toMatchObject({
      code: 1,
      stderr: 'touchpoint token: no token with id "000000000000"\n',
    });
  });

  it.each([
    [["create", "--db", "DB"], "--role: expected one of viewer, editor, admin, got nothing"],
    [
      ["create", "--db", "DB", "--role", "owner"],
      '--role: expected one of viewer, editor, admin, got "owner"',
    ],
    [["create", "--role", "viewer"], "--db: required, e.g. --db feedback.db (or set DATABASE_URL)"],
    [["rotate", "--db", "DB"], 'expected create, list or revoke, got "rotate"'],
    [["revoke", "--db", "DB"], "revoke: expected a token id (see touchpoint token list)"],
    [["create", "--db", "DB", "--role", "viewer", "--colour", "red"], "Unknown option '--colour'"],
  ])("exits 2 on %j with a clear message", async (argv, message) => {
    const at = engine === "sqlite" ? join(tempDir(), "x.db") : await freshDatabase();
    const { out, io } = capture();
    const code = await main(["token", ...argv.map((a) => (a === "DB" ? at : a))], io);
    expect(code).toBe(2);
    expect(out.stderr).toContain(message);
    expect(out.stderr).toContain("Usage: touchpoint token");
  });
});

describe("touchpoint token", () => {
  it("says clearly when it cannot reach the database", async () => {
    const { out, io } = capture();
    const code = await main(["token", "list", "--db", "postgres://nobody@127.0.0.1:1/none"], io);
    expect(code).toBe(1);
    expect(out.stderr).toMatch(/^touchpoint token: database unavailable: .*ECONNREFUSED/);
  });

  it("documents itself with --help", async () => {
    const { out, io } = capture();
    expect(await main(["token", "--help"], io)).toBe(0);
    expect(out.stdout).toContain("viewer (read results), editor (read, edit config, follow-ups)");
    expect(out.stdout).toContain("--db postgres://user@host:5432/dbname");
  });
});
