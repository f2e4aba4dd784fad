import type { SegmentCopy } from "../config/ui-types";
import type { Segment } from "../wire/scale";

export { type Segment, segmentOf } from "../wire/scale";

/** The text of `copy` for an answer's segment (the one text when it is not split by segment). */
export function forSegment(copy: SegmentCopy | undefined, segment: Segment): string | undefined {
  return typeof copy === "string" ? copy : copy?.[segment];
}
