// @vitest-environment node
// Every place that sorts answers into low / middle / high follows src/wire/scale.ts: the UI's
// follow-up and contact segment, the report's NPS and CSAT, the dashboard's split, the alert
// rules, and the collector's SQL (comments filter, summary roll-ups, the comments index).
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { splitOf } from "../../../dashboard/model";
import { passesStructure } from "../../../src/config/structure";
import { validate } from "../../../src/config/validate";
import { isSatisfied } from "../../../src/report/csat";
import { npsValue } from "../../../src/report/nps";
import { ruleMatches } from "../../../src/server/alerts/rules";
import { COMMENT_RANK } from "../../../src/server/storage/event-sql";
import { PG_MIGRATIONS } from "../../../src/server/storage/postgres-schema";
import { segmentOf as uiSegmentOf } from "../../../src/ui/segment";
import { scaleValues } from "../../../src/ui/values";
import type { SurveyType } from "../../../src/wire/event";
import {
  bandOf,
  bandOfSegment,
  inSegment,
  SCALES,
  SEGMENTS,
  SURVEY_TYPES,
} from "../../../src/wire/scale";
import { validateEvent } from "../../../src/wire/validate";
import { batch, makeEvent, post, startCollector } from "../server/helpers";
import { ANSWERS, answerFields } from "./answers";

describe("the scales", () => {
  it("are the ones a CX practitioner expects", () => {
    const bands = (type: SurveyType) =>
      scaleValues(type)
        .map((s) => bandOf(type, s)[0])
        .join("");
    expect(bands("nps")).toBe("lllllllmmhh");
    expect(bands("csat")).toBe("llmhh");
    expect(bands("ces")).toBe("lllmhhh");
  });

  it("give the UI's segment, the report, the dashboard and the validator one answer", () => {
    for (const { type, score } of ANSWERS) {
      const band = bandOf(type, score);
      const segment = uiSegmentOf(type, score);
      expect(bandOfSegment(segment), `${type} ${score}`).toBe(band);
      expect(inSegment(segment, type, score)).toBe(true);
      if (type === "nps") expect(npsValue(score)).toBe({ low: -1, middle: 0, high: 1 }[band]);
      if (type === "csat") expect(isSatisfied(score)).toBe(band === "high");
      expect(splitOf(type, { [score]: 1 })).toEqual({ low: 0, middle: 0, high: 0, [band]: 1 });
      const event = makeEvent({ surveyType: type, score });
      expect(validateEvent(event).ok).toBe(true);
    }
    for (const type of SURVEY_TYPES) {
      for (const score of [SCALES[type].min - 1, SCALES[type].max + 1]) {
        const event = makeEvent({ surveyType: type, score });
        expect(validateEvent(event).ok).toBe(false);
      }
    }
  });

  it("give the alert rules the comments filter's answer", () => {
    for (const segment of SEGMENTS) {
      const rule = { name: "r", match: { segment }, destinations: [], waitMs: 0 };
      for (const { type, score } of ANSWERS) {
        const facts = {
          siteKey: "s",
          surveyId: "x",
          touchpoint: "t",
          comment: null,
          consent: false,
        };
        expect(
          ruleMatches(rule, { ...facts, surveyType: type, score }),
          `${segment} ${type} ${score}`,
        ).toBe(inSegment(segment, type, score));
      }
    }
  });

  it("give the collector's SQL, its summary and its comments index the same answer", async () => {
    const { url, auth, dbPath } = await startCollector();
    const events = answerFields().map((fields) => makeEvent(fields));
    expect((await post(`${url}/v1/events`, batch(events))).status).toBe(200);

    for (const segment of SEGMENTS) {
      const response = await fetch(`${url}/v1/comments?segment=${segment}&limit=500`, {
        headers: auth,
      });
      const rows = (await response.json()).rows as Array<{ comment: string }>;
      const expected = ANSWERS.filter((a) => inSegment(segment, a.type, a.score)).map((a) => a.key);
      expect(rows.map((r) => r.comment).sort(), segment).toEqual(expected.sort());
    }
    // Lowest band first, whatever the scale.
    const all = await (await fetch(`${url}/v1/comments?limit=500`, { headers: auth })).json();
    const order = (all.rows as Array<{ surveyType: SurveyType; score: number }>).map((r) =>
      ["low", "middle", "high"].indexOf(bandOf(r.surveyType, r.score)),
    );
    expect(order).toEqual([...order].sort());

    const summary = await (await fetch(`${url}/v1/summary`, { headers: auth })).json();
    for (const type of SURVEY_TYPES) {
      const row = summary.rows.find((r: { surveyType: string }) => r.surveyType === type);
      const count = (band: string) =>
        scaleValues(type).filter((s) => bandOf(type, s) === band).length;
      if (type === "nps") {
        expect(row).toMatchObject({
          detractors: count("low"),
          passives: count("middle"),
          promoters: count("high"),
        });
      }
      if (type === "csat") expect(row.csatSatisfied).toBe(count("high"));
    }

    const db = new Database(dbPath, { readonly: true });
    try {
      const index = db
        .prepare("SELECT sql FROM sqlite_master WHERE name = 'events_comments'")
        .get() as { sql: string };
      // A query walks an expression index only when it uses the index's very expression.
      expect(index.sql).toContain(COMMENT_RANK);
    } finally {
      db.close();
    }
  });

  it("match the comments index of the latest PostgreSQL migration that builds it", () => {
    const latest = PG_MIGRATIONS.filter((sql) => sql.includes("events_comments")).at(-1);
    expect(latest).toContain(COMMENT_RANK);
  });

  it("name the segments the config accepts, in the engine's quick check and the full check", () => {
    const config = (followUp: Record<string, string>, segments: string[]) => ({
      siteKey: "shop",
      collector: "/collect",
      surveys: [
        {
          id: "csat-help",
          type: "csat",
          touchpoint: "help",
          copy: { question: "Helpful?", followUp, thanks: followUp },
          contact: { segments },
          trigger: { on: "manual" },
        },
      ],
    });
    const every = Object.fromEntries(SEGMENTS.map((segment) => [segment, "Why?"]));
    // `contact` always goes to the full check; the copy's segments are checked quickly.
    const { contact: _, ...quick } = config(every, []).surveys[0] as Record<string, unknown>;
    expect(passesStructure({ ...config(every, []), surveys: [quick] })).toBe(true);
    expect(validate(config(every, [...SEGMENTS]))).toEqual([]);
    expect(passesStructure(config({ neutral: "Why?" }, []))).toBe(false);
    expect(validate(config({ neutral: "Why?" }, ["neutral"])).map((p) => p.path)).toEqual([
      "surveys[0].copy.followUp",
      "surveys[0].copy.thanks",
      "surveys[0].contact.segments[0]",
    ]);
  });
});
