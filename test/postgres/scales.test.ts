// The segment SQL on each engine follows src/wire/scale.ts: the comments filter of every segment
// and the summary's NPS groups and satisfied CSAT answers, over every score of every scale.
import { describe, expect, it } from "vitest";
import { scaleValues } from "../../src/ui/values";
import { bandOf, inSegment, SEGMENTS, type SURVEY_TYPES } from "../../src/wire/scale";
import { ANSWERS, answerFields } from "../unit/wire/answers";
import { type EngineName, makeEvent, openTestStore, valid } from "./helpers";

const ENGINES: EngineName[] = ["sqlite", "postgres"];

describe.each(ENGINES)("segments on %s", (engine) => {
  it("filter comments and count the summary by the one scale definition", async () => {
    const store = await openTestStore(engine);
    const events = answerFields().map((fields) => makeEvent(fields));
    await store.write(valid(events), "2024-06-01T00:00:00.000Z");
    for (const segment of SEGMENTS) {
      const rows = await store.comments({}, segment, 500);
      const expected = ANSWERS.filter((a) => inSegment(segment, a.type, a.score)).map((a) => a.key);
      expect(rows.map((r) => r.comment).sort(), segment).toEqual(expected.sort());
    }
    const summary = await store.summary({});
    const count = (type: (typeof SURVEY_TYPES)[number], band: string) =>
      scaleValues(type).filter((s) => bandOf(type, s) === band).length;
    expect(summary.find((r) => r.surveyType === "nps")).toMatchObject({
      detractors: count("nps", "low"),
      passives: count("nps", "middle"),
      promoters: count("nps", "high"),
    });
    expect(summary.find((r) => r.surveyType === "csat")?.csatSatisfied).toBe(count("csat", "high"));
  });
});
