// @vitest-environment node
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../../src/cli";
import { startCollector, tempDir } from "./helpers";

async function run(...argv: string[]) {
  const out = { stdout: "", stderr: "" };
  const code = await main(argv, {
    stdout: (text) => {
      out.stdout += text;
    },
    stderr: (text) => {
      out.stderr += text;
    },
  });
  return { code, ...out };
}

describe("touchpoint token", () => {
  it("creates a token shown once, lists it without its secret, and revokes it", async () => {
    const { url, collector, dbPath } = await startCollector();
    const created = await run(
      "token",
      "create",
      "--db",
      dbPath,
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
    const read = () =>
      fetch(`${url}/v1/summary`, { headers: { authorization: `Bearer ${token}` } });
    expect((await read()).status).toBe(200);

    const listed = await run("token", "list", "--db", dbPath);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(new RegExp(`^${id}\\s+viewer\\s+shop\\s+Ana\\s+\\d{4}-`, "m"));
    expect(listed.stdout).not.toContain(token.slice(16));

    const revoked = await run("token", "revoke", "--db", dbPath, id);
    expect(revoked).toMatchObject({ code: 0 });
    expect(revoked.stdout).toBe(`Revoked token ${id}; its dashboard sessions are signed out.\n`);
    expect((await read()).status).toBe(401);
    expect((await run("token", "list", "--db", dbPath)).stdout).toMatch(
      new RegExp(`^${id}.*Ana\\s+\\S+\\s+\\d{4}-\\S+$`, "m"),
    );
    expect((await run("token", "revoke", "--db", dbPath, "000000000000")).code).toBe(1);
    await collector.close();
  });

  it.each([
    [["create", "--db", "x.db"], "--role: expected one of viewer, editor, admin, got nothing"],
    [
      ["create", "--db", "x.db", "--role", "owner"],
      '--role: expected one of viewer, editor, admin, got "owner"',
    ],
    [["create", "--role", "viewer"], "--db: required, e.g. --db feedback.db"],
    [["rotate", "--db", "x.db"], 'expected create, list or revoke, got "rotate"'],
    [
      ["create", "--db", "x.db", "--role", "viewer", "--colour", "red"],
      "Unknown option '--colour'",
    ],
  ])("exits 2 on %j with a clear message", async (argv, message) => {
    const dbPath = join(tempDir(), "x.db");
    const result = await run("token", ...argv.map((a) => (a === "x.db" ? dbPath : a)));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain("Usage: touchpoint token");
  });

  it("documents itself with --help", async () => {
    const help = await run("token", "--help");
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("viewer (read results), editor (read, edit config, follow-ups)");
  });
});
