// One storage suite, run against each engine: what the collector stores and reads back must not
// depend on where it stores it.
import { describe, expect, it } from "vitest";
import { buildReport } from "../../src/report/aggregate";
import type { Report } from "../../src/report/types";
import { openStore } from "../../src/server";
import type { EventStore, ExportRow } from "../../src/server/storage/types";
import {
  type EngineName,
  later,
  makeEvent,
  messyEvents,
  openTestStore,
  target,
  valid,
} from "./helpers";

const RECEIVED = "2024-06-01T00:00:00.000Z";
const ENGINES: EngineName[] = ["sqlite", "postgres"];

async function writeInBatches(store: EventStore, events: readonly unknown[], size = 50) {
  let stored = 0;
  for (let i = 0; i < events.length; i += size) {
    stored += await store.write(valid(events.slice(i, i + size) as never), RECEIVED);
  }
  return stored;
}

/**
 * The report without the planning line's traffic estimate: a database keeps visitors first shown
 * per UTC day, so its visitors-per-day (and the days left it implies) is day-granular, where the
 * report of an event file uses each impression's time.
 */
function withoutTraffic(surveys: Report["surveys"]) {
  return surveys.map((survey) => ({
    ...survey,
    touchpoints: survey.touchpoints.map((touchpoint) => ({
      ...touchpoint,
      planning: touchpoint.planning && {
        ...touchpoint.planning,
        dailyPerVariant: null,
        daysLeft: null,
      },
    })),
  }));
}

async function exportAll(store: EventStore): Promise<ExportRow[]> {
  const rows: ExportRow[] = [];
  let after = 0;
  for (;;) {
    const page = await store.exportPage({}, after, 7);
    if (page.length === 0) return rows;
    rows.push(...page);
    after = (page.at(-1) as ExportRow).position;
  }
}

describe.each(ENGINES)("storage on %s", (engine) => {
  it("stores each event id once, within a request and across requests", async () => {
    const store = await openTestStore(engine);
    const a = makeEvent({ kind: "impression" });
    const b = makeEvent();
    expect(await store.write(valid([a, b, a]), RECEIVED)).toBe(2);
    expect(await store.write(valid([b, a]), RECEIVED)).toBe(0);
    const rows = await exportAll(store);
    expect(rows.map((row) => row.id)).toEqual([a.id, b.id]);
    const report = await store.report({}, {});
    expect(report.events).toMatchObject({ received: 2, counted: 2, duplicates: 0 });
    expect(report.surveys[0]?.touchpoints[0]?.arms[0]).toMatchObject({
      impressions: 1,
      answers: 1,
    });
  });

  it("fills in a comment sent later with the same answer id, keeping one row", async () => {
    const store = await openTestStore(engine);
    const answer = makeEvent({ score: 3 });
    await store.write(valid([answer]), RECEIVED);
    expect(await store.write(valid([{ ...answer, comment: "Too slow" }]), RECEIVED)).toBe(0);
    // A second, different comment does not overwrite the first.
    await store.write(valid([{ ...answer, comment: "changed" }]), RECEIVED);
    const rows = await exportAll(store);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: answer.id, comment: "Too slow", score: 3 });
    const comments = await store.comments({}, "detractor", 10);
    expect(comments.map((row) => row.comment)).toEqual(["Too slow"]);
    expect((await store.report({}, {})).surveys[0]?.touchpoints[0]?.arms[0]?.answers).toBe(1);
  });

  it("reports exactly what the report module computes from the same events", async () => {
    const store = await openTestStore(engine);
    const events = messyEvents(600, 7);
    // Delivery is at-least-once: resend a slice.
    await writeInBatches(store, [...events, ...events.slice(100, 160)]);
    const expected = buildReport(events, { weights: { control: 50, benefit: 50 } });
    const actual = await store.report({}, { weights: { control: 50, benefit: 50 } });
    expect(withoutTraffic(actual.surveys)).toEqual(withoutTraffic(expected.surveys));
    expect(actual.events).toEqual({ ...expected.events, received: events.length });
  });

  it("keeps the counts exact when one visitor's events arrive out of order", async () => {
    const store = await openTestStore(engine);
    const common = { visitorId: "v", variant: "control" } as const;
    const late = makeEvent({ ...common, kind: "impression", createdAt: "2024-05-03T00:00:00Z" });
    const early = makeEvent({ ...common, kind: "impression", createdAt: "2024-05-01T00:00:00Z" });
    const older = makeEvent({ ...common, score: 2, createdAt: "2024-05-01T09:00:00Z" });
    const newer = makeEvent({ ...common, score: 10, createdAt: "2024-05-04T09:00:00Z" });
    for (const event of [newer, late, older, early]) await store.write(valid([event]), RECEIVED);
    const arm = (await store.report({}, {})).surveys[0]?.touchpoints[0]?.arms[0];
    expect(arm).toMatchObject({ impressions: 1, answers: 2 });
    // The latest answer (10, a promoter) counts per visitor shown: +100 net promoters.
    expect(arm?.netPromotersPerExposed?.value).toBe(100);
    expect(arm?.responseRate?.value).toBe(100);
    const series = await store.timeseries({ surveyId: "nps-checkout" }, "day");
    expect(series.map((row) => [row.day, row.impressions])).toEqual([
      ["2024-05-01", 1],
      ["2024-05-03", 0],
      ["2024-05-04", 0],
    ]);
  });

  it("answers summary, timeseries, comments, sites and exports", async () => {
    const store = await openTestStore(engine);
    const events = [
      makeEvent({ kind: "impression", visitorId: "a" }),
      makeEvent({ kind: "impression", visitorId: "b", variant: "benefit" }),
      makeEvent({ visitorId: "a", score: 10, comment: "Great" }),
      makeEvent({ visitorId: "b", variant: "benefit", score: 4, comment: "Slow" }),
      makeEvent({
        siteKey: "site-b",
        visitorId: "c",
        score: 8,
        comment: "OK",
        createdAt: "2024-05-09T10:00:00Z",
      }),
      makeEvent({ visitorId: "d", forced: true, score: 0, comment: "preview" }),
    ];
    await store.write(valid(events), RECEIVED);
    expect(await store.sites()).toEqual(["site-a", "site-b"]);
    const summary = await store.summary({ siteKey: "site-a" });
    expect(
      summary.map((r) => [r.variant, r.impressions, r.answers, r.promoters, r.detractors]),
    ).toEqual([
      ["benefit", 1, 1, 0, 1],
      ["control", 1, 1, 1, 0],
    ]);
    const weeks = await store.timeseries({ surveyType: "nps" }, "week");
    expect(weeks.map((r) => [r.day, r.answers, r.scoreSum])).toEqual([
      ["2024-04-29", 2, 14],
      ["2024-05-06", 1, 8],
    ]);
    const comments = await store.comments({}, undefined, 10);
    expect(comments.map((r) => r.comment)).toEqual(["Slow", "OK", "Great"]);
    expect(comments[0]).toEqual({
      id: events[3]?.id,
      surveyId: "nps-checkout",
      surveyType: "nps",
      touchpoint: "order_confirmation",
      variant: "benefit",
      score: 4,
      comment: "Slow",
      createdAt: "2024-05-01T10:00:00.000Z",
      locale: "en-US",
      url: "https://shop.example/thanks",
    });
    expect(await store.comments({ from: "2024-05-05" }, undefined, 10)).toHaveLength(1);
    expect(await store.lastReceived({ siteKey: "site-b" })).toBe(RECEIVED);
    expect(await store.lastReceived({ siteKey: "nobody" })).toBeNull();
    const rows = await exportAll(store);
    expect(rows.map((r) => r.id)).toEqual(events.map((e) => e.id));
    expect(rows[5]).toMatchObject({ forced: 1, holdout: 0, user_id: null, score: 0 });
  });

  it("filters the roll-ups by whole UTC days", async () => {
    const store = await openTestStore(engine);
    await store.write(
      valid([
        makeEvent({ kind: "impression", visitorId: "a", createdAt: "2024-05-01T23:00:00Z" }),
        makeEvent({ kind: "impression", visitorId: "b", createdAt: "2024-05-02T01:00:00Z" }),
      ]),
      RECEIVED,
    );
    const shown = async (filter: object) =>
      (await store.summary(filter)).reduce((sum, row) => sum + row.impressions, 0);
    expect(await shown({ from: "2024-05-02T00:00:00.000Z" })).toBe(1);
    expect(await shown({ to: "2024-05-02T00:00:00.000Z" })).toBe(1);
    // A time inside a day takes the whole day.
    expect(await shown({ to: "2024-05-01T12:00:00.000Z" })).toBe(1);
    expect(await shown({ from: "2024-05-01T12:00:00.000Z" })).toBe(2);
  });

  it("keeps the counts exact when two collectors write the same events at once", async () => {
    const at = await target(engine);
    const first = await openTestStore(engine, at);
    const second = openStore(at);
    later(() => second.close());
    await second.ready;
    const events = messyEvents(400, 11);
    const [a, b] = await Promise.all([
      writeInBatches(first, events, 25),
      writeInBatches(second, [...events].reverse(), 25),
    ]);
    const distinct = new Set(events.map((event) => event.id)).size;
    expect(a + b).toBe(distinct);
    expect((await exportAll(first)).length).toBe(distinct);
    const expected = buildReport(events);
    expect(withoutTraffic((await second.report({}, {})).surveys)).toEqual(
      withoutTraffic(expected.surveys),
    );
  });
});
