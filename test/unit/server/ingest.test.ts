// @vitest-environment node
import { request } from "node:http";
import { describe, expect, it } from "vitest";
import { batch, countRows, makeEvent, post, startCollector } from "./helpers";

describe("POST /v1/events", () => {
  it("stores a valid batch and reports what it stored", async () => {
    const { url, dbPath } = await startCollector();
    const impression = makeEvent({ kind: "impression" });
    delete impression.score;
    const events = [makeEvent(), impression];
    const response = await post(`${url}/v1/events`, batch(events));
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ accepted: 2, stored: 2, duplicates: 0 });
    expect(countRows(dbPath)).toBe(2);
  });

  it("stores a re-sent batch once and acknowledges it as duplicates", async () => {
    const { url, dbPath } = await startCollector();
    const body = batch([makeEvent(), makeEvent(), makeEvent()]);
    expect((await post(`${url}/v1/events`, body)).json).toEqual({
      accepted: 3,
      stored: 3,
      duplicates: 0,
    });
    expect((await post(`${url}/v1/events`, body)).json).toEqual({
      accepted: 3,
      stored: 0,
      duplicates: 3,
    });
    expect(countRows(dbPath)).toBe(3);
  });

  it("fills in the comment of an answer re-sent with one, keeping one row", async () => {
    const { url, dbPath, collector } = await startCollector();
    const answer = makeEvent({ score: 3 });
    await post(`${url}/v1/events`, batch([answer]));
    const second = await post(
      `${url}/v1/events`,
      batch([{ ...answer, comment: "Delivery was late" }]),
    );
    expect(second.json).toEqual({ accepted: 1, stored: 0, duplicates: 1 });
    await post(`${url}/v1/events`, batch([{ ...answer, comment: "a later, different text" }]));
    expect(countRows(dbPath)).toBe(1);
    expect(collector.db.prepare("SELECT score, comment FROM events").get()).toEqual({
      score: 3,
      comment: "Delivery was late",
    });
  });

  it("counts an id repeated inside one batch as a duplicate", async () => {
    const { url, dbPath } = await startCollector();
    const event = makeEvent();
    const response = await post(`${url}/v1/events`, batch([event, event]));
    expect(response.json).toEqual({ accepted: 2, stored: 1, duplicates: 1 });
    expect(countRows(dbPath)).toBe(1);
  });

  it("writes the columns the report reads, with createdAt normalized to UTC", async () => {
    const { url, collector } = await startCollector({ now: () => Date.UTC(2024, 4, 2) });
    const event = makeEvent({
      createdAt: "2024-05-01T12:00:00+02:00",
      forced: true,
      comment: "Fast checkout",
      userId: "user-7",
    });
    await post(`${url}/v1/events`, batch([event]));
    expect(collector.db.prepare("SELECT * FROM events").get()).toEqual({
      id: event.id,
      site_key: "site-a",
      kind: "answer",
      survey_id: "nps-checkout",
      survey_type: "nps",
      touchpoint: "order_confirmation",
      variant: "control",
      forced: 1,
      holdout: 0,
      score: 9,
      comment: "Fast checkout",
      consent: null,
      contact: null,
      created_at: "2024-05-01T10:00:00.000Z",
      received_at: "2024-05-02T00:00:00.000Z",
      visitor_id: "visitor-1",
      user_id: "user-7",
      session_id: "session-1",
      url: "https://shop.example/thanks",
      locale: "en-US",
      sdk_version: "0.1.0",
    });
  });

  it("accepts application/json and the /collect alias", async () => {
    const { url, dbPath } = await startCollector();
    const json = { "content-type": "application/json" };
    expect((await post(`${url}/collect`, batch([makeEvent()]), json)).status).toBe(200);
    expect(countRows(dbPath)).toBe(1);
  });

  it("accepts NDJSON, one event per line, blank lines and CRLF allowed", async () => {
    const { url, dbPath } = await startCollector();
    const lines = [makeEvent(), makeEvent(), makeEvent()].map((e) => JSON.stringify(e));
    const body = `${lines[0]}\r\n\n${lines[1]}\n${lines[2]}\n`;
    for (const type of ["application/x-ndjson", "text/plain"]) {
      const response = await post(`${url}/v1/events`, body, { "content-type": type });
      expect(response.status).toBe(200);
      expect(response.json.accepted).toBe(3);
    }
    expect(countRows(dbPath)).toBe(3);
  });
});

describe("POST /v1/events refusals", () => {
  const cases: Array<{
    name: string;
    body: () => string;
    headers?: Record<string, string>;
    status: number;
    error: string | RegExp;
  }> = [
    {
      name: "a score out of range",
      body: () => batch([makeEvent(), makeEvent(), makeEvent(), makeEvent({ score: 11 })]),
      status: 400,
      error: "events[3].score: expected an integer from 0 to 10 for an nps answer, got 11",
    },
    {
      name: "a fractional CSAT score",
      body: () => batch([makeEvent({ surveyType: "csat", score: 4.5 })]),
      status: 400,
      error: "events[0].score: expected an integer from 1 to 5 for a csat answer, got 4.5",
    },
    {
      name: "a CES score of 0",
      body: () => batch([makeEvent({ surveyType: "ces", score: 0 })]),
      status: 400,
      error: "events[0].score: expected an integer from 1 to 7 for a ces answer, got 0",
    },
    {
      name: "an answer without a score",
      body: () => batch([{ ...makeEvent(), score: undefined }]),
      status: 400,
      error: "events[0].score: expected an integer from 0 to 10 for an nps answer, got nothing",
    },
    {
      name: "a score on an impression",
      body: () => batch([makeEvent({ kind: "impression" })]),
      status: 400,
      error: "events[0].score: expected no score on an impression, got 9",
    },
    {
      name: "a missing field",
      body: () => batch([makeEvent(), { ...makeEvent(), visitorId: undefined }]),
      status: 400,
      error:
        "events[1].visitorId: expected a string of 1 to 128 characters without control characters, got nothing",
    },
    {
      name: "an unknown kind",
      body: () => batch([makeEvent({ kind: "click" as "answer" })]),
      status: 400,
      error: 'events[0].kind: expected one of "impression", "answer", "dismissal", got "click"',
    },
    {
      name: "a short id",
      body: () => batch([makeEvent({ id: "abc" })]),
      status: 400,
      error: 'events[0].id: expected 8 to 64 letters, digits or dashes, got "abc"',
    },
    {
      name: "a createdAt that is not a time",
      body: () => batch([makeEvent({ createdAt: "yesterday" })]),
      status: 400,
      error: 'events[0].createdAt: expected an ISO 8601 time with a time zone, got "yesterday"',
    },
    {
      name: "a comment over 2,000 characters",
      body: () => batch([makeEvent({ comment: "x".repeat(2001) })]),
      status: 400,
      error: /^events\[0\]\.comment: expected a string of at most 2000 characters, got "x{39}/,
    },
    {
      name: "an event that is not an object",
      body: () => batch([makeEvent(), 42]),
      status: 400,
      error: "events[1]: expected an event object, got 42",
    },
    {
      name: "an empty events array",
      body: () => batch([]),
      status: 400,
      error: "events: expected at least one event, got an empty array",
    },
    {
      name: "an unknown schema version",
      body: () => JSON.stringify({ schema: 2, events: [makeEvent()] }),
      status: 400,
      error: "schema: expected 1, got 2",
    },
    {
      name: "events from two site keys",
      body: () => batch([makeEvent(), makeEvent({ siteKey: "site-b" })]),
      status: 400,
      error: 'events[1].siteKey: expected "site-a" like the rest of the request, got "site-b"',
    },
    {
      name: "malformed JSON in a pretty-printed batch",
      body: () => `{\n  "schema": 1,\n  "events": [\n    {"id": "x",}\n  ]\n}`,
      status: 400,
      error:
        'malformed JSON at line 4, column 16: expected a double-quoted property name, found "}"',
    },
    {
      name: "a malformed NDJSON line",
      body: () => `${JSON.stringify(makeEvent())}\n${JSON.stringify(makeEvent())}\n  {"id": tru}\n`,
      status: 400,
      error: 'line 3: malformed JSON at column 10: expected a JSON value, found "t"',
    },
    {
      name: "an invalid NDJSON event",
      body: () => `${JSON.stringify(makeEvent())}\n${JSON.stringify(makeEvent({ score: -1 }))}`,
      status: 400,
      error: "line 2, score: expected an integer from 0 to 10 for an nps answer, got -1",
    },
    {
      name: "an empty body",
      body: () => "  \n",
      status: 400,
      error: "empty body: expected a JSON batch or NDJSON events",
    },
    {
      name: "a multipart body",
      body: () => batch([makeEvent()]),
      headers: { "content-type": "multipart/form-data; boundary=x" },
      status: 415,
      error:
        'expected Content-Type text/plain, application/json or application/x-ndjson, got Content-Type "multipart/form-data; boundary=x"',
    },
    {
      name: "a non-UTF-8 charset",
      body: () => batch([makeEvent()]),
      headers: { "content-type": "text/plain; charset=iso-8859-1" },
      status: 415,
      error: 'expected UTF-8 text, got Content-Type "text/plain; charset=iso-8859-1"',
    },
  ];

  for (const { name, body, headers, status, error } of cases) {
    it(`refuses ${name} with ${status} and stores nothing`, async () => {
      const { url, dbPath } = await startCollector();
      const response = await post(`${url}/v1/events`, body(), headers);
      expect(response.status).toBe(status);
      if (typeof error === "string") expect(response.json.error).toBe(error);
      else expect(response.json.error).toMatch(error);
      expect(countRows(dbPath)).toBe(0);
    });
  }

  it("refuses a body without a content type with 415", async () => {
    const { url } = await startCollector();
    const response = await fetch(`${url}/v1/events`, {
      method: "POST",
      body: new Uint8Array(Buffer.from(batch([makeEvent()]))),
    });
    expect(response.status).toBe(415);
    expect((await response.json()).error).toMatch(/, got no Content-Type$/);
  });

  it("refuses a batch larger than maxEventsPerBatch with 413", async () => {
    const { url, dbPath } = await startCollector({ maxEventsPerBatch: 2 });
    const response = await post(`${url}/v1/events`, batch([makeEvent(), makeEvent(), makeEvent()]));
    expect(response.status).toBe(413);
    expect(response.json.error).toBe("events: at most 2 events per request, got 3");
    expect(countRows(dbPath)).toBe(0);
  });

  it("refuses a body over the limit by its Content-Length with 413", async () => {
    const { url, dbPath } = await startCollector({ bodyLimitBytes: 1000 });
    const response = await post(
      `${url}/v1/events`,
      batch([makeEvent({ comment: "x".repeat(1000) })]),
    );
    expect(response.status).toBe(413);
    expect(response.json.error).toBe("request body is larger than the limit of 1000 bytes");
    expect(countRows(dbPath)).toBe(0);
  });

  it("refuses a chunked body once it passes the limit, without reading the rest", async () => {
    const { url, dbPath } = await startCollector({ bodyLimitBytes: 64 * 1024 });
    const { status, body, sent } = await new Promise<{
      status: number;
      body: string;
      sent: number;
    }>((resolve, reject) => {
      const req = request(`${url}/v1/events`, {
        method: "POST",
        headers: { "content-type": "text/plain", "transfer-encoding": "chunked" },
      });
      let sent = 0;
      const chunk = "x".repeat(16 * 1024);
      // Keeps sending until the server answers: at most 64 MiB if the limit were ignored.
      const pump = () => {
        while (sent < 64 * 1024 * 1024 && !req.destroyed) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once("drain", pump);
        }
      };
      req.on("response", (res) => {
        let text = "";
        res.on("data", (part: Buffer) => {
          text += part.toString();
        });
        res.on("end", () => {
          req.destroy();
          resolve({ status: res.statusCode ?? 0, body: text, sent });
        });
      });
      req.on("error", reject);
      pump();
    });
    expect(status).toBe(413);
    expect(JSON.parse(body).error).toBe("request body is larger than the limit of 65536 bytes");
    expect(sent).toBeLessThan(64 * 1024 * 1024);
    expect(countRows(dbPath)).toBe(0);
  });

  it("rolls back the whole batch when storage fails part-way, and answers 500", async () => {
    const lines: string[] = [];
    const { url, dbPath, collector } = await startCollector({ log: (line) => lines.push(line) });
    collector.db.exec(`CREATE TRIGGER fail_third BEFORE INSERT ON events WHEN NEW.comment = 'boom'
      BEGIN SELECT RAISE(ABORT, 'simulated storage failure'); END`);
    const events = [makeEvent(), makeEvent(), makeEvent({ comment: "boom" })];
    const response = await post(`${url}/v1/events`, batch(events));
    expect(response.status).toBe(500);
    expect(response.json.error).toBe("internal error");
    expect(countRows(dbPath)).toBe(0);
    expect(lines.join("\n")).toContain("simulated storage failure");
  });

  it("answers 405 to other methods and 404 to other paths", async () => {
    const { url } = await startCollector();
    const put = await fetch(`${url}/v1/events`, { method: "PUT", body: "x" });
    expect(put.status).toBe(405);
    expect(put.headers.get("allow")).toBe("POST");
    const missing = await fetch(`${url}/v2/events`);
    expect(missing.status).toBe(404);
    expect((await missing.json()).error).toBe("no route for /v2/events");
  });
});
