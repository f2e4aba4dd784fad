// @vitest-environment node
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCollect } from "../../../src/cli/collect";
import { batch, capture, countRows, makeEvent, post, tempDir } from "./helpers";

const never = () => new Promise<string>(() => undefined);

describe("touchpoint collect", () => {
  it.each([
    [[], "--db: required, e.g. --db feedback.db (or set DATABASE_URL)"],
    [["--db", "x.db", "--pool", "0"], '--pool: expected an integer from 1 to 1000, got "0"'],
    [["--db", "x.db", "--port", "http"], '--port: expected an integer from 0 to 65535, got "http"'],
    [
      ["--db", "x.db", "--port", "70000"],
      '--port: expected an integer from 0 to 65535, got "70000"',
    ],
    [
      ["--db", "x.db", "--allow-origin", "shop.example"],
      '--allow-origin: expected an origin like "https://shop.example" or "*", got "shop.example"',
    ],
    [["--db", "x.db", "--site", "noequals"], '--site: expected KEY=ORIGIN,ORIGIN, got "noequals"'],
    [
      ["--db", "x.db", "--site", "a=https://a.example", "--allow-origin", "*"],
      "--allow-origin applies only without --site",
    ],
    [
      ["--db", "x.db", "--public-url", "feedback.example.com"],
      '--public-url: expected the collector\'s base URL like https://feedback.example.com, got "feedback.example.com"',
    ],
    [
      ["--db", "x.db", "--public-host", "a b"],
      '--public-host: expected a host like "feedback.example.com", got "a b"',
    ],
    [
      ["--db", "x.db", "--body-limit", "1.5k"],
      '--body-limit: expected an integer from 1 to 2147483648, got "1.5k"',
    ],
    [
      ["--db", "x.db", "--rate-limit", "fast"],
      '--rate-limit: expected an integer from 1 to 1000000, got "fast"',
    ],
    [["--db", "x.db", "--verbose"], "Unknown option '--verbose'"],
  ])("exits 2 on %j with a clear message", async (argv, message) => {
    const { out, io } = capture();
    expect(await runCollect(argv, io, never)).toBe(2);
    expect(out.stderr).toContain(`touchpoint collect: ${message}`);
    expect(out.stderr).toContain("Usage: touchpoint collect");
  });

  it("prints its URLs, collects until stopped, then closes the database", async () => {
    const dbPath = join(tempDir(), "feedback.db");
    const { out, io } = capture();
    let stop: (signal: string) => void = () => undefined;
    const stopped = new Promise<string>((resolve) => {
      stop = resolve;
    });
    const running = runCollect(
      ["--db", dbPath, "--port", "0", "--site", "site-a=https://shop.example"],
      io,
      () => stopped,
    );
    await expect.poll(() => out.stdout).toContain("Press Ctrl+C to stop.");
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out.stdout)?.[1] ?? "";
    expect(out.stdout).toContain(`events:    POST ${url}/v1/events`);
    expect(out.stdout).toContain(`database:  ${dbPath}`);
    const refused = await post(`${url}/v1/events`, batch([makeEvent({ siteKey: "other" })]));
    expect(refused.status).toBe(403);
    expect((await post(`${url}/v1/events`, batch([makeEvent()]))).status).toBe(200);
    stop("SIGTERM");
    expect(await running).toBe(0);
    expect(out.stdout).toContain("SIGTERM: closing…\ncollector closed\n");
    expect(out.stderr).toContain('403 unknown site key "other"');
    expect(countRows(dbPath)).toBe(1);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });

  it("passes --journey to the dashboard's stage order, readable by anyone with --public-read", async () => {
    const { out, io } = capture();
    let stop: (signal: string) => void = () => undefined;
    const stopped = new Promise<string>((resolve) => {
      stop = resolve;
    });
    const argv = [
      "--db",
      join(tempDir(), "j.db"),
      "--port",
      "0",
      "--journey",
      "cart, checkout,order_confirmation",
      "--public-read",
    ];
    const running = runCollect(argv, io, () => stopped);
    await expect.poll(() => out.stdout).toContain("Press Ctrl+C to stop.");
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out.stdout)?.[1] ?? "";
    const meta = (await (await fetch(`${url}/v1/meta`)).json()) as { journey: string[] };
    expect(meta.journey).toEqual(["cart", "checkout", "order_confirmation"]);
    stop("SIGTERM");
    expect(await running).toBe(0);
  });

  it("exits 1 with the reason when the port is taken", async () => {
    const dir = tempDir();
    const first = capture();
    let stop: (signal: string) => void = () => undefined;
    const stopped = new Promise<string>((resolve) => {
      stop = resolve;
    });
    const running = runCollect(["--db", join(dir, "a.db"), "--port", "0"], first.io, () => stopped);
    await expect.poll(() => first.out.stdout).toContain("listening on");
    const port = /:(\d+)\n/.exec(first.out.stdout)?.[1] ?? "";
    const second = capture();
    expect(await runCollect(["--db", join(dir, "b.db"), "--port", port], second.io, never)).toBe(1);
    expect(second.out.stderr).toContain("EADDRINUSE");
    stop("SIGINT");
    expect(await running).toBe(0);
  });
});
