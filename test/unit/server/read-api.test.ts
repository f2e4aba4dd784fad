// @vitest-environment node
import { describe, expect, it } from "vitest";
import type { TouchpointEvent } from "../../../src/wire/event";
import { batch, makeEvent, post, startCollector } from "./helpers";

const DAY1 = "2024-05-01T10:00:00.000Z";
const DAY2 = "2024-05-02T09:00:00.000Z";

function impression(visitorId: string, extra: Partial<TouchpointEvent> = {}): TouchpointEvent {
  const event = makeEvent({ kind: "impression", visitorId, ...extra });
  delete event.score;
  return event;
}

function answer(score: number, extra: Partial<TouchpointEvent> = {}): TouchpointEvent {
  return makeEvent({ score, ...extra });
}

const csat = { surveyId: "csat-support", surveyType: "csat", touchpoint: "help_center" } as const;
const ces = { surveyId: "ces-returns", surveyType: "ces", touchpoint: "returns" } as const;
const friendly = { variant: "friendly" };

/** A data set whose aggregates are worked out by hand in the assertions below. */
const dataSet: TouchpointEvent[] = [
  impression("v1"),
  impression("v2"),
  impression("v3", { createdAt: DAY2 }),
  impression("v1", { createdAt: DAY2 }),
  answer(10, { visitorId: "v1", comment: '=HYPERLINK("http://evil.example")' }),
  answer(9, { visitorId: "v2" }),
  answer(7, { visitorId: "v3", comment: "OK I guess", createdAt: DAY2 }),
  answer(3, { visitorId: "v4", comment: "Too slow" }),
  { ...impression("v4"), kind: "dismissal" },
  impression("v5", friendly),
  impression("v6", friendly),
  answer(0, { ...friendly, comment: "Broken,\nreally", createdAt: DAY2 }),
  answer(10, { ...friendly, forced: true, comment: "preview" }),
  impression("v7", { holdout: true }),
  answer(5, csat),
  answer(4, csat),
  answer(2, { ...csat, comment: 'meh, "fine"' }),
  answer(6, ces),
  answer(2, { ...ces, comment: "So many steps" }),
];

async function loaded() {
  const started = await startCollector();
  auth = started.auth;
  const response = await post(`${started.url}/v1/events`, batch(dataSet));
  expect(response.status).toBe(200);
  await post(`${started.url}/v1/events`, batch([answer(1, { siteKey: "site-b" })]));
  return started;
}

/** The admin token of the collector the test started last. */
let auth: Record<string, string> = {};

async function getJson(url: string) {
  const response = await fetch(url, { headers: auth });
  return { status: response.status, json: await response.json() };
}

describe("GET /v1/summary", () => {
  it("aggregates per survey, touchpoint, variant and holdout, leaving forced events out", async () => {
    const { url } = await loaded();
    const { status, json } = await getJson(`${url}/v1/summary?siteKey=site-a`);
    expect(status).toBe(200);
    const rows = json.rows as Array<Record<string, unknown>>;
    const zero = { dismissals: 0, promoters: 0, passives: 0, detractors: 0, csatSatisfied: 0 };
    const common = { siteKey: "site-a", holdout: false, scoreSquareSum: expect.any(Number) };
    expect(rows).toEqual([
      {
        ...common,
        ...zero,
        ...ces,
        variant: "control",
        impressions: 0,
        answers: 2,
        scoreSum: 8,
        scoreSquareSum: 40,
        cesSum: 8,
      },
      {
        ...common,
        ...zero,
        ...csat,
        variant: "control",
        impressions: 0,
        answers: 3,
        csatSatisfied: 2,
        scoreSum: 11,
        cesSum: 0,
      },
      {
        ...common,
        surveyId: "nps-checkout",
        surveyType: "nps",
        touchpoint: "order_confirmation",
        variant: "control",
        impressions: 3,
        answers: 4,
        dismissals: 1,
        promoters: 2,
        passives: 1,
        detractors: 1,
        csatSatisfied: 0,
        scoreSum: 29,
        scoreSquareSum: 239,
        cesSum: 0,
      },
      {
        ...common,
        ...zero,
        surveyId: "nps-checkout",
        surveyType: "nps",
        touchpoint: "order_confirmation",
        variant: "control",
        holdout: true,
        impressions: 1,
        answers: 0,
        scoreSum: 0,
        cesSum: 0,
      },
      {
        ...common,
        ...zero,
        surveyId: "nps-checkout",
        surveyType: "nps",
        touchpoint: "order_confirmation",
        variant: "friendly",
        impressions: 2,
        answers: 1,
        detractors: 1,
        scoreSum: 0,
        cesSum: 0,
      },
    ]);
  });

  it("filters by time range, from inclusive and to exclusive", async () => {
    const { url } = await loaded();
    const { json } = await getJson(
      `${url}/v1/summary?siteKey=site-a&surveyId=nps-checkout&from=2024-05-02&to=2024-05-03`,
    );
    expect(json.from).toBe("2024-05-02T00:00:00.000Z");
    const control = json.rows.find(
      (r: { variant: string; holdout: boolean }) => r.variant === "control" && !r.holdout,
    );
    // v1 was shown on both days: visitors count on the day they were first shown (v3 only here).
    expect(control).toMatchObject({ impressions: 1, answers: 1, passives: 1 });
  });

  it("includes every site without a siteKey", async () => {
    const { url } = await loaded();
    const { json } = await getJson(`${url}/v1/summary`);
    expect(json.rows.map((r: { siteKey: string }) => r.siteKey)).toContain("site-b");
  });

  it("refuses a bad time with 400 naming the parameter", async () => {
    const { url } = await loaded();
    const { status, json } = await getJson(`${url}/v1/summary?from=last-week`);
    expect(status).toBe(400);
    expect(json.error).toBe(
      'from: expected a date (2024-05-01) or an ISO 8601 time with a zone, got "last-week"',
    );
  });
});

describe("GET /v1/timeseries", () => {
  it("counts answers and NPS groups per UTC day", async () => {
    const { url } = await loaded();
    const { json } = await getJson(`${url}/v1/timeseries?surveyId=nps-checkout&siteKey=site-a`);
    expect(json.bucket).toBe("day");
    expect(json.rows).toEqual([
      {
        day: "2024-05-01",
        impressions: 5,
        dismissals: 1,
        answers: 3,
        promoters: 2,
        passives: 0,
        detractors: 1,
        csatSatisfied: 0,
        scoreSum: 22,
      },
      {
        day: "2024-05-02",
        // v3; v1, shown again, counts on the day it was first shown.
        impressions: 1,
        dismissals: 0,
        answers: 2,
        promoters: 0,
        passives: 1,
        detractors: 1,
        csatSatisfied: 0,
        scoreSum: 7,
      },
    ]);
  });

  it("groups by ISO week, Monday first, and by survey type across surveys", async () => {
    const { url } = await loaded();
    // 2024-05-01 is a Wednesday and 2024-05-02 a Thursday: both in the week of Monday 29 April.
    const { json } = await getJson(
      `${url}/v1/timeseries?surveyType=nps&bucket=week&siteKey=site-a`,
    );
    expect(json.surveyType).toBe("nps");
    expect(json.rows).toEqual([
      {
        day: "2024-04-29",
        impressions: 6,
        dismissals: 1,
        answers: 5,
        promoters: 2,
        passives: 1,
        detractors: 2,
        csatSatisfied: 0,
        scoreSum: 29,
      },
    ]);
    const csat = await getJson(`${url}/v1/timeseries?surveyType=csat`);
    expect(csat.json.rows).toMatchObject([{ day: "2024-05-01", answers: 3, csatSatisfied: 2 }]);
  });

  it("requires a survey id or type and knows day and week buckets", async () => {
    const { url } = await loaded();
    const bare = await getJson(`${url}/v1/timeseries`);
    expect(bare.status).toBe(400);
    expect(bare.json.error).toBe("surveyId or surveyType: required, e.g. surveyType=nps");
    const month = await getJson(`${url}/v1/timeseries?surveyId=x&bucket=month`);
    expect(month.status).toBe(400);
    expect(month.json.error).toBe('bucket: expected "day" or "week", got "month"');
    const type = await getJson(`${url}/v1/timeseries?surveyType=star`);
    expect(type.status).toBe(400);
    expect(type.json.error).toBe('surveyType: expected one of nps, csat, ces, got "star"');
  });
});

describe("GET /v1/comments", () => {
  const texts = (json: { rows: Array<{ comment: string }> }) => json.rows.map((r) => r.comment);

  it("lists detractors first, newest first, and leaves forced previews out", async () => {
    const { url } = await loaded();
    const { json } = await getJson(`${url}/v1/comments?surveyId=nps-checkout`);
    expect(texts(json)).toEqual([
      "Broken,\nreally",
      "Too slow",
      "OK I guess",
      '=HYPERLINK("http://evil.example")',
    ]);
    expect(json.rows[0]).toMatchObject({ score: 0, variant: "friendly", createdAt: DAY2 });
    expect(json.rows[1]).toMatchObject({ score: 3, variant: "control", createdAt: DAY1 });
  });

  it("filters by segment across scales", async () => {
    const { url } = await loaded();
    const promoters = await getJson(`${url}/v1/comments?surveyId=nps-checkout&segment=promoter`);
    expect(texts(promoters.json)).toEqual(['=HYPERLINK("http://evil.example")']);
    const low = await getJson(`${url}/v1/comments?segment=low&siteKey=site-a`);
    expect(texts(low.json).sort()).toEqual(
      ["Broken,\nreally", "So many steps", "Too slow", 'meh, "fine"'].sort(),
    );
  });

  it("bounds the limit", async () => {
    const { url } = await loaded();
    const one = await getJson(`${url}/v1/comments?surveyId=nps-checkout&limit=1`);
    expect(texts(one.json)).toEqual(["Broken,\nreally"]);
    const huge = await getJson(`${url}/v1/comments?limit=100000`);
    expect(huge.status).toBe(400);
    expect(huge.json.error).toBe('limit: expected an integer from 1 to 500, got "100000"');
    const segment = await getJson(`${url}/v1/comments?segment=angry`);
    expect(segment.json.error).toBe(
      'segment: expected one of detractor, passive, promoter, low, middle, high, got "angry"',
    );
  });
});

describe("exports", () => {
  it("streams NDJSON in the wire format with receivedAt", async () => {
    const { url } = await loaded();
    const response = await fetch(`${url}/v1/events.ndjson?siteKey=site-a`, { headers: auth });
    expect(response.headers.get("content-type")).toBe("application/x-ndjson; charset=utf-8");
    const lines = (await response.text())
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(dataSet.length);
    const first = dataSet[0] as TouchpointEvent;
    expect(lines[0]).toEqual({
      ...first,
      forced: false,
      holdout: false,
      receivedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    expect(lines.map((l) => l.id)).toEqual(dataSet.map((e) => e.id));
  });

  it("streams CSV with quoting and spreadsheet formulas neutralized", async () => {
    const { url } = await loaded();
    const response = await fetch(`${url}/v1/events.csv?siteKey=site-a`, { headers: auth });
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(
      'attachment; filename="touchpoint-events.csv"',
    );
    const text = await response.text();
    expect(text.startsWith("id,site_key,kind,survey_id,survey_type,touchpoint,variant,")).toBe(
      true,
    );
    expect(text).toContain(`,"'=HYPERLINK(""http://evil.example"")",`);
    expect(text).toContain(',"Broken,\nreally",');
    expect(text).toContain(',"meh, ""fine""",');
    expect(text.split("\r\n")).toHaveLength(dataSet.length + 2);
  });

  it("pages through more rows than one page holds", async () => {
    const { url, auth: admin } = await startCollector();
    const events = Array.from({ length: 2500 }, () => impression("v"));
    for (let i = 0; i < events.length; i += 1000) {
      await post(`${url}/v1/events`, batch(events.slice(i, i + 1000)));
    }
    const text = await (await fetch(`${url}/v1/events.ndjson`, { headers: admin })).text();
    const ids = text
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l).id);
    expect(ids).toEqual(events.map((e) => e.id));
  });
});

describe("GET /healthz", () => {
  it("answers ok", async () => {
    const { url } = await startCollector();
    expect(await getJson(`${url}/healthz`)).toEqual({ status: 200, json: { ok: true } });
  });
});
