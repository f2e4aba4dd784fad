// @vitest-environment node
import { describe, expect, it } from "vitest";
import { buildReport } from "../../../src/report/aggregate";
import { createCollector, SCHEMA_VERSION } from "../../../src/server";
import type { TouchpointEvent } from "../../../src/wire/event";
import { batch, makeEvent, post, startCollector } from "./helpers";

const NOW = Date.parse("2024-05-03T12:00:00.000Z");

function impression(visitorId: string, extra: Partial<TouchpointEvent> = {}): TouchpointEvent {
  const event = makeEvent({ kind: "impression", visitorId, ...extra });
  delete event.score;
  return event;
}

/** An A/B test at one touchpoint, a CSAT survey, a forced preview and a second site. */
const events: TouchpointEvent[] = [
  ...["v1", "v2", "v3", "v4"].map((v) => impression(v)),
  ...["v5", "v6", "v7"].map((v) => impression(v, { variant: "short" })),
  makeEvent({ visitorId: "v1", score: 10 }),
  makeEvent({ visitorId: "v2", score: 6, comment: "Slow" }),
  makeEvent({ visitorId: "v5", variant: "short", score: 9 }),
  { ...impression("v3"), kind: "dismissal" },
  makeEvent({ visitorId: "v8", surveyId: "csat-help", surveyType: "csat", score: 4 }),
  makeEvent({ visitorId: "v9", score: 0, forced: true }),
];
const other = makeEvent({ siteKey: "site-b", score: 3 });

async function loaded(options: Parameters<typeof startCollector>[0] = {}) {
  const started = await startCollector({ now: () => NOW, ...options });
  auth = started.auth;
  expect((await post(`${started.url}/v1/events`, batch(events))).status).toBe(200);
  expect((await post(`${started.url}/v1/events`, batch([other]))).status).toBe(200);
  return started;
}

/** The admin token of the collector the test started last. */
let auth: Record<string, string> = {};

async function getJson(url: string) {
  const response = await fetch(url, { headers: auth });
  return { status: response.status, json: await response.json() };
}

describe("GET /v1/report", () => {
  it("answers the report module's figures over the stored events", async () => {
    const { url } = await loaded();
    const { status, json } = await getJson(`${url}/v1/report`);
    expect(status).toBe(200);
    expect(json.report).toEqual(JSON.parse(JSON.stringify(buildReport([...events, other]))));
    expect(json.report.events).toMatchObject({ received: 14, counted: 13, forcedPreviews: 1 });
    expect(json.generatedAt).toBe("2024-05-03T12:00:00.000Z");
    expect(json.lastReceivedAt).toBe("2024-05-03T12:00:00.000Z");
  });

  it("reports one site, survey or touchpoint when asked", async () => {
    const { url } = await loaded();
    const siteB = await getJson(`${url}/v1/report?siteKey=site-b`);
    expect(siteB.json.siteKey).toBe("site-b");
    expect(siteB.json.report.events.received).toBe(1);
    const csat = await getJson(`${url}/v1/report?surveyType=csat`);
    expect(csat.json.report.surveys.map((s: { surveyId: string }) => s.surveyId)).toEqual([
      "csat-help",
    ]);
    const none = await getJson(`${url}/v1/report?touchpoint=nowhere`);
    expect(none.json.report.surveys).toEqual([]);
    expect(none.json.lastReceivedAt).toBeNull();
  });

  it("compares with the named control and checks the split against the given weights", async () => {
    const { url } = await loaded();
    const { json } = await getJson(
      `${url}/v1/report?siteKey=site-a&surveyId=nps-checkout&control=short&weights=control:60,short:40`,
    );
    const [touchpoint] = json.report.surveys[0].touchpoints;
    expect(touchpoint.control).toBe("short");
    expect(touchpoint.arms.map((a: { variant: string }) => a.variant)).toEqual([
      "short",
      "control",
    ]);
    expect(touchpoint.sampleRatio).toMatchObject({
      weights: "given",
      observed: { control: 4, short: 3 },
      expectedShare: { control: 0.6, short: 0.4 },
    });
    expect(touchpoint.verdicts[0]).toMatch(/^variant control vs short: /);
  });

  it("uses fixed-horizon tests with method=fixed and plans for mde=", async () => {
    const { url } = await loaded();
    const base = `${url}/v1/report?siteKey=site-a&surveyId=nps-checkout`;
    const sequential = (await getJson(base)).json.report.surveys[0].touchpoints[0];
    expect(sequential.method).toBe("sequential");
    expect(sequential.planning.mde).toBe(3);
    const fixed = (await getJson(`${base}&method=fixed&mde=5`)).json.report.surveys[0]
      .touchpoints[0];
    expect(fixed.method).toBe("fixed");
    expect(fixed.methodNote).toMatch(/^Method: fixed-horizon/);
    expect(fixed.planning.mde).toBe(5);
  });

  it.each([
    [
      "weights=control",
      'weights: expected up to 20 variant:weight pairs such as control:50,benefit:50, got "control"',
    ],
    [
      "weights=a:1,b:x",
      'weights: expected up to 20 variant:weight pairs such as control:50,benefit:50, got "a:1,b:x"',
    ],
    [`control=${"c".repeat(129)}`, "control: expected at most 128 characters"],
    ["method=bayes", 'method: expected "sequential" or "fixed", got "bayes"'],
    ["mde=0", 'mde: expected points of response rate between 0 and 100, got "0"'],
    [
      "from=last-week",
      'from: expected a date (2024-05-01) or an ISO 8601 time with a zone, got "last-week"',
    ],
  ])("refuses %s with 400 naming the parameter", async (query, error) => {
    const { url } = await loaded();
    const response = await getJson(`${url}/v1/report?${query}`);
    expect(response.status).toBe(400);
    expect(response.json.error).toBe(error);
  });
});

describe("report freshness", () => {
  it("counts an event in the next report, whichever collector on the database stored it", async () => {
    const { url, dbPath } = await loaded();
    const received = async () => (await getJson(`${url}/v1/report`)).json.report.events.received;
    expect(await received()).toBe(14);
    await post(`${url}/v1/events`, batch([makeEvent()]));
    expect(await received()).toBe(15);
    const other = createCollector({ dbPath, rateLimit: false });
    try {
      await other.store.write(
        [makeEvent({ visitorId: "v-other", score: 7 })],
        new Date(NOW).toISOString(),
      );
    } finally {
      await other.close();
    }
    expect(await received()).toBe(16);
  });
});

describe("GET /v1/meta", () => {
  it("lists the site keys with events and the journey order the collector was given", async () => {
    const journey = ["cart", "order_confirmation"];
    const { url } = await loaded({ journey });
    expect(await getJson(`${url}/v1/meta`)).toEqual({
      status: 200,
      json: { schemaVersion: SCHEMA_VERSION, sites: ["site-a", "site-b"], journey },
    });
  });

  it("refuses a journey that is not a list of touchpoint names", () => {
    expect(() => createCollector({ dbPath: ":memory:", journey: ["cart", ""] })).toThrow(
      'journey: expected at most 100 touchpoint names of 1 to 128 characters, got ""',
    );
  });
});
