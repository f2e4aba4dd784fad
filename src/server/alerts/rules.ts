import type { SurveyType } from "../../wire/event";
import { inSegment, type Segment } from "../../wire/scale";
import type { ResolvedRule } from "./config";

/** What a rule looks at: one stored answer as it is now. */
export interface AnswerFacts {
  siteKey: string;
  surveyId: string;
  surveyType: SurveyType;
  touchpoint: string;
  score: number;
  comment: string | null;
  consent: boolean;
}

const among = (wanted: string | readonly string[] | undefined, value: string): boolean =>
  wanted === undefined || (typeof wanted === "string" ? wanted === value : wanted.includes(value));

/** A band (`low`) takes that end of every scale, as the comments list's `segment` filter does. */
const inAnySegment = (wanted: Segment | readonly Segment[] | undefined, answer: AnswerFacts) =>
  wanted === undefined ||
  (typeof wanted === "string" ? [wanted] : wanted).some((segment) =>
    inSegment(segment, answer.surveyType, answer.score),
  );

/** True when every condition of the rule's `match` holds for the answer. */
export function ruleMatches(rule: ResolvedRule, answer: AnswerFacts): boolean {
  const { match } = rule;
  if (!among(match.siteKey, answer.siteKey)) return false;
  if (!among(match.surveyId, answer.surveyId)) return false;
  if (!among(match.touchpoint, answer.touchpoint)) return false;
  if (!inAnySegment(match.segment, answer)) return false;
  if (match.score?.min !== undefined && answer.score < match.score.min) return false;
  if (match.score?.max !== undefined && answer.score > match.score.max) return false;
  const hasComment = answer.comment !== null && answer.comment !== "";
  if (match.hasComment !== undefined && match.hasComment !== hasComment) return false;
  if (match.consent !== undefined && match.consent !== answer.consent) return false;
  return true;
}
