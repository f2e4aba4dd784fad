// Every score of every scale, once, as answers with a comment naming them: the data set the
// scale tests run through each place that sorts answers into segments.
import { SURVEY_TYPES, scoresOf } from "../../../src/wire/scale";

/** Each (type, score) pair on every scale, with `key` ("csat 3") as its comment. */
export const ANSWERS = SURVEY_TYPES.flatMap((type) =>
  scoresOf(type).map((score) => ({ type, score, key: `${type} ${score}` })),
);

/** The event fields of each answer, one visitor each; merge into a valid NPS answer. */
export const answerFields = () =>
  ANSWERS.map(({ type, score, key }, i) => ({
    surveyId: `${type}-s`,
    surveyType: type,
    score,
    comment: key,
    visitorId: `v${i}`,
  }));
