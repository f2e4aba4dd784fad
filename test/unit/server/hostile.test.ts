// @vitest-environment node
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { runCollect } from "../../../src/cli/collect";
import { experimentsFromConfig } from "../../../src/report/experiments";
import { sampleRatioCheck } from "../../../src/report/srm";
import { batch, countRows, makeEvent, post, startCollector, tempDir } from "./helpers";
import { httpRequest, parseRaw, rawExchange } from "./raw-http";

describe("Host header and DNS rebinding (issue 13, item 8)", () => {
  it("refuses a Host it does not serve, even when Origin agrees with it", async () => {
    const { url, dbPath, auth } = await startCollector({ allowOrigins: ["https://shop.example"] });
    const rebound = { host: "attacker.test", origin: "http://attacker.test" };
    const ingest = await httpRequest(`${url}/v1/events`, {
      method: "POST",
      headers: { ...rebound, "content-type": "text/plain" },
      body: batch([makeEvent()]),
    });
    expect(ingest.status).toBe(421);
    expect(JSON.parse(ingest.text).error).toMatch(
      /^Host: this collector does not answer for "attacker\.test"/,
    );
    expect(countRows(dbPath)).toBe(0);
    const read = await httpRequest(`${url}/v1/comments`, { headers: { ...rebound, ...auth } });
    expect(read.status).toBe(421);
    const dashboard = await httpRequest(`${url}/healthz`, { headers: rebound });
    expect(dashboard.status).toBe(421);
  });

  it("answers loopback names and the configured public host, and treats that origin as its own", async () => {
    const { url, dbPath } = await startCollector({ publicUrl: "https://feedback.example.com" });
    const port = new URL(url).port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, "feedback.example.com"]) {
      const response = await httpRequest(`${url}/healthz`, { headers: { host } });
      expect(response.status, host).toBe(200);
    }
    // No allowed origins: only its own pages (same origin) may send events from a browser.
    const own = await httpRequest(`${url}/v1/events`, {
      method: "POST",
      headers: {
        host: "feedback.example.com",
        origin: "https://feedback.example.com",
        "content-type": "text/plain",
      },
      body: batch([makeEvent()]),
    });
    expect(own.status).toBe(200);
    expect(countRows(dbPath)).toBe(1);
    const other = await httpRequest(`${url}/healthz`, { headers: { host: "evil.example.com" } });
    expect(other.status).toBe(421);
  });
});

describe("deeply nested JSON (issue 13, item 10)", () => {
  const deep = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;

  it.each([
    [
      "a batch",
      () => `{"schema":1,"events":${deep(100_000)}}`,
      /^JSON nested deeper than 32 levels at line 1, column \d+$/,
    ],
    [
      "the schema field",
      () => `{"schema":${deep(100_000)},"events":[]}`,
      /^JSON nested deeper than 32 levels/,
    ],
    [
      "a nested field of an event",
      () => batch([{ ...makeEvent(), extra: JSON.parse(deep(40)) }]),
      /^JSON nested deeper than 32 levels/,
    ],
    [
      "the score",
      () => batch([makeEvent()]).replace('"score":9', `"score":${deep(100_000)}`),
      /nested deeper than 32/,
    ],
    [
      "an NDJSON line",
      () => `${JSON.stringify(makeEvent())}\n{"id":${deep(100_000)}}\n`,
      /^JSON nested deeper than 32 levels at line 2, column \d+$/,
    ],
  ])("refuses %s with 400 naming the limit, stack-free", async (_name, body, error) => {
    const lines: string[] = [];
    const { url, dbPath } = await startCollector({ log: (line) => lines.push(line) });
    const response = await post(`${url}/v1/events`, body());
    expect(response.status).toBe(400);
    expect(response.json.error).toMatch(error);
    expect(countRows(dbPath)).toBe(0);
    expect(lines.join("\n")).not.toMatch(/\n\s+at /);
  });

  it("still accepts ordinary nesting", async () => {
    const { url } = await startCollector();
    const nested = { a: { b: { c: [1, [2, [3]]] } } };
    expect(
      (await post(`${url}/v1/events`, batch([{ ...makeEvent(), extra: nested }]))).status,
    ).toBe(200);
  });
});

describe("text that is not valid UTF-8 (issue 13, item 11)", () => {
  it("refuses a lone surrogate in a comment or an id with 400 naming the field", async () => {
    const { url, dbPath } = await startCollector();
    const comment = batch([makeEvent({ comment: "x" })]).replace(
      '"comment":"x"',
      '"comment":"x\\ud800y"',
    );
    const refused = await post(`${url}/v1/events`, comment);
    expect(refused.status).toBe(400);
    expect(refused.json.error).toBe(
      "events[0].comment: expected valid Unicode text, got a lone surrogate (\\ud800) at character 2",
    );
    const surveyId = batch([makeEvent({ surveyId: "nps" })]).replace(
      '"surveyId":"nps"',
      '"surveyId":"nps\\udfff"',
    );
    const refusedId = await post(`${url}/v1/events`, surveyId);
    expect(refusedId.status).toBe(400);
    expect(refusedId.json.error).toMatch(/^events\[0\]\.surveyId: expected valid Unicode text/);
    expect(countRows(dbPath)).toBe(0);
    // A pair is one character, stored as is.
    const emoji = await post(`${url}/v1/events`, batch([makeEvent({ comment: "great 👍" })]));
    expect(emoji.status).toBe(200);
  });

  it("refuses raw bytes that are not UTF-8 instead of replacing them", async () => {
    const { url, dbPath } = await startCollector();
    const body = Buffer.concat([
      Buffer.from(batch([makeEvent({ comment: "AB" })]).split("AB")[0] ?? ""),
      Buffer.from([0xff, 0xfe, 0x41]),
      Buffer.from(batch([makeEvent({ comment: "AB" })]).split("AB")[1] ?? ""),
    ]);
    const response = await httpRequest(`${url}/v1/events`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body,
    });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.text).error).toBe("request body is not valid UTF-8");
    expect(countRows(dbPath)).toBe(0);
  });

  it("keeps the database valid UTF-8 that another reader decodes byte for byte", async () => {
    const { url, dbPath } = await startCollector();
    await post(`${url}/v1/events`, batch([makeEvent({ comment: "naïve 👍 שלום" })]));
    const db = new Database(dbPath, { readonly: true });
    const row = db.prepare("SELECT CAST(comment AS BLOB) AS bytes FROM events").get() as {
      bytes: Buffer;
    };
    db.close();
    expect(new TextDecoder("utf-8", { fatal: true }).decode(row.bytes)).toBe("naïve 👍 שלום");
  });
});

describe("impossible dates (issue 13, item 12)", () => {
  it.each([
    "2026-02-30T10:00:00Z",
    "2025-02-29T10:00:00Z",
    "2026-04-31T00:00:00+02:00",
    "2026-01-01T24:00:00Z",
    "2026-13-01T10:00:00Z",
    "2026-01-01T10:60:00Z",
  ])("refuses createdAt %s with 400 naming the field", async (createdAt) => {
    const { url, dbPath } = await startCollector();
    const response = await post(`${url}/v1/events`, batch([makeEvent({ createdAt })]));
    expect(response.status).toBe(400);
    expect(response.json.error).toBe(
      `events[0].createdAt: expected a date and time that exist, got "${createdAt}"`,
    );
    expect(countRows(dbPath)).toBe(0);
  });

  it("accepts February 29 of a leap year", async () => {
    const { url } = await startCollector();
    const leap = makeEvent({ createdAt: "2024-02-29T23:59:59+01:00" });
    expect((await post(`${url}/v1/events`, batch([leap]))).status).toBe(200);
  });

  it.each([
    ["from", "2026-02-30"],
    ["to", "2026-02-30T10:00:00Z"],
    ["from", "2026-00-10"],
  ])("refuses ?%s=%s with 400 naming the parameter", async (name, value) => {
    const { url, auth } = await startCollector();
    const response = await fetch(`${url}/v1/summary?${name}=${value}`, { headers: auth });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe(
      `${name}: expected a date that exists, got "${value}"`,
    );
  });
});

describe("variant names that are Object.prototype keys (issue 13, item 13)", () => {
  const VARIANTS = ["control", "__proto__", "constructor", "toString"];

  it("lists every arm in the report and in the sample-ratio check", async () => {
    const { url, auth } = await startCollector();
    const events = VARIANTS.flatMap((variant) =>
      Array.from({ length: 20 }, (_, i) => {
        const { score: _score, ...impression } = makeEvent({
          kind: "impression",
          variant,
          visitorId: `${variant}-${i}`,
        });
        return impression;
      }),
    );
    expect((await post(`${url}/v1/events`, batch(events))).status).toBe(200);
    const body = (await (await fetch(`${url}/v1/report`, { headers: auth })).json()) as {
      report: {
        surveys: {
          touchpoints: {
            arms: { variant: string }[];
            sampleRatio: { observed: Record<string, number>; expectedShare: object };
          }[];
        }[];
      };
    };
    const touchpoint = body.report.surveys[0]?.touchpoints[0];
    expect(touchpoint?.arms.map((arm) => arm.variant).sort()).toEqual([...VARIANTS].sort());
    expect(touchpoint?.sampleRatio.observed).toEqual(
      Object.fromEntries(VARIANTS.map((variant) => [variant, 20])),
    );
    expect(Object.keys(touchpoint?.sampleRatio.expectedShare ?? {})).toHaveLength(4);
  });

  it("checks the sample ratio of prototype-named variants as of any other names", () => {
    const named = (names: readonly string[]) =>
      Object.fromEntries(names.map((name, i) => [name, [100, 90, 100, 100][i] as number]));
    const plain = sampleRatioCheck(named(["a", "b", "c", "d"]));
    const prototypeNamed = sampleRatioCheck(
      named(["control", "__proto__", "constructor", "toString"]),
    );
    expect(Object.keys(prototypeNamed?.observed ?? {})).toHaveLength(4);
    expect(prototypeNamed?.logBayesFactor).toBe(plain?.logBayesFactor);
    expect(prototypeNamed?.pValue).toBe(plain?.pValue);
    // A weighted variant with no impressions yet counts 0, not Object.prototype.toString.
    const weighted = sampleRatioCheck(
      Object.fromEntries([["control", 10]]),
      Object.fromEntries([
        ["control", 1],
        ["toString", 1],
      ]),
    );
    expect(weighted?.observed).toEqual({ control: 10, toString: 0 });
    expect(Number.isFinite(weighted?.pValue)).toBe(true);
  });
});

describe("prototype keys in maps from configs and flags (issue 13, item 13)", () => {
  it("reads a survey id __proto__ from a config as an experiment like any other", () => {
    const variants = [
      { key: "a", weight: 50 },
      { key: "b", weight: 50 },
    ];
    const survey = (id: string) => ({
      id,
      type: "nps",
      touchpoint: "t",
      copy: { question: "Q?" },
      trigger: { on: "manual" },
      variants,
    });
    const { experiments, problems } = experimentsFromConfig({
      surveys: [survey("__proto__"), survey("constructor")],
    });
    expect(problems).toEqual([]);
    expect(Object.keys(experiments).sort()).toEqual(["__proto__", "constructor"]);
    expect(Object.getPrototypeOf(experiments)).toBe(Object.prototype);
  });

  it("accepts --site __proto__=ORIGIN as a site key", async () => {
    const out = { stdout: "", stderr: "" };
    let stop: (signal: string) => void = () => undefined;
    const stopped = new Promise<string>((resolve) => {
      stop = resolve;
    });
    const io = {
      stdout: (t: string) => {
        out.stdout += t;
      },
      stderr: (t: string) => {
        out.stderr += t;
      },
    };
    const argv = [
      "--db",
      `${tempDir()}/p.db`,
      "--port",
      "0",
      "--site",
      "__proto__=https://a.example",
    ];
    const running = runCollect(argv, io, () => stopped);
    await expect.poll(() => out.stdout).toContain("Press Ctrl+C to stop.");
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out.stdout)?.[1] ?? "";
    const event = makeEvent({ siteKey: "__proto__" });
    const accepted = await post(`${url}/v1/events`, batch([event]), {
      origin: "https://a.example",
    });
    expect(accepted.status).toBe(200);
    const other = await post(`${url}/v1/events`, batch([makeEvent()]));
    expect(other.status).toBe(403);
    stop("SIGTERM");
    expect(await running).toBe(0);
  });
});

describe("refusals from the HTTP parser are JSON too (issue 13, item 14)", () => {
  it("answers conflicting Content-Length and Transfer-Encoding with a 400 JSON body", async () => {
    const { url, dbPath } = await startCollector();
    const body = batch([makeEvent()]);
    const raw = await rawExchange(
      url,
      `POST /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\nTransfer-Encoding: chunked\r\n\r\n${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`,
    );
    const response = parseRaw(raw);
    expect(response.status).toBe(400);
    expect(response.contentType).toBe("application/json; charset=utf-8");
    expect(response.json).toEqual({
      error: "Content-Length and Transfer-Encoding: send one of them, not both",
    });
    expect(countRows(dbPath)).toBe(0);
  });

  it.each([
    [
      "without a Host header",
      "GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n",
      "Host: header required",
    ],
    [
      "with two Content-Length headers",
      "POST /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
      "malformed HTTP request: Duplicate Content-Length",
    ],
    [
      "with an unknown method",
      "BREW /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
      "malformed HTTP request: Invalid method encountered",
    ],
  ])("answers a request %s with a 400 JSON body", async (_name, raw, error) => {
    const { url } = await startCollector();
    const response = parseRaw(await rawExchange(url, raw));
    expect(response.status).toBe(400);
    expect(response.contentType).toBe("application/json; charset=utf-8");
    expect(response.json).toEqual({ error });
  });

  it("answers oversized headers with a 431 JSON body", async () => {
    const { url } = await startCollector();
    const raw = await rawExchange(
      url,
      `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`,
    );
    const response = parseRaw(raw);
    expect(response.status).toBe(431);
    expect(response.json).toEqual({
      error: "request headers are larger than the limit of 16384 bytes",
    });
  });

  it("cuts a client that dribbles its headers at the header timeout, with a 408 JSON body", async () => {
    const { url } = await startCollector({ headersTimeoutMs: 400 });
    // The client never finishes its headers; without the fix Node notices only on its 30 s sweep.
    const raw = await rawExchange(url, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n", 50);
    const response = parseRaw(raw);
    expect(response.status).toBe(408);
    expect(response.json).toEqual({
      error: "request headers not received within 0.4 s; connection closed",
    });
  });
});
