import type { SegmentCopy } from "../config/ui-types";
import type { SurveyType } from "../wire/event";

/** Which group an answer belongs to; segment-dependent copy is chosen by it. */
export type Segment = "detractor" | "passive" | "promoter" | "low" | "high";

/** NPS 0-6 detractor, 7-8 passive, 9-10 promoter; CSAT 4-5 and CES 5-7 high, the rest low. */
export function segmentOf(type: SurveyType, score: number): Segment {
  if (type === "nps") return score <= 6 ? "detractor" : score <= 8 ? "passive" : "promoter";
  return score >= (type === "csat" ? 4 : 5) ? "high" : "low";
}

/** The text of `copy` for an answer's segment (the one text when it is not split by segment). */
export function forSegment(copy: SegmentCopy | undefined, segment: Segment): string | undefined {
  return typeof copy === "string" ? copy : copy?.[segment];
}
